from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.business_time import (
    add_business_time,
    business_day_length,
    business_time_between,
    default_due,
    subtract_business_time,
)
from bot.domain.hours import WeeklyHours
from bot.domain.task import Priority
from tests.builders import BUSINESS_HOURS, HOLIDAYS, NEW_YORK, TYPE, ny

ALWAYS_OPEN = WeeklyHours(frozenset(range(7)), time(0), time(0), NEW_YORK)
H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("start", "delta", "expected"),
    [
        pytest.param(ny(2026, 3, 2, 9), 2 * H, ny(2026, 3, 2, 11), id="within-one-day"),
        pytest.param(ny(2026, 3, 6, 16), H, ny(2026, 3, 6, 17), id="ends-exactly-at-close"),
        pytest.param(ny(2026, 3, 6, 15), 4 * H, ny(2026, 3, 9, 10), id="friday-to-monday-dst"),
        pytest.param(ny(2026, 10, 30, 16), 2 * H, ny(2026, 11, 2, 9), id="fall-back-weekend"),
        pytest.param(ny(2026, 3, 7, 10), H, ny(2026, 3, 9, 9), id="starts-on-saturday"),
        pytest.param(ny(2026, 3, 2, 6), 2 * H, ny(2026, 3, 2, 10), id="before-opening"),
        pytest.param(ny(2026, 3, 2, 18), 2 * H, ny(2026, 3, 3, 10), id="after-closing"),
        pytest.param(ny(2026, 7, 2, 16), 2 * H, ny(2026, 7, 6, 9), id="holiday-friday"),
        pytest.param(ny(2026, 12, 24, 12), 9 * H, ny(2026, 12, 28, 12), id="christmas"),
        pytest.param(ny(2026, 3, 2, 8), 27 * H, ny(2026, 3, 4, 17), id="three-full-days"),
        pytest.param(ny(2026, 3, 8, 12), timedelta(0), ny(2026, 3, 9, 8), id="zero-on-sunday"),
    ],
)
def test_add_business_time(start: datetime, delta: timedelta, expected: datetime) -> None:
    assert add_business_time(start, delta, BUSINESS_HOURS, HOLIDAYS) == expected


def test_add_business_time_keeps_the_callers_zone() -> None:
    start = ny(2026, 3, 6, 15).astimezone(UTC)
    result = add_business_time(start, 4 * H, BUSINESS_HOURS, HOLIDAYS)
    assert result.tzinfo is UTC
    assert result == datetime(2026, 3, 9, 14, tzinfo=UTC)


def test_a_day_shortened_by_dst_counts_its_real_length() -> None:
    saturday_noon = ny(2026, 3, 7, 12)
    sunday_noon = ny(2026, 3, 8, 12)
    assert business_time_between(saturday_noon, sunday_noon, ALWAYS_OPEN, frozenset()) == 23 * H
    assert add_business_time(saturday_noon, 24 * H, ALWAYS_OPEN, frozenset()) == ny(2026, 3, 8, 13)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param(ny(2026, 3, 2, 9), ny(2026, 3, 2, 11), 2 * H, id="same-window"),
        pytest.param(ny(2026, 3, 6, 16), ny(2026, 3, 9, 9), 2 * H, id="over-dst-weekend"),
        pytest.param(ny(2026, 3, 2, 18), ny(2026, 3, 3, 7), timedelta(0), id="overnight"),
        pytest.param(ny(2026, 7, 2, 8), ny(2026, 7, 6, 17), 18 * H, id="skips-holiday"),
        pytest.param(ny(2026, 3, 9, 9), ny(2026, 3, 6, 16), -2 * H, id="reversed"),
        pytest.param(ny(2026, 3, 2, 9), ny(2026, 3, 2, 9), timedelta(0), id="empty"),
    ],
)
def test_business_time_between(a: datetime, b: datetime, expected: timedelta) -> None:
    assert business_time_between(a, b, BUSINESS_HOURS, HOLIDAYS) == expected


@pytest.mark.parametrize(
    ("type_id", "priority", "expected"),
    [
        pytest.param("prior_authorization", Priority.URGENT, ny(2026, 3, 9, 10), id="target"),
        pytest.param("prior_authorization", Priority.ROUTINE, ny(2026, 3, 10, 15), id="routine"),
        pytest.param("scheduling", Priority.ROUTINE, ny(2026, 3, 9, 15), id="no-target-one-day"),
        pytest.param(
            "insurance_verification", Priority.URGENT, ny(2026, 3, 9, 15), id="no-urgent-target"
        ),
    ],
)
def test_default_due(type_id: str, priority: Priority, expected: datetime) -> None:
    now = ny(2026, 3, 6, 15)
    assert default_due(now, TYPE[type_id], priority, BUSINESS_HOURS, HOLIDAYS) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(time(8), time(17), 9 * H, id="day"),
        pytest.param(time(21), time(6), 9 * H, id="overnight"),
        pytest.param(time(0), time(0), 24 * H, id="all-day"),
        pytest.param(time(8, 30), time(12, 15), timedelta(hours=3, minutes=45), id="minutes"),
    ],
)
def test_business_day_length(start: time, end: time, expected: timedelta) -> None:
    assert business_day_length(WeeklyHours(frozenset({0}), start, end, NEW_YORK)) == expected


def test_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="aware"):
        add_business_time(datetime(2026, 3, 2, 9), H, BUSINESS_HOURS, HOLIDAYS)


def test_rejects_negative_deltas() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_time(ny(2026, 3, 2, 9), -H, BUSINESS_HOURS, HOLIDAYS)


def test_rejects_hours_that_never_open() -> None:
    never = WeeklyHours(frozenset(), time(8), time(17), NEW_YORK)
    with pytest.raises(ValueError, match="no open days"):
        add_business_time(ny(2026, 3, 2, 9), H, never, HOLIDAYS)


@given(
    start=st.datetimes(datetime(2026, 1, 1), datetime(2027, 12, 31), timezones=st.just(UTC)),
    delta=st.timedeltas(timedelta(0), timedelta(days=20)),
)
def test_between_inverts_add(start: datetime, delta: timedelta) -> None:
    end = add_business_time(start, delta, BUSINESS_HOURS, HOLIDAYS)
    assert business_time_between(start, end, BUSINESS_HOURS, HOLIDAYS) == delta
    assert not delta or BUSINESS_HOURS.is_open(end - timedelta(microseconds=1))


@pytest.mark.parametrize(
    ("end", "delta", "expected"),
    [
        pytest.param(ny(2026, 12, 1, 12), timedelta(hours=2), ny(2026, 12, 1, 10), id="same-day"),
        pytest.param(ny(2026, 12, 2, 9), timedelta(hours=3), ny(2026, 12, 1, 15), id="overnight"),
        pytest.param(ny(2026, 12, 7, 8), timedelta(hours=1), ny(2026, 12, 4, 16), id="weekend"),
        pytest.param(ny(2026, 12, 1, 20), timedelta(0), ny(2026, 12, 1, 17), id="after-hours"),
    ],
)
def test_subtract_business_time(end: datetime, delta: timedelta, expected: datetime) -> None:
    assert subtract_business_time(end, delta, BUSINESS_HOURS, HOLIDAYS) == expected


@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    delta=st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=20)),
)
def test_subtract_inverts_add(start: datetime, delta: timedelta) -> None:
    begin = add_business_time(start.replace(tzinfo=UTC), timedelta(0), BUSINESS_HOURS, HOLIDAYS)
    end = add_business_time(begin, delta, BUSINESS_HOURS, HOLIDAYS)
    back = subtract_business_time(end, delta, BUSINESS_HOURS, HOLIDAYS)
    assert business_time_between(back, begin, BUSINESS_HOURS, HOLIDAYS) == timedelta(0)
