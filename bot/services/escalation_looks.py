"""What a due task needs as of now: the clock's messages due and when to look again.

Pure (nothing is read or written), so the sweep decides it all before its write transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from bot.domain.escalation import (
    Firing,
    due_firings,
    ladder,
    late_by,
    level_start,
    next_firing_at,
)
from bot.domain.practice import EscalationLevel, Practice
from bot.domain.recipients import Recipient, ping_at, recipients
from bot.domain.task import Status, Task
from bot.domain.timers import Calendar, ClockKind, lease_expires_at, running_clock
from bot.services.ports import NoticeKey


@dataclass(frozen=True)
class Escalation:
    """One message of the clock: what is late, by how much, to whom, and what comes next."""

    task: Task
    clock: ClockKind
    firing: Firing
    recipient: Recipient
    late_by: timedelta
    next_at: datetime | None
    next_notify: tuple[str, ...]


class Act(Enum):
    """What a due task needs besides messages: nothing, a clock started, its lease ended."""

    NOTIFY = "notify"
    START_CLOCK = "start_clock"
    RELEASE = "release"


@dataclass(frozen=True)
class Look:
    """What one due task needs as of now, decided before anything is written."""

    task: Task
    next_check: datetime | None = None
    candidates: tuple[Escalation, ...] = ()  # each due firing to each recipient, lowest first
    act: Act = Act.NOTIFY


def look_at(
    practice: Practice, task: Task, now: datetime, away: frozenset[str] = frozenset()
) -> Look:
    """What one due task needs as of `now` (pure: nothing is read or written); nobody in
    `away` (on time off now) is a backup."""
    kind = running_clock(task.status)
    if kind is None or task.type_id not in practice.task_types:
        return Look(task)
    if task.clock_target_at is None:  # opened before the clock existed: start it now
        return Look(task, act=Act.START_CLOCK)
    if task.snoozed_until and task.snoozed_until > now:
        return Look(task, task.snoozed_until)
    calendar = Calendar.of(practice)
    expires = _lease_end(practice, task, calendar)
    if expires is not None and expires <= now:
        return Look(task, act=Act.RELEASE)
    levels = ladder(practice.escalations)
    firings = due_firings(task.clock_target_at, levels, now, calendar)
    candidates, held = _candidates(practice, task, kind, levels, firings, now, calendar, away)
    later = [next_firing_at(task.clock_target_at, levels, now, calendar), expires, *held]
    return Look(task, min((m for m in later if m is not None), default=None), candidates)


def _candidates(
    practice: Practice, task: Task, kind: ClockKind, levels: tuple[EscalationLevel, ...],
    firings: list[Firing], now: datetime, calendar: Calendar, away: frozenset[str],
) -> tuple[tuple[Escalation, ...], list[datetime]]:  # fmt: skip
    """Each due firing to each recipient who may be pinged now; when the held pings may go."""
    held: list[datetime] = []
    candidates: list[Escalation] = []
    for firing in firings:
        for recipient in recipients(levels[firing.level].notify, task, practice, now, away):
            opens = ping_at(recipient, task.priority, practice, now)
            if opens > now:
                held.append(opens)  # quiet hours: looked at again when the window opens
            else:
                escalation = _escalation(task, kind, firing, recipient, levels, now, calendar)
                candidates.append(escalation)
    return tuple(candidates), held


def notice_key(escalation: Escalation) -> NoticeKey:
    """How the ledger keys this message (sent once per key)."""
    task, firing = escalation.task, escalation.firing
    return NoticeKey(
        team_id=task.team_id, task_id=task.id, clock=escalation.clock.value,
        epoch=task.clock_epoch, level=firing.level, repetition=firing.repetition,
        recipient=escalation.recipient.id,
    )  # fmt: skip


def _lease_end(practice: Practice, task: Task, calendar: Calendar) -> datetime | None:
    if task.status is not Status.CLAIMED or task.last_activity_at is None:
        return None
    task_type = practice.task_types[task.type_id]
    return lease_expires_at(task.last_activity_at, task_type, task.priority, calendar)


def _escalation(
    task: Task, kind: ClockKind, firing: Firing, recipient: Recipient,
    levels: tuple[EscalationLevel, ...], now: datetime, calendar: Calendar,
) -> Escalation:  # fmt: skip
    assert task.clock_target_at is not None
    following = levels[firing.level + 1] if firing.level + 1 < len(levels) else None
    starts = level_start(task.clock_target_at, following, calendar) if following else None
    upcoming = starts is not None and starts > now
    return Escalation(
        task=task, clock=kind, firing=firing, recipient=recipient,
        late_by=late_by(task.clock_target_at, now, calendar),
        next_at=starts if upcoming else None,
        next_notify=following.notify if following and upcoming else (),
    )  # fmt: skip
