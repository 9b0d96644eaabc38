"""Lifecycle buttons on cards, DMs and App Home, and the forms some of them open."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.bootstrap import Handoff
from bot.domain.lifecycle import Action
from bot.handlers.common import practice_of
from bot.services.home import publish_home
from bot.services.lifecycle import ActionRequest, perform, precheck
from bot.services.ports import ReplyTo
from bot.slack.blocks.action_modals import ActionOrigin, action_modal
from bot.slack.ids import Button, Callback
from bot.slack.parse import action_submission, menu_verb, task_id_of

DIRECT = {Button.CLAIM: Action.CLAIM, Button.RELEASE: Action.RELEASE}
WITH_FORM = {Button.DONE: Action.DONE, Button.RETURN: Action.RETURN, Button.ANSWER: Action.ANSWER}
FORM = "handoff_action_form"


def pattern(action: Button) -> re.Pattern[str]:
    """Matches the button on a card (`task_claim`) and on lists (`task_claim:42`)."""
    return re.compile(rf"^{action.value}(:\d+)?$")


def register(app: App, handoff: Handoff) -> None:
    def on_direct(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
    ) -> None:
        verb = DIRECT[Button(action["action_id"].split(":")[0])]
        practice, now = practice_of(handoff, context), handoff.clock()
        perform(handoff.uow(), practice, _request(body, action, verb), now)
        if (body.get("view") or {}).get("type") == "home":  # pressed on the Home: refresh it
            publish_home(handoff.uow(), practice, user_id=body["user"]["id"], now=now)
        ack()

    def on_form_button(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
    ) -> None:
        verb = WITH_FORM.get(Button(action["action_id"].split(":")[0])) or menu_verb(action)
        _ask_form(handoff, context, body, _request(body, action, verb))
        ack()

    def open_form(context: BoltContext, body: dict[str, Any], client: Any) -> None:
        if (form := context.get(FORM)) is not None:
            client.views_open(trigger_id=body["trigger_id"], view=form)

    def on_submit(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
    ) -> None:
        handle_form(handoff, ack, body, view, context)

    for action in DIRECT:
        app.action(pattern(action))(on_direct)
    for action in (*WITH_FORM, Button.MORE):
        app.action(pattern(action))(ack=on_form_button, lazy=[open_form])
    app.view(Callback.TASK_ACTION)(on_submit)


def _request(
    body: dict[str, Any], action: dict[str, Any], verb: Action, **kw: Any
) -> ActionRequest:
    user = body["user"]["id"]
    channel = (body.get("channel") or {}).get("id", "")
    return ActionRequest(
        team_id=(body.get("team") or {}).get("id", ""),
        actor_id=user,
        task_id=task_id_of(action),
        action=verb,
        reply_to=ReplyTo(response_url=body.get("response_url", ""), channel=channel, user=user),
        dedupe_key=f"action:{body.get('trigger_id', '')}",
        **kw,
    )


def _ask_form(
    handoff: Handoff, context: BoltContext, body: dict[str, Any], request: ActionRequest
) -> None:
    """Open the action's form, unless the rules already refuse it (then say why)."""
    practice = practice_of(handoff, context)
    task = precheck(handoff.uow(), practice, request, handoff.clock())
    if task is None:
        return
    origin = ActionOrigin(
        request.task_id,
        request.action.value,
        request.reply_to.response_url,
        request.reply_to.channel,
    )
    context[FORM] = action_modal(request.action, task, origin)


def handle_form(
    handoff: Handoff, ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    origin = ActionOrigin.decode(view.get("private_metadata") or "{}")
    form = action_submission(view)
    request = ActionRequest(
        team_id=(body.get("team") or {}).get("id", ""),
        actor_id=body["user"]["id"],
        task_id=origin.task_id,
        action=Action(origin.action),
        reply_to=ReplyTo(),  # refusals come back on the form itself
        dedupe_key=f"view:{view.get('id', '')}",
        text=form.text,
        target_id=form.target,
        until=form.until,
    )
    result = perform(handoff.uow(), practice_of(handoff, context), request, handoff.clock())
    if result.refusal:
        ack(response_action="errors", errors={form.block: result.refusal.capitalize() + "."})
        return
    ack()
