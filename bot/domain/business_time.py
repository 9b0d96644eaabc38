"""Business-time arithmetic: count only open hours, skipping closed days and holidays.

Windows are laid out in local wall-clock time (so 08:00-17:00 stays 08:00-17:00 across a
DST change) and measured in UTC (so a window that spans a DST jump counts its real length).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import takewhile

from bot.domain.hours import WeeklyHours
from bot.domain.task import Priority
from bot.domain.task_types import TaskType

Window = tuple[datetime, datetime]


def add_business_time(
    start: datetime, delta: timedelta, hours: WeeklyHours, holidays: frozenset[date]
) -> datetime:
    """The moment `delta` of open business time after `start`, in `start`'s time zone."""
    if delta < timedelta(0):
        raise ValueError("delta must not be negative")
    windows = _windows_from(start, hours, holidays)
    remaining = delta
    opens, closes = next(windows)
    while remaining > closes - opens:
        remaining -= closes - opens
        opens, closes = next(windows)
    return (opens + remaining).astimezone(start.tzinfo)


def subtract_business_time(
    end: datetime, delta: timedelta, hours: WeeklyHours, holidays: frozenset[date]
) -> datetime:
    """The moment `delta` of open business time before `end`, in `end`'s time zone."""
    if delta < timedelta(0):
        raise ValueError("delta must not be negative")
    remaining = delta
    for opens, closes in _windows_before(end, hours, holidays):
        if remaining <= closes - opens:
            return (closes - remaining).astimezone(end.tzinfo)
        remaining -= closes - opens
    raise AssertionError("unreachable: business windows never run out")


def business_time_between(
    a: datetime, b: datetime, hours: WeeklyHours, holidays: frozenset[date]
) -> timedelta:
    """Open business time from `a` to `b`; negative when `b` is before `a`."""
    end = _utc(b)
    if end < _utc(a):
        return -business_time_between(b, a, hours, holidays)
    windows = takewhile(lambda window: window[0] < end, _windows_from(a, hours, holidays))
    return sum((min(closes, end) - opens for opens, closes in windows), timedelta(0))


def default_due(
    now: datetime,
    task_type: TaskType,
    priority: Priority,
    hours: WeeklyHours,
    holidays: frozenset[date],
) -> datetime:
    """`now` plus the type's resolve target in business time (one business day if none)."""
    targets = task_type.targets.get(priority)
    within = targets.resolve_within if targets else business_day_length(hours)
    return add_business_time(now, within, hours, holidays)


def business_day_length(hours: WeeklyHours) -> timedelta:
    """Wall-clock length of one business window (24 hours when start equals end)."""
    length = _since_midnight(hours.end) - _since_midnight(hours.start)
    return length + timedelta(days=1) if hours.overnight else length


def _since_midnight(moment: time) -> timedelta:
    return timedelta(
        hours=moment.hour,
        minutes=moment.minute,
        seconds=moment.second,
        microseconds=moment.microsecond,
    )


def _utc(moment: datetime) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError("business time needs an aware datetime")
    return moment.astimezone(UTC)


def _window(day: date, hours: WeeklyHours) -> Window:
    """The window opening on local `day`, in UTC so that subtraction is elapsed time."""
    opens = datetime.combine(day, hours.start, hours.tz)
    closes_on = day + timedelta(days=1) if hours.overnight else day
    closes = datetime.combine(closes_on, hours.end, hours.tz)
    return opens.astimezone(UTC), closes.astimezone(UTC)


def _windows_from(
    start: datetime, hours: WeeklyHours, holidays: frozenset[date]
) -> Iterator[Window]:
    """Business windows (UTC) not yet closed at `start`, the first clipped to begin at `start`."""
    if not hours.days:
        raise ValueError("business hours have no open days")
    begin = _utc(start)
    day = begin.astimezone(hours.tz).date() - timedelta(days=1)
    while True:
        if day.weekday() in hours.days and day not in holidays:
            opens, closes = _window(day, hours)
            if closes > begin:
                yield max(opens, begin), closes
        day += timedelta(days=1)


def _windows_before(
    end: datetime, hours: WeeklyHours, holidays: frozenset[date]
) -> Iterator[Window]:
    """Business windows (UTC) already open at `end`, latest first, the first clipped to `end`."""
    if not hours.days:
        raise ValueError("business hours have no open days")
    finish = _utc(end)
    day = finish.astimezone(hours.tz).date() + timedelta(days=1)
    while True:
        if day.weekday() in hours.days and day not in holidays:
            opens, closes = _window(day, hours)
            if opens < finish:
                yield opens, min(closes, finish)
        day -= timedelta(days=1)
