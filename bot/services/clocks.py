"""The clock columns a task needs after it moves: target, epoch, next check, last activity."""

from __future__ import annotations

from datetime import datetime

from bot.domain.lifecycle import Action
from bot.domain.practice import Practice
from bot.domain.task import Priority, Status, Task
from bot.domain.timers import (
    Calendar,
    ClockKind,
    clock_target,
    lease_expires_at,
    resnoozed_target,
    running_clock,
    snoozed_target,
)

RESTARTS = frozenset({Action.REASSIGN})  # same clock, started afresh


def started_clock(
    practice: Practice, *, type_id: str, priority: Priority, status: Status, due_at: datetime,
    now: datetime, epoch: int = 0,
) -> dict[str, object]:  # fmt: skip
    """Columns for a clock (re)started at `now` in `status` (all cleared once closed)."""
    kind = running_clock(status)
    task_type = practice.task_types.get(type_id)
    if kind is None or task_type is None:
        return {"clock_target_at": None, "next_check_at": None}
    calendar = Calendar.of(practice)
    target = clock_target(
        kind, start=now, priority=priority, task_type=task_type, due_at=due_at, calendar=calendar
    )
    columns: dict[str, object] = {"clock_target_at": target, "clock_epoch": epoch + 1}
    check = target
    if kind is ClockKind.RESOLVE:
        columns["last_activity_at"] = now
        check = min(target, lease_expires_at(now, task_type, priority, calendar))
    return columns | {"next_check_at": check}


def clock_after(
    practice: Practice, before: Task, status: Status, action: Action, now: datetime,
    until: datetime | None = None,
) -> dict[str, object]:  # fmt: skip
    """Columns after `action` moved `before` to `status`: a new clock, a snooze, or activity."""
    same_clock = running_clock(status) is running_clock(before.status)
    if action is Action.SNOOZE and until is not None:
        return _snoozed(practice, before, now, until)
    unsnoozed: dict[str, object] = {"snoozed_until": None}  # any other move ends a snooze
    if same_clock and action not in RESTARTS:
        return unsnoozed | ({"last_activity_at": now} if status is Status.CLAIMED else {})
    return unsnoozed | started_clock(
        practice, type_id=before.type_id, priority=before.priority, status=status,
        due_at=before.due_at, now=now, epoch=before.clock_epoch,
    )  # fmt: skip


def _snoozed(practice: Practice, before: Task, now: datetime, until: datetime) -> dict[str, object]:
    """Snoozed time does not count: the target moves later, the lease restarts at `until`."""
    columns: dict[str, object] = {"next_check_at": until}
    target, calendar = before.clock_target_at, Calendar.of(practice)
    if target is not None and before.snoozed_until and before.snoozed_until > now:
        columns["clock_target_at"] = resnoozed_target(target, before.snoozed_until, until, calendar)
    elif target is not None:
        columns["clock_target_at"] = snoozed_target(target, now, until, calendar)
    if before.status is Status.CLAIMED:
        columns["last_activity_at"] = until
    return columns
