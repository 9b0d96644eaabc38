"""When a digest is due: the latest scheduled occurrence in the recipient's time zone.

Occurrences are `schedule.at` local time on `schedule.days` (0=Monday) in the recipient's zone.
Every audience uses its schedule's `at` as is, the assistant's "start of shift" digest too
(in the assistant's zone), so a practice sets it to when its shifts begin.

A period runs from the previous occurrence to this one, so consecutive periods tile time: each
event falls in exactly one digest, and Monday's "since the last digest" spans the weekend. A
worker that was down catches up on the same period later (its key is unchanged, so the database
sends it once), but not after `CATCH_UP`: yesterday's digest is never sent today.

DST: a time that does not exist that day (02:30 when clocks spring forward) is read with the
offset before the change (03:30 EDT); a time that happens twice (01:30 when they fall back) is
the first of the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.practice import WEEKLY, DigestSchedule

CATCH_UP = timedelta(hours=12)
WEEK = 7


@dataclass(frozen=True)
class DigestPeriod:
    """One digest to one recipient: events in [since, until) are its figures."""

    audience: str
    recipient_id: str
    key: str  # the occurrence's local date or ISO week: with audience and recipient, sent once
    until: datetime  # the scheduled occurrence (UTC); the digest is due from then
    since: datetime  # the previous scheduled occurrence (UTC)


def due_period(
    schedule: DigestSchedule, recipient_id: str, tz: ZoneInfo, now: datetime
) -> DigestPeriod | None:
    """The period due at `now` for one recipient; None if no occurrence in the last CATCH_UP."""
    if now.utcoffset() is None:
        raise ValueError("due_period needs an aware datetime")
    if not schedule.days:
        return None
    latest = _occurrence_at_or_before(schedule, tz, now)
    if now - latest > CATCH_UP:
        return None
    previous = _occurrence_at_or_before(schedule, tz, latest - timedelta(microseconds=1))
    return DigestPeriod(
        audience=schedule.audience,
        recipient_id=recipient_id,
        key=_key(schedule, latest.astimezone(tz).date()),
        until=latest,
        since=previous,
    )


def _key(schedule: DigestSchedule, day: date) -> str:
    """The local date; for the weekly digest its ISO week (2026-W49)."""
    if schedule.audience != WEEKLY:
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _occurrence_at_or_before(schedule: DigestSchedule, tz: ZoneInfo, moment: datetime) -> datetime:
    """The latest occurrence (UTC) not after `moment`: at most eight local days back."""
    today = moment.astimezone(tz).date()
    days = (today - timedelta(days=back) for back in range(WEEK + 1))
    occurrences = (_occurrence_on(schedule, tz, d) for d in days if d.weekday() in schedule.days)
    return next(o for o in occurrences if o <= moment)


def _occurrence_on(schedule: DigestSchedule, tz: ZoneInfo, day: date) -> datetime:
    """`schedule.at` on local `day`, in UTC (fold=0: see the module's DST note)."""
    return datetime.combine(day, schedule.at, tz).astimezone(UTC)
