"""Buttons and the ⋯ menu on task cards, DMs and App Home."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.domain.lifecycle import Action
from bot.handlers.modals import ACTION_FORM, DETAILS_TASK
from bot.services.details import view_details as read_details
from bot.services.home import publish_home
from bot.services.lifecycle import ActionRequest, perform, precheck
from bot.services.ports import ReplyTo
from bot.slack.blocks.action_modals import ActionOrigin, action_modal
from bot.slack.ids import Button
from bot.slack.parse import (
    button_of,
    channel_of,
    menu_verb,
    pressed_on_home,
    surface_of,
    task_id_of,
    team_of,
)

DIRECT = {Button.CLAIM: Action.CLAIM, Button.RELEASE: Action.RELEASE}
WITH_FORM = {Button.DONE: Action.DONE, Button.RETURN: Action.RETURN, Button.ANSWER: Action.ANSWER}


def claim_or_release(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    """Claim or Release at once; pressed on the Home, the Home is refreshed."""
    handoff, practice, now = context["handoff"], context["practice"], context["now"]
    request = _request(body, action, DIRECT[button_of(action)])
    perform(handoff.uow(), practice, request, now)
    if pressed_on_home(body):
        publish_home(handoff.uow(), practice, user_id=body["user"]["id"], now=now)
    ack()


def ask_form(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext) -> None:
    """Done, Return, Answer or a ⋯ option: its form, unless the rules already refuse (then why)."""
    verb = WITH_FORM.get(button_of(action)) or menu_verb(action)
    request = _request(body, action, verb)
    task = precheck(context["handoff"].uow(), context["practice"], request, context["now"])
    if task is not None:
        origin = ActionOrigin(
            request.task_id, verb.value, request.reply_to.response_url, request.reply_to.channel
        )
        context[ACTION_FORM] = action_modal(verb, task, origin)
    ack()


def view_details(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    """View details: the task's private fields, for those who may see them (audited)."""
    context[DETAILS_TASK] = read_details(
        context["handoff"].uow(),
        context["practice"],
        viewer_id=body["user"]["id"],
        task_id=task_id_of(action),
        now=context["now"],
        surface=surface_of(body),
    )
    ack()


def open_thread(ack: Ack) -> None:
    """A link button: Slack opens the URL; nothing to do."""
    ack()


def _request(body: dict[str, Any], action: dict[str, Any], verb: Action) -> ActionRequest:
    user = body["user"]["id"]
    channel = channel_of(body)
    return ActionRequest(
        team_id=team_of(body),
        actor_id=user,
        task_id=task_id_of(action),
        action=verb,
        reply_to=ReplyTo(response_url=body.get("response_url", ""), channel=channel, user=user),
        dedupe_key=f"action:{body.get('trigger_id', '')}",
    )
