"""Time off from App Home: Time off… sets an absence; Change… next to one changes or cancels it."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.handlers.modals import ACTION_FORM
from bot.services.absences import (
    AbsenceChange,
    AbsenceRequest,
    absence_to_change,
    change_absence,
    set_absence,
)
from bot.services.errors import InvalidFields
from bot.services.home import publish_home
from bot.services.ports import ReplyTo
from bot.slack.blocks.absences import time_off_change_modal, time_off_modal
from bot.slack.ids import TimeOffInput
from bot.slack.parse import absence_id_in, time_off_change_submission, time_off_submission

FIELD_BLOCKS = {
    "starts": TimeOffInput.STARTS,
    "ends": TimeOffInput.ENDS,
    "note": TimeOffInput.NOTE,
}


def ask(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """The time off form: managers choose the assistant; anyone else sets their own."""
    person = context["practice"].person(body["user"]["id"])
    context[ACTION_FORM] = time_off_modal(choose_person=person is not None and person.manages)
    ack()


def submit(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    """The absence, or the form again with what is wrong next to each field."""
    handoff, practice, now = context["handoff"], context["practice"], context["now"]
    actor = body["user"]["id"]
    form = time_off_submission(view)
    request = AbsenceRequest(
        team_id=practice.team_id, actor_id=actor, slack_id=form.person or actor,
        starts_at=form.starts, ends_at=form.ends, note=form.note,
    )  # fmt: skip
    try:
        set_absence(handoff.uow(), practice, request, now)
    except InvalidFields as invalid:
        where = TimeOffInput.PERSON if form.person is not None else TimeOffInput.STARTS
        ack(response_action="errors", errors=_errors(invalid.errors, where))
        return
    ack()
    publish_home(handoff.uow(), practice, user_id=actor, now=now)


def _errors(errors: dict[str, str], person_block: TimeOffInput) -> dict[str, str]:
    """Field errors by block; who-may errors under `person_block` (not every form has a person
    field)."""
    blocks: dict[str, str] = {}
    for name, message in errors.items():
        block = person_block if name == "person" else FIELD_BLOCKS[name]
        blocks.setdefault(block.value, message)
    return blocks


def ask_change(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    """Change… next to an absence: its form, for the assistant or a manager (else told why)."""
    handoff, practice = context["handoff"], context["practice"]
    actor = body["user"]["id"]
    absence = absence_to_change(
        handoff.uow(), practice, actor_id=actor, absence_id=absence_id_in(action.get("value")),
        now=context["now"], reply_to=ReplyTo(user=actor),
    )  # fmt: skip
    if absence is not None:
        context[ACTION_FORM] = time_off_change_modal(practice, absence)
    ack()


def submit_change(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    """The absence changed or cancelled, or the form again with what is wrong."""
    handoff, practice, now = context["handoff"], context["practice"], context["now"]
    actor = body["user"]["id"]
    form = time_off_change_submission(view)
    change = AbsenceChange(
        team_id=practice.team_id, actor_id=actor, absence_id=form.absence_id, ends_at=form.ends,
        note=form.note, cancel=form.cancel,
    )  # fmt: skip
    try:
        change_absence(handoff.uow(), practice, change, now)
    except InvalidFields as invalid:
        ack(response_action="errors", errors=_errors(invalid.errors, TimeOffInput.ENDS))
        return
    ack()
    publish_home(handoff.uow(), practice, user_id=actor, now=now)
