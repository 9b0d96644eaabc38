"""Weekly hours in a local time zone: business hours and assistant shifts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class WeeklyHours:
    """Open on `days` (0=Monday) from `start` to `end` local time; end <= start means overnight."""

    days: frozenset[int]
    start: time
    end: time
    tz: ZoneInfo

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    @lru_cache(maxsize=1024)  # noqa: B019 -- frozen and few; a sweep asks each person at one `now`
    def _windows_around(self, now: datetime) -> tuple[tuple[datetime, datetime], ...]:
        """Open windows (aware, local) starting from yesterday up to 8 days ahead."""
        local = now.astimezone(self.tz)
        windows = []
        for offset in range(-1, 9):
            day = (local + timedelta(days=offset)).date()
            if day.weekday() not in self.days:
                continue
            opens = datetime.combine(day, self.start, self.tz)
            closes_day = day + timedelta(days=1) if self.overnight else day
            closes = datetime.combine(closes_day, self.end, self.tz)
            windows.append((opens, closes))
        return tuple(windows)

    def is_open(self, now: datetime) -> bool:
        return any(opens <= now < closes for opens, closes in self._windows_around(now))

    def next_open(self, now: datetime) -> datetime | None:
        """`now` if open, else the start of the next window (None if never open)."""
        if self.is_open(now):
            return now
        starts = [opens for opens, _ in self._windows_around(now) if opens > now]
        return min(starts) if starts else None
