"""The Team view's actions: open a person's roster form or the Add person form, and save them."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.config.roster_rules import roster_problems
from bot.domain.roster import adding_refusal, applied, refusal
from bot.handlers.modals import ACTION_FORM
from bot.services.errors import Conflict, InvalidFields, Refused
from bot.services.home import publish_home
from bot.services.ports import ReplyTo
from bot.services.roster import add_person, change_person, refuse_form
from bot.slack.blocks.team import roster_modal, roster_submission
from bot.slack.blocks.team_add import add_person_modal, add_submission
from bot.slack.ids import RosterInput
from bot.slack.parse import Malformed, channel_of

FIELD_BLOCKS = {
    "user": RosterInput.USER,
    "slack_id": RosterInput.USER,
    "name": RosterInput.NAME,
    "role": RosterInput.ROLE,
    "timezone": RosterInput.TIMEZONE,
    "scopes": RosterInput.SCOPES,
    "assistants": RosterInput.ASSISTANTS,
    "shift": RosterInput.SHIFT_DAYS,
    "shift_start": RosterInput.SHIFT_START,
    "shift_end": RosterInput.SHIFT_END,
}


def edit_person(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    """Edit on the Team list (or a clinician's own Home): the form, for those who may use it."""
    practice = context["practice"]
    editor = practice.person(body["user"]["id"])
    person = practice.person(str(action.get("value", "")))
    if person is None:
        raise Malformed("no such person on the team")
    if refusal(editor, person, person) is None:
        context[ACTION_FORM] = roster_modal(practice, person, editor)
    else:
        _refuse(body, context, person.slack_id)
    ack()


def save_person(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    """The roster form: the change (audited, re-routed), or what is wrong next to each field."""
    handoff, practice, now = context["handoff"], context["practice"], context["now"]
    person = practice.person(view.get("private_metadata", ""))
    if person is None:
        ack(response_action="errors", errors={RosterInput.ASSISTANTS.value: "Not on the team."})
        return
    edit, missing = roster_submission(view, practice, person)
    shown = set(view["state"]["values"])
    problems = missing or roster_problems(practice, applied(person, edit))
    if problems:
        ack(response_action="errors", errors=_on_fields(problems, shown, RosterInput.ASSISTANTS))
        return
    actor = body["user"]["id"]
    try:
        change_person(handoff.uow(), practice, actor_id=actor, slack_id=person.slack_id,
                      edit=edit, now=now)  # fmt: skip
    except Refused as refused:
        ack(response_action="errors", errors={RosterInput.ASSISTANTS.value: refused.message})
        _refresh_after(refused, context, actor)
        return
    ack()
    _refresh(context, actor)


def ask_add(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Add person… on the Team list: the form, for managers and admins."""
    practice = context["practice"]
    editor = practice.person(body["user"]["id"])
    if adding_refusal(editor) is None:
        context[ACTION_FORM] = add_person_modal(practice)
    else:
        _refuse(body, context, "")
    ack()


def _refuse(body: dict[str, Any], context: BoltContext, subject: str) -> None:
    """The form stays closed: the presser is told why, and the refusal is audited."""
    actor = body["user"]["id"]
    reply_to = ReplyTo(channel=channel_of(body), user=actor)
    refuse_form(context["handoff"].uow(), context["practice"], actor, subject, reply_to,
                context["now"])  # fmt: skip


def save_new_person(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    """The Add person form: the new team member (audited), or what is wrong by each field."""
    handoff, practice, now = context["handoff"], context["practice"], context["now"]
    form = add_submission(view, practice)
    problems = form.missing or roster_problems(practice, form.person)
    actor = body["user"]["id"]
    try:
        add_person(handoff.uow(), practice, actor_id=actor, person=form.person,
                   problems=problems, now=now)  # fmt: skip
    except InvalidFields as invalid:
        shown = set(view["state"]["values"])
        ack(response_action="errors", errors=_on_fields(invalid.errors, shown, RosterInput.ROLE))
        return
    except Refused as refused:
        ack(response_action="errors", errors={RosterInput.USER.value: refused.message})
        _refresh_after(refused, context, actor)
        return
    ack()
    _refresh(context, actor)


def _refresh(context: BoltContext, actor: str) -> None:
    """Every process reads the roster afresh (this one at once); the actor's Home shows it."""
    handoff, team_id = context["handoff"], context["practice"].team_id
    handoff.forget_people(team_id)
    publish_home(handoff.uow(), handoff.practice(team_id), user_id=actor, now=context["now"])


def _refresh_after(refused: Refused, context: BoltContext, actor: str) -> None:
    """After someone else's change came first, the next look (and the actor's Home) shows it."""
    if isinstance(refused, Conflict):
        _refresh(context, actor)


def _on_fields(problems: dict[str, str], shown: set[str], fallback: RosterInput) -> dict[str, str]:
    """Each problem next to its field; what has no field shown goes on `fallback`."""
    errors: dict[str, str] = {}
    for field, text in problems.items():
        block = FIELD_BLOCKS.get(field, RosterInput.ROLE).value
        if block not in shown:
            block = fallback.value
        errors[block] = " ".join(filter(None, (errors.get(block), text)))
    return errors
