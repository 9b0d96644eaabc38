"""When a person is at work, and so when they may be pinged; the rest are their quiet hours.

Clinicians are pinged within business hours only (open days and hours, never on holidays),
even for urgent tasks. Assistants are pinged within their shift (their own time zone, holidays
not applied; business hours when they have no shift) or at once for urgent tasks. Managers and
admins are pinged within business hours, or at once for urgent tasks. A ping due in quiet
hours is sent once when the window opens.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.people import Person, Role
from bot.domain.practice import Practice
from bot.domain.task import Priority
from bot.domain.timers import Calendar

_URGENT_ANY_TIME = frozenset({Role.ASSISTANT, Role.MANAGER, Role.ADMIN})


def next_at_work(person: Person | None, practice: Practice, at: datetime) -> datetime:
    """`at` if `person` is at work then, else when they next are (unknown: business hours)."""
    if person is not None and person.role is Role.ASSISTANT and person.shift is not None:
        return person.shift.next_open(at) or at
    return Calendar.of(practice).next_open(at)


def at_work(person: Person | None, practice: Practice, at: datetime) -> bool:
    return next_at_work(person, practice, at) == at


def earliest_ping(
    person: Person | None, priority: Priority, practice: Practice, at: datetime
) -> datetime:
    """`at` if `person` may be pinged about a task of `priority` then, else when they next may."""
    if priority is Priority.URGENT and person is not None and person.role in _URGENT_ANY_TIME:
        return at
    return next_at_work(person, practice, at)
