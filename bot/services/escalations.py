"""The escalation sweep: reminders, escalations and expired claim leases, each exactly once.

A catch-up sweep: it looks only at tasks whose `next_check_at` has come (an indexed column),
decides what each needs as of `now` before it writes, and moves `next_check_at` to the next
moment the task needs attention. A batch of tasks is written in one short transaction: their
rows locked and read again (PostgreSQL skips rows another sweep holds), every message keyed in
the ledger (unique in the database) in one statement, its outbox rows in another, the next
checks in a third. So concurrent, interrupted or repeated sweeps send each notice once. A batch
that fails is written again one task at a time: one bad task costs the others nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.domain.absence import away_at
from bot.domain.practice import Practice
from bot.domain.task import Task
from bot.services.clocks import started_clock
from bot.services.escalation_looks import Act, Escalation, Look, look_at, notice_key
from bot.services.offboarding import reroute
from bot.services.ports import UnitOfWork

LEASE_RAN_OUT = "let the claim lease run out (no activity)"
BATCH = 500  # due tasks read per round
WRITE_BATCH = 50  # tasks written per transaction (as long as SQLite's one writer lock is held)
NOBODY: frozenset[str] = frozenset()
RETRY_LATER = timedelta(minutes=5)  # a task whose look failed is tried again after this
log = logging.getLogger(__name__)


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


class Moved(Exception):
    """A guarded write found a task changed under the sweep: its transaction is undone."""


def sweep(
    uow_factory: Callable[[], UnitOfWork],
    practice: Practice,
    now: datetime,
    *,
    dry_run: bool = False,
) -> SweepReport:
    """Everything due as of `now`; with `dry_run` nothing is written or sent."""
    report = SweepReport()
    while True:
        with uow_factory() as uow:
            due = uow.tasks.due_for_check(practice.team_id, now, limit=BATCH)
            away = away_at(uow.absences.current(practice.team_id, now), now) if due else NOBODY
        looks = [_look_safely(practice, task, now, away) for task in due]
        checked = report.checked
        for start in range(0, len(looks), WRITE_BATCH):
            batch = looks[start : start + WRITE_BATCH]
            _write_safely(uow_factory, practice, batch, now, report, away=away, dry_run=dry_run)
        if dry_run or len(due) < BATCH or report.checked == checked:
            return report  # the last round, or one that found every task held elsewhere


def _look_safely(practice: Practice, task: Task, now: datetime, away: frozenset[str]) -> Look:
    """What `task` needs; a failure is logged (ids only) and the task looked at again later."""
    try:
        return look_at(practice, task, now, away)
    except Exception as error:
        log.error("sweep failed on task %s: %s", task.id, type(error).__name__, exc_info=error)
        return Look(task, now + RETRY_LATER)


def _write_safely(
    uow_factory: Callable[[], UnitOfWork], practice: Practice, looks: list[Look],
    now: datetime, report: SweepReport, *, away: frozenset[str], dry_run: bool,
) -> None:  # fmt: skip
    """Write a batch; if it fails, each of its tasks alone; a task that fails alone is logged
    and looked at again later (one that moved meanwhile, at the next sweep)."""
    try:
        _write(uow_factory(), practice, looks, now, report, away=away, dry_run=dry_run)
    except Exception as error:
        if len(looks) > 1:
            for look in looks:
                _write_safely(
                    uow_factory, practice, [look], now, report, away=away, dry_run=dry_run
                )
        elif not isinstance(error, Moved):
            _retry_later(uow_factory, looks[0].task, now, error, dry_run=dry_run)


def _retry_later(
    uow_factory: Callable[[], UnitOfWork], task: Task, now: datetime, error: Exception,
    *, dry_run: bool,
) -> None:  # fmt: skip
    log.error("sweep failed on task %s: %s", task.id, type(error).__name__, exc_info=error)
    if not dry_run:
        with uow_factory() as uow:
            uow.tasks.set_next_checks([(task, now + RETRY_LATER)])
            uow.commit()


def _write(
    uow: UnitOfWork, practice: Practice, looks: list[Look], now: datetime, report: SweepReport,
    *, away: frozenset[str], dry_run: bool,
) -> None:  # fmt: skip
    """Lock the batch's tasks still due, write what each needs, and commit if it all held."""
    with uow:
        fresh = uow.tasks.lock_due([look.task.id for look in looks], now)
        current = [
            look
            if look.task == fresh[look.task.id]
            else _look_safely(practice, fresh[look.task.id], now, away)
            for look in looks
            if look.task.id in fresh
        ]  # a task another transaction changed since the read is looked at again as it is
        found = SweepReport(checked=len(current))
        for look in current:
            if look.act is not Act.NOTIFY and not _act(uow, practice, look, now, found):
                raise Moved(look.task.id)
        found.sent = _notify(uow, practice, current, now)
        checks = [(look.task, look.next_check) for look in current if look.act is Act.NOTIFY]
        if not uow.tasks.set_next_checks(checks):
            raise Moved()
        if not dry_run:
            uow.commit()
    report.merge(found)


def _act(
    uow: UnitOfWork, practice: Practice, look: Look, now: datetime, found: SweepReport
) -> bool:
    """Start a missing clock or end a lease that ran out; False when the task moved meanwhile."""
    if look.act is Act.START_CLOCK:
        return _start_clock(uow, practice, look.task, now)
    released = release_expired(uow, practice, look.task, now)
    found.released.extend([released] if released else [])
    return released is not None


def _notify(
    uow: UnitOfWork, practice: Practice, looks: list[Look], now: datetime
) -> list[Escalation]:
    """Key every due firing in the ledger; each recipient hears a task's highest new one."""
    candidates = [escalation for look in looks for escalation in look.candidates]
    new = uow.ledger.first_notices({notice_key(e) for e in candidates}, now)
    newest = {
        (e.task.id, e.recipient): e for e in candidates if notice_key(e) in new
    }  # lowest first
    sent = list(newest.values())
    if sent:
        uow.notify.escalated(practice, sent)
    return sent


def _start_clock(uow: UnitOfWork, practice: Practice, task: Task, now: datetime) -> bool:
    """Give a task that has no clock yet (opened before the clock existed) its running clock."""
    columns = started_clock(
        practice, type_id=task.type_id, priority=task.priority, status=task.status,
        due_at=task.due_at, now=now, epoch=task.clock_epoch,
    )  # fmt: skip
    return uow.tasks.transition(task.id, task.status, columns) is not None


def release_expired(uow: UnitOfWork, practice: Practice, task: Task, now: datetime) -> Task | None:
    """A claim lease ran out: back to the queue, routed again; claimer and managers told."""
    moved = reroute(uow, practice, task, now, action="lease_expired", cause=LEASE_RAN_OUT)
    if moved is not None:
        uow.notify.lease_expired(practice, task, moved)
    return moved
