"""The Add person form of the Team view, and the person its answers describe."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.people import Person, Role
from bot.domain.practice import Practice
from bot.domain.roster import RosterEdit, applied
from bot.slack.blocks.roster_inputs import (
    form_values,
    picked_scopes,
    picked_shift,
    role_input,
    scopes_input,
    shift_inputs,
)
from bot.slack.ids import Callback, RosterInput
from bot.slack.parse import Malformed

NAME_MAX = 200  # the people table's name column
COMMON_ZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
    "America/Mexico_City", "America/Bogota", "America/Sao_Paulo", "Europe/London",
    "Europe/Berlin", "Africa/Lagos", "Africa/Nairobi", "Asia/Kolkata", "Asia/Manila",
    "Australia/Sydney", "UTC",
)  # fmt: skip


@dataclass(frozen=True)
class NewPerson:
    """What the Add person form says: the person, and what it lacks (field → message)."""

    person: Person
    missing: dict[str, str]


def zones(practice: Practice) -> tuple[str, ...]:
    """The time zones the form offers: the practice's first, then the common ones."""
    return (practice.tz.key, *(zone for zone in COMMON_ZONES if zone != practice.tz.key))


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
        _zone_input(practice),
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


def _zone_input(practice: Practice) -> InputBlock:
    options = [Option(value=zone, label=zone.replace("_", " ")) for zone in zones(practice)]
    select = StaticSelectElement(
        action_id=RosterInput.TIMEZONE, options=options, initial_option=options[0]
    )
    return InputBlock(block_id=RosterInput.TIMEZONE, label="Time zone", element=select)


def add_submission(view: Mapping[str, Any], practice: Practice) -> NewPerson:
    """The person the form describes; Malformed for answers the form never offered."""
    values = form_values(view)
    slack_id = str((values.get(RosterInput.USER.value) or {}).get("selected_user") or "")
    name = str((values.get(RosterInput.NAME.value) or {}).get("value") or "").strip()
    role = _picked(values, RosterInput.ROLE, tuple(role.value for role in Role))
    tz = ZoneInfo(_picked(values, RosterInput.TIMEZONE, zones(practice)))
    shift, missing = picked_shift(values, tz)
    edit = RosterEdit(Role(role), picked_scopes(values) or frozenset(), (), True, shift)
    return NewPerson(applied(Person(slack_id, Role(role), name, tz), edit), missing)


def _picked(values: Mapping[str, Any], name: RosterInput, offered: tuple[str, ...]) -> str:
    option = (values.get(name.value) or {}).get("selected_option") or {}
    if option.get("value") not in offered:
        raise Malformed(f"a {name.value} the form never offered")
    return str(option["value"])
