"""Roster edits made in Slack: who may make them, what they change, and how that reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from bot.domain.hours import WEEKDAYS, WeeklyHours
from bot.domain.people import Person, Role

NOT_ALLOWED = "only managers and admins change the team; clinicians may set their own assistants"
NOT_ADDING = "only managers and admins add people to the team"


@dataclass(frozen=True)
class RosterEdit:
    """What the Team form says about a person: role, scopes, assistants, status, shift, zone."""

    role: Role
    scopes: frozenset[str]
    assistants: tuple[str, ...]
    active: bool
    shift: WeeklyHours | None
    tz: ZoneInfo


def edit_of(person: Person) -> RosterEdit:
    """The form's starting values for `person`."""
    return RosterEdit(
        person.role, person.scopes, person.assistants, person.active, person.shift, person.tz
    )


def applied(person: Person, edit: RosterEdit) -> Person:
    """`person` after `edit`; scopes and shift only for assistants, assistants for clinicians.

    A shift keeps its local hours in the person's (new) time zone.
    """
    assistant = edit.role is Role.ASSISTANT
    return replace(
        person,
        role=edit.role,
        tz=edit.tz,
        scopes=edit.scopes if assistant else frozenset(),
        assistants=edit.assistants if edit.role is Role.CLINICIAN else (),
        active=edit.active,
        shift=replace(edit.shift, tz=edit.tz) if assistant and edit.shift else None,
    )


def refusal(actor: Person | None, before: Person, after: Person) -> str | None:
    """Why `actor` may not make this change; None if they may."""
    if actor is None or not actor.active:
        return NOT_ALLOWED
    if actor.manages:
        return None
    own_assistants = replace(before, assistants=after.assistants) == after
    if actor.slack_id == before.slack_id and actor.role is Role.CLINICIAN and own_assistants:
        return None
    return NOT_ALLOWED


def adding_refusal(actor: Person | None) -> str | None:
    """Why `actor` may not add someone to the team; None if they may."""
    if actor is None or not actor.active or not actor.manages:
        return NOT_ADDING
    return None


def differences(before: Person, after: Person) -> list[str]:
    """One "field: before → after" line per changed field."""
    fields = {
        "role": (before.role.value, after.role.value),
        "time zone": (before.tz.key, after.tz.key),
        "scopes": (_listed(sorted(before.scopes)), _listed(sorted(after.scopes))),
        "assistants": (_listed(before.assistants), _listed(after.assistants)),
        "shift": (shift_text(before.shift), shift_text(after.shift)),
        "status": (_status(before), _status(after)),
    }
    return [f"{name}: {old} → {new}" for name, (old, new) in fields.items() if old != new]


def description(person: Person) -> list[str]:
    """One "field: value" line per field that says something about a new team member."""
    fields = {
        "role": person.role.value,
        "time zone": person.tz.key,
        "scopes": _listed(sorted(person.scopes)) if person.role is Role.ASSISTANT else "",
        "shift": shift_text(person.shift) if person.shift else "",
    }
    return [f"{name}: {value}" for name, value in fields.items() if value]


def shift_text(shift: WeeklyHours | None) -> str:
    """`mon, tue 09:00 to 17:00`, or `none`."""
    if shift is None:
        return "none"
    days = ", ".join(WEEKDAYS[day] for day in sorted(shift.days))
    return f"{days} {shift.start:%H:%M} to {shift.end:%H:%M}"


def withdrawn_scopes(before: Person, after: Person) -> frozenset[str]:
    """Task types `before` could work that `after` can no longer."""
    if not after.active or after.role is not Role.ASSISTANT:
        return before.scopes
    return before.scopes - after.scopes


def _listed(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _status(person: Person) -> str:
    return "active" if person.active else "inactive"
