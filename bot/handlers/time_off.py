"""Time off from App Home: the Time off… button opens the form; its submission sets the absence."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.domain.people import Role
from bot.handlers.modals import ACTION_FORM
from bot.services.absences import AbsenceRequest, set_absence
from bot.services.errors import InvalidFields
from bot.services.home import publish_home
from bot.slack.blocks.absences import time_off_modal
from bot.slack.ids import TimeOffInput
from bot.slack.parse import time_off_submission

MANAGING = (Role.MANAGER, Role.ADMIN)
FIELD_BLOCKS = {
    "person": TimeOffInput.PERSON,
    "starts": TimeOffInput.STARTS,
    "ends": TimeOffInput.ENDS,
    "note": TimeOffInput.NOTE,
}


def ask(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """The time off form: managers choose the assistant; anyone else sets their own."""
    person = context["practice"].person(body["user"]["id"])
    context[ACTION_FORM] = time_off_modal(
        choose_person=person is not None and person.role in MANAGING
    )
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
        ack(response_action="errors", errors=_errors(invalid.errors, chose=form.person is not None))
        return
    ack()
    publish_home(handoff.uow(), practice, user_id=actor, now=now)


def _errors(errors: dict[str, str], *, chose: bool) -> dict[str, str]:
    """Field errors by block; on an assistant's own form (no person field) under the start."""
    blocks: dict[str, str] = {}
    for name, message in errors.items():
        block = FIELD_BLOCKS[name] if chose or name != "person" else TimeOffInput.STARTS
        blocks.setdefault(block.value, message)
    return blocks
