"""The weekly manager digest (figures and charts), the owner's report, and the Home's trend.

Sent like the daily digests: for each recipient whose week is due as of `now`, the figures are
read in a read-only transaction, then the ledger key (kind "weekly", period = ISO week) and the
messages (a summary, then the charts) are written in one short transaction, so each recipient
gets each week once however many workers run or retry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.domain.digest import DigestData
from bot.domain.digest_manager import AssistantFigures, assistant_figures
from bot.domain.digest_schedule import DigestPeriod, due_period
from bot.domain.people import Role
from bot.domain.practice import WEEKLY, DigestSchedule, Practice
from bot.domain.weekly import WeeklyFigures, Window, weekly_figures, weeks_between, weeks_ending
from bot.services.ports import UnitOfWork

DEFAULT_AT = time(7, 30)


@dataclass(frozen=True)
class WeeklySent:
    recipient: str  # the digests channel, or a manager's Slack id (DM)
    period: DigestPeriod
    figures: WeeklyFigures


@dataclass(frozen=True)
class OwnerReport:
    """Week by week from `since` (the last week may be short), assistants over the whole range."""

    figures: WeeklyFigures
    assistants: tuple[AssistantFigures, ...]


def send_weekly(
    uow: Callable[[], UnitOfWork], read: Callable[[], UnitOfWork], practice: Practice,
    now: datetime, *, dry_run: bool = False,
) -> list[WeeklySent]:  # fmt: skip
    """Every weekly digest due as of `now` and not sent yet (`read` opens read-only work)."""
    schedule = next((d for d in practice.digests if d.audience == WEEKLY), None)
    if schedule is None:
        return []
    results = []
    for recipient, tz in _recipients(practice, schedule):
        period = due_period(schedule, recipient, tz, now)
        if period is None:
            continue
        with read() as reading:
            if reading.ledger.digest_recorded(practice.team_id, WEEKLY, recipient, period.key):
                continue  # sent already: the common case for the 12 h it stays due
            figures = read_figures(reading, practice, weeks_ending(period.until, tz), now)
        sent = WeeklySent(recipient, period, figures)
        if dry_run or _record(uow(), practice, sent, tz, now):
            results.append(sent)
    return results


def read_figures(
    uow: UnitOfWork, practice: Practice, windows: Sequence[Window], now: datetime,
    data: DigestData | None = None,
) -> WeeklyFigures:  # fmt: skip
    """The figures of `windows`, open work as of `now`, read in the caller's transaction
    (`data`: the windows' digest data, when the caller has read it already)."""
    team = practice.team_id
    if data is None:
        data = uow.digests.digest_data(team, windows[0].start, windows[-1].end, now)
    fired = [uow.digests.escalations_fired(team, w.start, w.end) for w in windows]
    return weekly_figures(practice, data, windows, fired)


def owner_report(
    read: Callable[[], UnitOfWork], practice: Practice, since: datetime, until: datetime,
    now: datetime,
) -> OwnerReport:  # fmt: skip
    """Week by week over [since, until), the same figures as the weekly digests."""
    windows = weeks_between(since, until, practice.tz)
    with read() as reading:  # the windows run from `since` to `until`: one read serves both
        data = reading.digests.digest_data(practice.team_id, since, until, now)
        figures = read_figures(reading, practice, windows, now, data)
    return OwnerReport(figures, assistant_figures(practice, data))


def weekly_at(practice: Practice) -> time:
    """The weekly digest's time of day (07:30 if it is not configured): where weeks start."""
    schedule = next((d for d in practice.digests if d.audience == WEEKLY), None)
    return schedule.at if schedule else DEFAULT_AT


def _recipients(practice: Practice, schedule: DigestSchedule) -> Iterator[tuple[str, ZoneInfo]]:
    """The digests channel (practice time), or each manager by DM in their own time zone."""
    if schedule.to_channel:
        yield practice.channels.digests, practice.tz
        return
    for person in practice.with_role(Role.MANAGER):
        yield person.slack_id, person.tz


def _record(
    uow: UnitOfWork, practice: Practice, sent: WeeklySent, tz: ZoneInfo, now: datetime
) -> bool:
    """Key the week and queue its messages in one transaction; False if it went before."""
    with uow:
        first = uow.ledger.first_digest(
            team_id=practice.team_id, kind=WEEKLY, recipient=sent.recipient,
            period=sent.period.key, now=now, skipped=False,
        )  # fmt: skip
        if first:
            uow.notify.weekly_digest(practice, sent.recipient, sent.figures, tz)
        uow.commit()
    return first
