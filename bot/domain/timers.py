"""The clocks of an open task: which one runs, when it is missed, snoozes and the claim lease.

A task row keeps only its running clock's target (the moment it is missed) and an epoch that
is bumped whenever a clock (re)starts: a reassignment restarts the claim clock with a new target
and a new epoch, so its escalations fire afresh under new keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from bot.domain.business_time import (
    add_business_time,
    business_day_length,
    business_time_between,
    subtract_business_time,
)
from bot.domain.hours import WeeklyHours
from bot.domain.practice import Practice
from bot.domain.task import Priority, Status
from bot.domain.task_types import Targets, TaskType

BUSINESS = "business"
WALL = "wall"


@dataclass(frozen=True)
class Calendar:
    """A practice's open hours and holidays: what "business time" counts."""

    hours: WeeklyHours
    holidays: frozenset[date]

    @classmethod
    def of(cls, practice: Practice) -> Calendar:
        return cls(practice.business_hours, practice.holidays)

    def add(self, start: datetime, delta: timedelta) -> datetime:
        """The moment `delta` of business time after `start`."""
        return add_business_time(start, delta, self.hours, self.holidays)

    def subtract(self, end: datetime, delta: timedelta) -> datetime:
        """The moment `delta` of business time before `end`."""
        return subtract_business_time(end, delta, self.hours, self.holidays)

    def between(self, a: datetime, b: datetime) -> timedelta:
        """Business time from `a` to `b`; negative when `b` is before `a`."""
        return business_time_between(a, b, self.hours, self.holidays)

    def next_open(self, at: datetime) -> datetime:
        """`at` if the practice is open then, else its next opening (holidays stay closed)."""
        return self.add(at, timedelta(0))

    def is_open(self, at: datetime) -> bool:
        return self.next_open(at) == at

    def advance(self, start: datetime, delta: timedelta, clock: str) -> datetime:
        """`delta` after `start` on `clock`: business time, or elapsed real time for "wall"."""
        if clock == WALL:
            return (start.astimezone(UTC) + delta).astimezone(start.tzinfo)
        return self.add(start, delta)


class ClockKind(StrEnum):
    CLAIM = "claim"  # created or (re)assigned -> claimed
    RESOLVE = "resolve"  # claimed -> done
    WAITING = "waiting"  # returned to the clinician -> answered


_RUNNING = {
    Status.UNASSIGNED: ClockKind.CLAIM,
    Status.ASSIGNED: ClockKind.CLAIM,
    Status.CLAIMED: ClockKind.RESOLVE,
    Status.RETURNED: ClockKind.WAITING,
}


def running_clock(status: Status) -> ClockKind | None:
    """The clock a task in `status` runs; None once it is closed."""
    return _RUNNING.get(status)


def targets_for(task_type: TaskType, priority: Priority, calendar: Calendar) -> Targets:
    """The type's targets for `priority`; one business day for both when it has none."""
    day = business_day_length(calendar.hours)
    return task_type.targets.get(priority) or Targets(day, day)


def clock_target(
    kind: ClockKind,
    *,
    start: datetime,
    priority: Priority,
    task_type: TaskType,
    due_at: datetime,
    calendar: Calendar,
) -> datetime:
    """When a clock started at `start` is missed.

    CLAIM: `claim_within` business time after the (re)assignment. RESOLVE: the due time.
    WAITING: the clinician has as long to answer as an assistant has to claim.
    """
    if kind is ClockKind.RESOLVE:
        return due_at
    return calendar.add(start, targets_for(task_type, priority, calendar).claim_within)


def snoozed_target(
    target: datetime, now: datetime, until: datetime, calendar: Calendar
) -> datetime:
    """The target after a snooze from `now` to `until`: later by the business time snoozed.

    Before the target the business time left is kept and resumes at `until`; past it the
    lateness already run up is kept and grows again from `until`.
    """
    snoozed = calendar.between(now, until)
    return calendar.add(target, snoozed) if snoozed > timedelta(0) else target


def resnoozed_target(
    target: datetime, old_until: datetime, until: datetime, calendar: Calendar
) -> datetime:
    """The target when a snooze still running until `old_until` is changed to end at `until`.

    `target` already carries the old snooze's full length; only the difference moves it.
    """
    if until >= old_until:
        return snoozed_target(target, old_until, until, calendar)
    return calendar.subtract(target, calendar.between(until, old_until))


def lease_expires_at(
    last_activity_at: datetime, task_type: TaskType, priority: Priority, calendar: Calendar
) -> datetime:
    """When a claimed task with no activity since `last_activity_at` goes back to the queue.

    The lease is the type's `lease`, else its resolve target, counted in business time.
    """
    lease = task_type.lease or targets_for(task_type, priority, calendar).resolve_within
    return calendar.add(last_activity_at, lease)
