"""Inputs the roster forms share (role, time zone, scopes, shift) and how their answers read."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    CheckboxesElement,
    InputBlock,
    Option,
    StaticMultiSelectElement,
    StaticSelectElement,
    TimePickerElement,
)

from bot.domain.hours import WEEKDAYS, WeeklyHours
from bot.domain.people import Role
from bot.domain.practice import Practice
from bot.slack.blocks.text import clip
from bot.slack.ids import RosterInput
from bot.slack.parse import Malformed

DEFAULT_HOURS = (time(9), time(17))  # what the time pickers show when there is no shift yet
MISSING_TIME = "Pick a time, or clear the days for no shift."
COMMON_ZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
    "America/Mexico_City", "America/Bogota", "America/Sao_Paulo", "Europe/London",
    "Europe/Berlin", "Africa/Lagos", "Africa/Nairobi", "Asia/Kolkata", "Asia/Manila",
    "Australia/Sydney", "UTC",
)  # fmt: skip


def form_values(view: Mapping[str, Any]) -> dict[str, Any]:
    """Each input's state by block id (block id = action id on these forms)."""
    state = (view.get("state") or {}).get("values") or {}
    return {block: next(iter(v.values()), {}) for block, v in state.items()}


def role_input(initial: Role | None) -> InputBlock:
    options = [Option(value=role.value, label=role.value.capitalize()) for role in Role]
    chosen = next((o for o in options if o.value == (initial and initial.value)), None)
    select = StaticSelectElement(action_id=RosterInput.ROLE, options=options, initial_option=chosen)
    return InputBlock(block_id=RosterInput.ROLE, label="Role", element=select)


ROLES = tuple(role.value for role in Role)


def zones(practice: Practice, current: ZoneInfo | None) -> tuple[str, ...]:
    """The time zones the forms offer: the practice's first, the common ones, the person's own."""
    offered = (practice.tz.key, *COMMON_ZONES, *([current.key] if current else []))
    return tuple(dict.fromkeys(offered))


def zone_input(practice: Practice, current: ZoneInfo | None) -> InputBlock:
    """A select of `zones`, showing the person's zone (a new person: the practice's)."""
    offered = zones(practice, current)
    options = [Option(value=zone, label=zone.replace("_", " ")) for zone in offered]
    chosen = options[offered.index(current.key) if current else 0]
    select = StaticSelectElement(
        action_id=RosterInput.TIMEZONE, options=options, initial_option=chosen
    )
    hint = "A shift keeps its hours in the new zone."
    return InputBlock(block_id=RosterInput.TIMEZONE, label="Time zone", element=select, hint=hint)


def picked_zone(
    values: Mapping[str, Any], practice: Practice, current: ZoneInfo | None
) -> ZoneInfo:
    """The zone chosen; `current` if the form did not show it; Malformed for one never offered."""
    if RosterInput.TIMEZONE.value not in values and current is not None:
        return current
    return ZoneInfo(picked(values, RosterInput.TIMEZONE, zones(practice, current), "time zone"))


def picked(
    values: Mapping[str, Any], name: RosterInput, offered: Collection[str], what: str
) -> str:
    """The option chosen in `name`; Malformed for one the form never offered (a forgery)."""
    option = (values.get(name.value) or {}).get("selected_option") or {}
    if option.get("value") not in offered:
        raise Malformed(f"a {what} the form never offered")
    return str(option["value"])


def scopes_input(practice: Practice, scopes: frozenset[str]) -> InputBlock:
    options = [Option(value=t.id, label=clip(t.label, 75)) for t in practice.task_types.values()]
    chosen = [o for o in options if o.value in scopes]
    select = StaticMultiSelectElement(
        action_id=RosterInput.SCOPES,
        placeholder="Task types they may work",
        options=options,
        initial_options=chosen or None,
    )
    return InputBlock(
        block_id=RosterInput.SCOPES,
        label="Scopes (assistants)",
        element=select,
        optional=True,
        hint="Withdrawing a scope routes their unclaimed tasks of it again at once.",
    )


def shift_inputs(shift: WeeklyHours | None) -> list[InputBlock]:
    """Working days and start and end times, local to the person."""
    options = [Option(value=day, label=day.capitalize()) for day in WEEKDAYS]
    days = [options[day] for day in sorted(shift.days)] if shift else []
    start, end = (shift.start, shift.end) if shift else DEFAULT_HOURS
    return [
        InputBlock(
            block_id=RosterInput.SHIFT_DAYS,
            label="Shift days (assistants)",
            element=CheckboxesElement(
                action_id=RosterInput.SHIFT_DAYS, options=options, initial_options=days or None
            ),
            optional=True,
            hint="No days: no shift. A shift ending at or before its start runs overnight.",
        ),
        _time_input(RosterInput.SHIFT_START, "Shift starts", start),
        _time_input(RosterInput.SHIFT_END, "Shift ends", end),
    ]


def _time_input(name: RosterInput, label: str, initial: time) -> InputBlock:
    picker = TimePickerElement(action_id=name, initial_time=f"{initial:%H:%M}")
    return InputBlock(block_id=name, label=label, element=picker, optional=True)


def picked_scopes(values: Mapping[str, Any]) -> frozenset[str] | None:
    """The scopes chosen; None when the form did not show them."""
    scopes = values.get(RosterInput.SCOPES.value)
    if scopes is None:
        return None
    return frozenset(o["value"] for o in scopes.get("selected_options") or [])


def picked_shift(
    values: Mapping[str, Any], tz: ZoneInfo
) -> tuple[WeeklyHours | None, dict[str, str]]:
    """The shift the form describes (None: no days picked) and what is missing for one."""
    chosen = (values.get(RosterInput.SHIFT_DAYS.value) or {}).get("selected_options") or []
    days = frozenset(_day(option.get("value")) for option in chosen)
    start = _time(values, RosterInput.SHIFT_START)
    end = _time(values, RosterInput.SHIFT_END)
    if not days:
        return None, {}
    if start is None or end is None:
        missing = {"shift_start": start, "shift_end": end}
        return None, {name: MISSING_TIME for name, at in missing.items() if at is None}
    return WeeklyHours(days, start, end, tz), {}


def _day(value: object) -> int:
    if value not in WEEKDAYS:
        raise Malformed("a shift day the form never offered")
    return WEEKDAYS.index(str(value))


def _time(values: Mapping[str, Any], name: RosterInput) -> time | None:
    """A timepicker's "HH:MM"; None when cleared."""
    raw = (values.get(name.value) or {}).get("selected_time")
    if not raw:
        return None
    try:
        return time.fromisoformat(str(raw))
    except ValueError as error:
        raise Malformed("a time Slack would not send") from error
