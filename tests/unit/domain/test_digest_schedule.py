"""When digests are due: local times, catch-up, weekends and DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from itertools import pairwise

import pytest

from bot.domain.digest_schedule import DigestPeriod, due_period
from bot.domain.practice import DigestSchedule
from tests.builders import MANILA, NEW_YORK, WEEKDAYS, ny

EVERY_DAY = frozenset(range(7))
MORNING = DigestSchedule("manager", time(7, 30), WEEKDAYS)
DAILY = DigestSchedule("manager", time(7, 30), EVERY_DAY)
SHIFT_START = DigestSchedule("assistant", time(21), WEEKDAYS)  # Manila night shift


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


# (schedule, now) -> (key, until, since), or None when nothing is due.
TUESDAY = ("2026-12-01", utc(12, 1, 12, 30), utc(11, 30, 12, 30))
NEW_YORK_CASES = {
    "at the minute": (MORNING, ny(2026, 12, 1, 7, 30), TUESDAY),
    "a minute early: yesterday's is too old": (MORNING, ny(2026, 12, 1, 7, 29), None),
    "a worker down at 07:30 catches up at 09:00": (MORNING, ny(2026, 12, 1, 9), TUESDAY),
    "still caught up exactly CATCH_UP later": (MORNING, ny(2026, 12, 1, 19, 30), TUESDAY),
    "but never after CATCH_UP": (MORNING, ny(2026, 12, 1, 19, 31), None),
    "Monday's spans the weekend": (
        MORNING,
        ny(2026, 11, 30, 8),
        ("2026-11-30", utc(11, 30, 12, 30), utc(11, 27, 12, 30)),
    ),
    "none on Saturday": (MORNING, ny(2026, 12, 5, 8), None),
    "spring forward: a 23-hour period": (
        DAILY,
        ny(2026, 3, 8, 7, 30),
        ("2026-03-08", utc(3, 8, 11, 30), utc(3, 7, 12, 30)),
    ),
    "the day after: 24 hours again": (
        DAILY,
        ny(2026, 3, 9, 7, 30),
        ("2026-03-09", utc(3, 9, 11, 30), utc(3, 8, 11, 30)),
    ),
    "fall back: a 25-hour period": (
        DAILY,
        ny(2026, 11, 1, 7, 30),
        ("2026-11-01", utc(11, 1, 12, 30), utc(10, 31, 11, 30)),
    ),
}


@pytest.mark.parametrize(
    ("schedule", "now", "expected"), NEW_YORK_CASES.values(), ids=NEW_YORK_CASES.keys()
)
def test_the_due_period_of_a_new_york_manager(
    schedule: DigestSchedule, now: datetime, expected: tuple[str, datetime, datetime] | None
) -> None:
    period = due_period(schedule, "UGRACE", NEW_YORK, now)
    found = period and (period.key, period.until, period.since)
    assert found == expected


def test_a_period_names_its_audience_and_recipient() -> None:
    period = due_period(MORNING, "UGRACE", NEW_YORK, ny(2026, 12, 1, 8))
    assert period == DigestPeriod(
        "manager", "UGRACE", "2026-12-01", utc(12, 1, 12, 30), utc(11, 30, 12, 30)
    )


def test_a_time_skipped_by_spring_forward_is_read_with_the_offset_before_the_change() -> None:
    schedule = DigestSchedule("manager", time(2, 30), EVERY_DAY)
    period = due_period(schedule, "UGRACE", NEW_YORK, ny(2026, 3, 8, 4))
    assert period is not None
    assert period.until == utc(3, 8, 7, 30)  # 03:30 EDT: one hour late, never skipped
    assert period.until - period.since == timedelta(hours=24)  # 02:30 EST to "02:30 EST"


def test_a_time_that_happens_twice_when_clocks_fall_back_is_the_first_and_sent_once() -> None:
    schedule = DigestSchedule("manager", time(1, 30), EVERY_DAY)
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)  # fold=0: EDT, 05:30 UTC
    second = first.replace(fold=1)  # EST, 06:30 UTC
    periods = [due_period(schedule, "UGRACE", NEW_YORK, now) for now in (first, second)]
    assert [p and (p.key, p.until) for p in periods] == [("2026-11-01", utc(11, 1, 5, 30))] * 2


MANILA_CASES = {
    "at shift start, Monday evening in Manila": (
        utc(11, 30, 13),
        ("2026-11-30", utc(11, 30, 13), utc(11, 27, 13)),
    ),
    "Manila has no DST: March is the same": (
        utc(3, 9, 13, 5),
        ("2026-03-09", utc(3, 9, 13), utc(3, 6, 13)),
    ),
    "before the shift: Friday's is too old": (utc(11, 30, 12, 59), None),
    "Saturday evening in Manila": (utc(12, 5, 13), None),
}


@pytest.mark.parametrize(("now", "expected"), MANILA_CASES.values(), ids=MANILA_CASES.keys())
def test_an_assistants_digest_follows_the_assistants_own_time_zone(
    now: datetime, expected: tuple[str, datetime, datetime] | None
) -> None:
    period = due_period(SHIFT_START, "UMARIA", MANILA, now)
    assert (period and (period.key, period.until, period.since)) == expected


def test_the_key_is_the_recipients_local_date_not_utcs() -> None:
    schedule = DigestSchedule("assistant", time(6), WEEKDAYS)
    period = due_period(schedule, "UANA", MANILA, utc(11, 30, 22, 30))  # Tue 06:30 in Manila
    assert period is not None
    assert period.key == "2026-12-01"


def test_consecutive_periods_tile_time_with_no_gap_or_overlap() -> None:
    mornings = [ny(2026, 11, 27, 7, 30) + timedelta(days=n) for n in range(10)]
    periods = [p for now in mornings if (p := due_period(MORNING, "UGRACE", NEW_YORK, now))]
    assert len(periods) == 6  # ten days from a Friday: two weekends
    assert all(a.until == b.since for a, b in pairwise(periods))


def test_no_scheduled_day_means_no_digest() -> None:
    never = DigestSchedule("manager", time(7, 30), frozenset())
    assert due_period(never, "UGRACE", NEW_YORK, ny(2026, 12, 1, 8)) is None


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        due_period(MORNING, "UGRACE", NEW_YORK, datetime(2026, 12, 1, 8))
