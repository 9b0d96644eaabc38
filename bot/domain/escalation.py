"""When a missed clock fires its escalation levels, and how late a task is.

The ladder is level 0, a built-in reminder to whoever holds the task at the target itself,
then the config's `escalations` as levels 1..n in file order. Level k starts `after` past the
target on its own clock and repeats every `repeat` on that clock until the task moves. A
firing is keyed by (task, clock, epoch, level, repetition); a sweep that missed ticks gets
only the latest repetition of each level, never one per missed repetition. Moments are
compared and returned in UTC (local times are ambiguous in the hour a DST change repeats).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.domain.practice import EscalationLevel
from bot.domain.timers import BUSINESS, Calendar

REMINDER = EscalationLevel(after=timedelta(0), clock=BUSINESS, notify=("assignee",))


@dataclass(frozen=True)
class Firing:
    level: int  # index in the ladder: 0 is the reminder, 1.. the config's levels
    repetition: int  # 0 for the level's first firing
    at: datetime  # the moment it was due


def ladder(escalations: Iterable[EscalationLevel]) -> tuple[EscalationLevel, ...]:
    """The reminder at the target, then the config's levels (so config level i is i + 1)."""
    return (REMINDER, *escalations)


def level_start(target: datetime, level: EscalationLevel, calendar: Calendar) -> datetime:
    """When `level` first fires: `after` past `target` on the level's clock."""
    return calendar.advance(target, level.after, level.clock)


def due_firings(
    target: datetime, levels: Sequence[EscalationLevel], now: datetime, calendar: Calendar
) -> list[Firing]:
    """For each level already started at `now`, its latest repetition due by `now`."""
    target, now = target.astimezone(UTC), now.astimezone(UTC)
    firings = []
    for index, level in enumerate(levels):
        start = level_start(target, level, calendar)
        if start <= now:
            repetition = _latest_repetition(start, level, now, calendar)
            at = _repetition_at(start, level, repetition, calendar)
            firings.append(Firing(index, repetition, at))
    return firings


def next_firing_at(
    target: datetime, levels: Sequence[EscalationLevel], now: datetime, calendar: Calendar
) -> datetime | None:
    """The earliest moment after `now` at which some level fires; None when none ever will."""
    target, now = target.astimezone(UTC), now.astimezone(UTC)
    moments = []
    for level in levels:
        start = level_start(target, level, calendar)
        if start > now:
            moments.append(start)
        elif level.repeat:
            following = _latest_repetition(start, level, now, calendar) + 1
            moments.append(_repetition_at(start, level, following, calendar))
    return min(moments, default=None)


def late_by(target: datetime, now: datetime, calendar: Calendar) -> timedelta:
    """Business time past `target` at `now` (zero when not late yet)."""
    return max(calendar.between(target, now), timedelta(0))


def _latest_repetition(
    start: datetime, level: EscalationLevel, now: datetime, calendar: Calendar
) -> int:
    if not level.repeat:
        return 0
    elapsed = now - start if level.clock != BUSINESS else calendar.between(start, now)
    return elapsed // level.repeat


def _repetition_at(
    start: datetime, level: EscalationLevel, repetition: int, calendar: Calendar
) -> datetime:
    if not repetition or not level.repeat:
        return start
    return calendar.advance(start, repetition * level.repeat, level.clock)
