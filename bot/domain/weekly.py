"""The manager's week at a glance: week-by-week flow and on-time rates, open work, per assistant.

Weeks are windows of seven local days ending at a moment (the weekly digest's occurrence, or
`now` for App Home), so a DST change does not shift them. Every figure is a count or a median
over one `DigestData` covering all the windows, the same inputs and rules as the daily manager
digest (on time = done no later than due; durations in business time from creation).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.business_time import business_day_length
from bot.domain.digest import CREATED, DigestData
from bot.domain.digest_manager import (
    AssistantFigures,
    OpenByAge,
    assistant_figures,
    median,
    open_by_age,
    since_created,
)
from bot.domain.lifecycle import Action
from bot.domain.practice import Practice

WEEKS_SHOWN = 8


@dataclass(frozen=True)
class Window:
    """Events in [start, end) belong to this window."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class Rate:
    """Work done in a window and how much of it was on time."""

    done: int
    on_time: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.on_time / self.done) if self.done else None


@dataclass(frozen=True)
class WeekFigures:
    window: Window
    created: int
    rate: Rate
    to_claim: timedelta | None  # median over every claim in the window
    escalations: int  # escalations fired in the window (the service counts them)
    by_type: dict[str, Rate]  # task types with work done in the window


@dataclass(frozen=True)
class WeeklyFigures:
    """Week by week (oldest first; the last is the week reported), open work as of `now`."""

    now: datetime
    weeks: tuple[WeekFigures, ...]
    open_by_age: tuple[OpenByAge, ...]
    overdue: int
    oldest_days: float | None  # business days since the oldest open task was created
    assistants: tuple[AssistantFigures, ...]  # over the reported (last) week

    @property
    def this_week(self) -> WeekFigures:
        return self.weeks[-1]

    @property
    def last_week(self) -> WeekFigures | None:
        return self.weeks[-2] if len(self.weeks) > 1 else None

    @property
    def type_ids(self) -> list[str]:
        """Every type with done work in any week, first seen first."""
        return list(dict.fromkeys(t for week in self.weeks for t in week.by_type))


def weeks_ending(end: datetime, tz: ZoneInfo, count: int = WEEKS_SHOWN) -> list[Window]:
    """`count` windows of seven local days, the last ending at `end`, oldest first."""
    local = end.astimezone(tz)
    edges = [_days_before(local, 7 * back, tz) for back in range(count, -1, -1)]
    return [Window(a, b) for a, b in itertools.pairwise(edges)]


def weeks_between(since: datetime, until: datetime, tz: ZoneInfo) -> list[Window]:
    """Windows of seven local days from `since`; the last is cut short at `until`."""
    local, start = since.astimezone(tz), since
    windows: list[Window] = []
    while start < until:
        end = min(until, _days_before(local, -7 * (len(windows) + 1), tz))
        windows.append(Window(start, end))
        start = end
    return windows


def weekly_figures(
    practice: Practice, data: DigestData, windows: Sequence[Window], escalations: Sequence[int]
) -> WeeklyFigures:
    """The figures of `windows` (within data's period), with `escalations` fired per window."""
    weeks = tuple(
        _week(practice, _within(data, window), fired)
        for window, fired in zip(windows, escalations, strict=True)
    )
    open_tasks = data.open_tasks()
    ages = [since_created(practice, task, data.now) for task in open_tasks]
    day = business_day_length(practice.business_hours)
    return WeeklyFigures(
        now=data.now,
        weeks=weeks,
        open_by_age=open_by_age(practice, open_tasks, data.now),
        overdue=sum(1 for task in open_tasks if task.due_at < data.now),
        oldest_days=max(ages) / day if ages else None,
        assistants=assistant_figures(practice, _within(data, windows[-1])),
    )


def _week(practice: Practice, data: DigestData, escalations: int) -> WeekFigures:
    claims = [since_created(practice, task, e.at) for e, task in data.happened(Action.CLAIM)]
    done = [(task.type_id, e.at <= task.due_at) for e, task in data.happened(Action.DONE)]
    by_type = {
        type_id: _rate([on_time for t, on_time in done if t == type_id])
        for type_id in dict.fromkeys(t for t, _ in done)
    }
    return WeekFigures(
        window=Window(data.since, data.until),
        created=sum(1 for _ in data.happened(CREATED)),
        rate=_rate([on_time for _, on_time in done]),
        to_claim=median(claims),
        escalations=escalations,
        by_type=by_type,
    )


def _rate(on_time: list[bool]) -> Rate:
    return Rate(done=len(on_time), on_time=sum(on_time))


def _within(data: DigestData, window: Window) -> DigestData:
    return replace(data, since=window.start, until=window.end)


def _days_before(local: datetime, days: int, tz: ZoneInfo) -> datetime:
    """The same local time `days` days earlier (later if negative), as an aware datetime."""
    return datetime.combine(local.date() - timedelta(days=days), local.time(), tz)
