"""The escalation sweep: reminders, escalations and expired claim leases, each exactly once.

A catch-up sweep: it looks only at tasks whose `next_check_at` has come (an indexed column),
acts on what is due as of `now`, and moves `next_check_at` to the next moment the task needs
attention. Each task is one short transaction; every message is keyed in the ledger (unique
in the database) in the same transaction as its outbox rows, so concurrent, interrupted or
repeated sweeps send each notice once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.domain.absence import away_at
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
from bot.services.clocks import started_clock
from bot.services.offboarding import reroute
from bot.services.ports import UnitOfWork

LEASE_RAN_OUT = "let the claim lease run out (no activity)"
BATCH = 500
RETRY_LATER = timedelta(minutes=5)  # a task whose look failed is tried again after this
log = logging.getLogger(
    __name__
)  # tasks read per round; a round's tasks are each handled in their own transaction


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


@dataclass
class SweepReport:
    sent: list[Escalation] = field(default_factory=list)
    released: list[Task] = field(default_factory=list)
    checked: int = 0

    def merge(self, other: SweepReport) -> None:
        """Add what another look found (once it committed)."""
        self.sent += other.sent
        self.released += other.released
        self.checked += other.checked


def sweep(
    uow_factory: Callable[[], UnitOfWork],
    practice: Practice,
    now: datetime,
    *,
    dry_run: bool = False,
) -> SweepReport:
    """Everything due as of `now`; with `dry_run` nothing is written or sent."""
    report = SweepReport()
    with uow_factory() as uow:
        due = uow.tasks.due_for_check(practice.team_id, now, limit=BATCH)
    while due:
        for task in due:
            _attend_safely(uow_factory, practice, task, now, report, dry_run=dry_run)
        if dry_run or len(due) < BATCH:
            break
        with uow_factory() as uow:
            due = uow.tasks.due_for_check(practice.team_id, now, limit=BATCH)
    return report


def _attend_safely(
    uow_factory: Callable[[], UnitOfWork], practice: Practice, task: Task, now: datetime,
    report: SweepReport, *, dry_run: bool,
) -> None:  # fmt: skip
    """One task; a failure is logged (ids only), looked at again later, and stops no other."""
    try:
        _attend_one(uow_factory(), practice, task.id, now, report, dry_run=dry_run)
    except Exception as error:
        log.error("sweep failed on task %s: %s", task.id, type(error).__name__, exc_info=error)
        if not dry_run:
            with uow_factory() as uow:
                uow.tasks.set_next_check(task, now + RETRY_LATER)
                uow.commit()


def _attend_one(
    uow: UnitOfWork, practice: Practice, task_id: int, now: datetime, report: SweepReport,
    *, dry_run: bool,
) -> None:  # fmt: skip
    """Lock the task inside its own transaction, act on what is due, commit if it all held."""
    with uow:
        task = uow.tasks.get_for_update(task_id)
        if task is None or task.next_check_at is None or task.next_check_at > now:
            return  # another sweep (or a transition) got there first
        found = SweepReport(checked=1)
        if not _attend(uow, practice, task, now, found):
            return  # it moved meanwhile: what this look wrote is rolled back
        if not dry_run:
            uow.commit()
    report.merge(found)


def _attend(
    uow: UnitOfWork, practice: Practice, task: Task, now: datetime, report: SweepReport
) -> bool:
    """Act on one due task; False when it moved meanwhile (the caller then writes nothing)."""
    kind = running_clock(task.status)
    if kind is None or task.type_id not in practice.task_types:
        return uow.tasks.set_next_check(task, None)
    if task.clock_target_at is None:  # opened before the clock existed: start it now
        return _start_clock(uow, practice, task, now)
    if task.snoozed_until and task.snoozed_until > now:
        return uow.tasks.set_next_check(task, task.snoozed_until)
    calendar = Calendar.of(practice)
    expires = _lease_end(practice, task, calendar)
    if expires is not None and expires <= now:
        released = release_expired(uow, practice, task, now)
        report.released.extend([released] if released else [])
        return released is not None
    levels = ladder(practice.escalations)
    firings = due_firings(task.clock_target_at, levels, now, calendar)
    held = _notify(uow, practice, task, kind, levels, firings, now, report)
    later = [next_firing_at(task.clock_target_at, levels, now, calendar), expires, *held]
    return uow.tasks.set_next_check(task, min((m for m in later if m is not None), default=None))


def _start_clock(uow: UnitOfWork, practice: Practice, task: Task, now: datetime) -> bool:
    """Give a task that has no clock yet (opened before the clock existed) its running clock."""
    columns = started_clock(
        practice, type_id=task.type_id, priority=task.priority, status=task.status,
        due_at=task.due_at, now=now, epoch=task.clock_epoch,
    )  # fmt: skip
    return uow.tasks.transition(task.id, task.status, columns) is not None


def _lease_end(practice: Practice, task: Task, calendar: Calendar) -> datetime | None:
    if task.status is not Status.CLAIMED or task.last_activity_at is None:
        return None
    task_type = practice.task_types[task.type_id]
    return lease_expires_at(task.last_activity_at, task_type, task.priority, calendar)


def _notify(
    uow: UnitOfWork, practice: Practice, task: Task, kind: ClockKind,
    levels: tuple[EscalationLevel, ...], firings: list[Firing], now: datetime,
    report: SweepReport,
) -> list[datetime]:  # fmt: skip
    """Send each recipient the highest newly due firing; returns when held pings may go."""
    held: list[datetime] = []
    newest: dict[Recipient, Firing] = {}
    away = away_at(uow.absences.current(practice.team_id, now), now) if firings else frozenset()
    for firing in firings:
        for recipient in recipients(levels[firing.level].notify, task, practice, now, away):
            opens = ping_at(recipient, task.priority, practice, now)
            if opens > now:
                held.append(opens)  # quiet hours: looked at again when the window opens
            elif _first(uow, task, kind, firing, recipient, now):
                newest[recipient] = firing  # firings come lowest level first
    calendar = Calendar.of(practice)
    for recipient, firing in newest.items():
        escalation = _escalation(task, kind, firing, recipient, levels, now, calendar)
        uow.notify.escalated(practice, escalation)
        report.sent.append(escalation)
    return held


def _first(
    uow: UnitOfWork, task: Task, kind: ClockKind, firing: Firing, recipient: Recipient,
    now: datetime,
) -> bool:  # fmt: skip
    return uow.ledger.first_notice(
        team_id=task.team_id, task_id=task.id, clock=kind.value, epoch=task.clock_epoch,
        level=firing.level, repetition=firing.repetition, recipient=recipient.id, now=now,
    )  # fmt: skip


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


def release_expired(uow: UnitOfWork, practice: Practice, task: Task, now: datetime) -> Task | None:
    """A claim lease ran out: back to the queue, routed again; claimer and managers told."""
    moved = reroute(uow, practice, task, now, action="lease_expired", cause=LEASE_RAN_OUT)
    if moved is not None:
        uow.notify.lease_expired(practice, task, moved)
    return moved
