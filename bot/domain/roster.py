"""Roster edits made in Slack: who may make them, what they change, and how that reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.domain.people import Person, Role

ROSTER_KEEPERS = frozenset({Role.MANAGER, Role.ADMIN})
NOT_ALLOWED = "only managers and admins change the team; clinicians may set their own assistants"


@dataclass(frozen=True)
class RosterEdit:
    """What the Team form says about a person: role, scopes, preferred assistants, status."""

    role: Role
    scopes: frozenset[str]
    assistants: tuple[str, ...]
    active: bool


def edit_of(person: Person) -> RosterEdit:
    """The form's starting values for `person`."""
    return RosterEdit(person.role, person.scopes, person.assistants, person.active)


def applied(person: Person, edit: RosterEdit) -> Person:
    """`person` after `edit`; scopes only for assistants, assistants only for clinicians."""
    return replace(
        person,
        role=edit.role,
        scopes=edit.scopes if edit.role is Role.ASSISTANT else frozenset(),
        assistants=edit.assistants if edit.role is Role.CLINICIAN else (),
        active=edit.active,
    )


def refusal(actor: Person | None, before: Person, after: Person) -> str | None:
    """Why `actor` may not make this change; None if they may."""
    if actor is None or not actor.active:
        return NOT_ALLOWED
    if actor.role in ROSTER_KEEPERS:
        return None
    own_assistants = replace(before, assistants=after.assistants) == after
    if actor.slack_id == before.slack_id and actor.role is Role.CLINICIAN and own_assistants:
        return None
    return NOT_ALLOWED


def differences(before: Person, after: Person) -> list[str]:
    """One "field: before → after" line per changed field."""
    fields = {
        "role": (before.role.value, after.role.value),
        "scopes": (_listed(sorted(before.scopes)), _listed(sorted(after.scopes))),
        "assistants": (_listed(before.assistants), _listed(after.assistants)),
        "status": (_status(before), _status(after)),
    }
    return [f"{name}: {old} → {new}" for name, (old, new) in fields.items() if old != new]


def withdrawn_scopes(before: Person, after: Person) -> frozenset[str]:
    """Task types `before` could work that `after` can no longer."""
    if not after.active or after.role is not Role.ASSISTANT:
        return before.scopes
    return before.scopes - after.scopes


def _listed(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _status(person: Person) -> str:
    return "active" if person.active else "inactive"
