"""Time off: when an assistant is away, and who may say so."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.people import Person, Role

NOTE_MAX = 300


@dataclass(frozen=True)
class Absence:
    """An assistant away from `starts_at` until `ends_at` (UTC); the note is private."""

    id: int
    team_id: str
    slack_id: str
    starts_at: datetime
    ends_at: datetime
    note: str
    created_by: str

    def covers(self, now: datetime) -> bool:
        """Whether the assistant is away at `now`."""
        return self.starts_at <= now < self.ends_at


def away_at(absences: Iterable[Absence], now: datetime) -> frozenset[str]:
    """Who is away at `now`."""
    return frozenset(a.slack_id for a in absences if a.covers(now))


def may_set_absence(actor: Person | None, subject: Person | None) -> str:
    """Why `actor` may not set `subject`'s time off, or "" when they may."""
    if actor is None or not actor.active:
        return "You're not set up in Handoff."
    if subject is None or not subject.active or subject.role is not Role.ASSISTANT:
        return "Time off is for active assistants."
    if actor.manages or actor.slack_id == subject.slack_id:
        return ""
    return "Only managers can set someone else's time off."


def may_change_absence(actor: Person | None, absence: Absence) -> str:
    """Why `actor` may not change or cancel `absence`, or "" when they may."""
    if actor is None or not actor.active:
        return "You're not set up in Handoff."
    if actor.manages or actor.slack_id == absence.slack_id:
        return ""
    return "Only managers can change someone else's time off."


def cancelled(absence: Absence, now: datetime) -> Absence | None:
    """`absence` once cancelled at `now`: ended now if under way, None (gone) if not begun."""
    return replace(absence, ends_at=now) if absence.starts_at <= now else None


def absence_problems(
    starts_at: datetime | None, ends_at: datetime | None, note: str, now: datetime
) -> dict[str, str]:
    """What is wrong with an absence's fields, by field (`starts`, `ends`, `note`)."""
    errors: dict[str, str] = {}
    if starts_at is None:
        errors["starts"] = "Choose when the time off starts."
    if ends_at is None:
        errors["ends"] = "Choose when they are back."
    elif ends_at <= now:
        errors["ends"] = "That time has passed. Choose a later one."
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends"] = "Choose a time after the start."
    if len(note.strip()) > NOTE_MAX:
        errors["note"] = f"Keep the note under {NOTE_MAX} characters."
    return errors
