"""The Add person form of the Team view, and the person its answers describe."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    PlainTextInputElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.people import Person, Role
from bot.domain.practice import Practice
from bot.domain.roster import RosterEdit, applied
from bot.slack.blocks.roster_inputs import (
    ROLES,
    form_values,
    picked,
    picked_scopes,
    picked_shift,
    picked_zone,
    role_input,
    scopes_input,
    shift_inputs,
    zone_input,
)
from bot.slack.ids import Callback, RosterInput

NAME_MAX = 200  # the people table's name column


@dataclass(frozen=True)
class NewPerson:
    """What the Add person form says: the person, and what it lacks (field → message)."""

    person: Person
    missing: dict[str, str]


def add_person_modal(practice: Practice) -> dict[str, Any]:
    """The form: who (a Slack user), name, role, time zone, scopes and shift."""
    blocks: list[Block] = [
        InputBlock(
            block_id=RosterInput.USER,
            label="Person",
            element=UserSelectElement(action_id=RosterInput.USER, placeholder="Pick someone"),
        ),
        InputBlock(
            block_id=RosterInput.NAME,
            label="Name",
            element=PlainTextInputElement(action_id=RosterInput.NAME, max_length=NAME_MAX),
            hint="As digests and `bot roster export` show it.",
        ),
        role_input(None),
        zone_input(practice, None),
        scopes_input(practice, frozenset()),
        *shift_inputs(None),
    ]
    view = View(
        type="modal",
        callback_id=Callback.ROSTER_ADD,
        title="Add person",
        submit="Add",
        close="Cancel",
        blocks=blocks,
    )
    return view.to_dict()


def add_submission(view: Mapping[str, Any], practice: Practice) -> NewPerson:
    """The person the form describes; Malformed for answers the form never offered."""
    values = form_values(view)
    slack_id = str((values.get(RosterInput.USER.value) or {}).get("selected_user") or "")
    name = str((values.get(RosterInput.NAME.value) or {}).get("value") or "").strip()
    role = Role(picked(values, RosterInput.ROLE, ROLES, "role"))
    tz = picked_zone(values, practice, None)
    shift, missing = picked_shift(values, tz)
    edit = RosterEdit(role, picked_scopes(values) or frozenset(), (), True, shift, tz)
    return NewPerson(applied(Person(slack_id, role, name, tz), edit), missing)
