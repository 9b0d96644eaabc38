"""Firings of the escalation ladder: catch-up, repeats, business and wall clocks, DST."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.escalation import (
    Firing,
    due_firings,
    ladder,
    late_by,
    level_start,
    next_firing_at,
)
from bot.domain.practice import EscalationLevel
from bot.domain.timers import BUSINESS, WALL, Calendar
from tests.builders import make_practice, ny

CALENDAR = Calendar.of(make_practice())
H, M = timedelta(hours=1), timedelta(minutes=1)
# practice.example.yml's levels, behind the built-in reminder (level 0).
LEVELS = ladder(
    [
        EscalationLevel(30 * M, BUSINESS, ("assignee",)),
        EscalationLevel(2 * H, BUSINESS, ("assignee", "managers"), repeat=H),
        EscalationLevel(24 * H, WALL, ("managers", "escalations_channel", "requester")),
    ]
)
HOURLY_WALL = (EscalationLevel(H, WALL, ("managers",), repeat=H),)
MONDAY_9 = ny(2026, 3, 2, 9)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_the_reminder_is_level_0_and_config_levels_keep_their_order():
    assert LEVELS[0].after == timedelta(0)
    assert LEVELS[0].notify == ("assignee",)
    assert [level.after for level in LEVELS[1:]] == [30 * M, 2 * H, 24 * H]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(ny(2026, 3, 2, 8, 59), [], id="not-yet-late"),
        pytest.param(MONDAY_9, [(0, 0, MONDAY_9)], id="reminder-at-the-target"),
        pytest.param(
            ny(2026, 3, 2, 9, 45), [(0, 0, MONDAY_9), (1, 0, ny(2026, 3, 2, 9, 30))], id="level-1"
        ),
        pytest.param(
            ny(2026, 3, 2, 14, 20),
            [(0, 0, MONDAY_9), (1, 0, ny(2026, 3, 2, 9, 30)), (2, 3, ny(2026, 3, 2, 14))],
            id="catch-up-gives-only-the-latest-repeat",
        ),
        pytest.param(
            ny(2026, 3, 3, 8, 30),
            [(0, 0, MONDAY_9), (1, 0, ny(2026, 3, 2, 9, 30)), (2, 6, ny(2026, 3, 2, 17))],
            id="no-business-repeats-overnight",
        ),
        pytest.param(
            ny(2026, 3, 3, 9),
            [
                (0, 0, MONDAY_9),
                (1, 0, ny(2026, 3, 2, 9, 30)),
                (2, 7, ny(2026, 3, 3, 9)),
                (3, 0, ny(2026, 3, 3, 9)),
            ],
            id="wall-day-and-next-business-repeat",
        ),
    ],
)
def test_due_firings_on_a_weekday(now, expected):
    assert due_firings(MONDAY_9, LEVELS, now, CALENDAR) == [Firing(*f) for f in expected]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(ny(2026, 3, 2, 8), MONDAY_9, id="the-target"),
        pytest.param(MONDAY_9, ny(2026, 3, 2, 9, 30), id="level-1"),
        pytest.param(ny(2026, 3, 2, 9, 45), ny(2026, 3, 2, 11), id="level-2"),
        pytest.param(ny(2026, 3, 2, 11), ny(2026, 3, 2, 12), id="level-2-repeat"),
        pytest.param(ny(2026, 3, 2, 17), ny(2026, 3, 3, 9), id="after-the-night"),
    ],
)
def test_next_firing_at(now, expected):
    assert next_firing_at(MONDAY_9, LEVELS, now, CALENDAR) == expected


def test_no_next_firing_once_every_level_without_repeat_has_fired():
    once = (LEVELS[0], LEVELS[1])
    assert next_firing_at(MONDAY_9, once, ny(2026, 3, 9, 9), CALENDAR) is None


def test_over_a_weekend_wall_levels_fire_and_business_levels_wait_for_monday():
    friday_4pm = ny(2026, 3, 6, 16)
    saturday = ny(2026, 3, 7, 18)
    assert due_firings(friday_4pm, LEVELS, saturday, CALENDAR) == [
        Firing(0, 0, friday_4pm),
        Firing(1, 0, ny(2026, 3, 6, 16, 30)),
        Firing(3, 0, ny(2026, 3, 7, 16)),
    ]
    assert next_firing_at(friday_4pm, LEVELS, saturday, CALENDAR) == ny(2026, 3, 9, 9)


def test_a_holiday_is_skipped_by_business_levels():
    thursday = ny(2026, 7, 2, 16, 30)
    starts = [level_start(thursday, level, CALENDAR) for level in LEVELS]
    assert starts == [thursday, ny(2026, 7, 2, 17), ny(2026, 7, 6, 9, 30), ny(2026, 7, 3, 16, 30)]


def test_a_target_after_hours_reminds_at_the_next_opening():
    assert level_start(ny(2026, 3, 2, 17), LEVELS[0], CALENDAR) == ny(2026, 3, 3, 8)


@pytest.mark.parametrize(
    ("target", "level", "expected"),
    [
        pytest.param(ny(2026, 3, 6, 16), 2, ny(2026, 3, 9, 9), id="business-spring"),
        pytest.param(ny(2026, 10, 30, 16), 2, ny(2026, 11, 2, 9), id="business-fall"),
        pytest.param(ny(2026, 3, 7, 12), 3, ny(2026, 3, 8, 13), id="wall-spring-24h"),
        pytest.param(ny(2026, 10, 31, 12), 3, utc(2026, 11, 1, 16), id="wall-fall-24h"),
    ],
)
def test_level_starts_across_both_dst_changes(target, level, expected):
    assert level_start(target, LEVELS[level], CALENDAR) == expected


@pytest.mark.parametrize(
    ("target", "now", "expected"),
    [
        pytest.param(
            ny(2026, 3, 8, 0, 30),
            ny(2026, 3, 8, 3, 45),
            Firing(0, 1, ny(2026, 3, 8, 3, 30)),
            id="spring-forward-skips-2am",
        ),
        pytest.param(
            ny(2026, 11, 1, 0, 30),
            utc(2026, 11, 1, 6, 45),
            Firing(0, 1, utc(2026, 11, 1, 6, 30)),
            id="fall-back-1am-twice",
        ),
        pytest.param(
            ny(2026, 11, 1, 0, 30),
            ny(2026, 11, 1, 2, 45),
            Firing(0, 2, utc(2026, 11, 1, 7, 30)),
            id="fall-back-counts-real-hours",
        ),
    ],
)
def test_hourly_wall_repeats_count_real_hours_across_dst(target, now, expected):
    assert due_firings(target, HOURLY_WALL, now, CALENDAR) == [expected]


def test_business_repeats_resume_after_spring_forward_at_local_opening():
    friday_4pm = ny(2026, 3, 6, 16)
    firings = due_firings(friday_4pm, LEVELS, ny(2026, 3, 9, 10, 30), CALENDAR)
    assert firings[2] == Firing(2, 1, ny(2026, 3, 9, 10))


def test_late_by_counts_business_time_only():
    assert late_by(ny(2026, 3, 6, 16), ny(2026, 3, 9, 9, 15), CALENDAR) == H + 75 * M
    assert late_by(ny(2026, 3, 6, 16), ny(2026, 3, 6, 15), CALENDAR) == timedelta(0)


MINUTES = st.integers(min_value=0, max_value=14 * 24 * 60)


@given(MINUTES, MINUTES)
def test_firings_never_go_back_as_time_passes(earlier, later):
    earlier, later = sorted((earlier, later))
    before = due_firings(MONDAY_9, LEVELS, MONDAY_9 + earlier * M, CALENDAR)
    after = {f.level: f for f in due_firings(MONDAY_9, LEVELS, MONDAY_9 + later * M, CALENDAR)}
    for firing in before:
        assert after[firing.level].repetition >= firing.repetition
        assert after[firing.level].at >= firing.at


@given(MINUTES)
def test_the_next_firing_is_later_and_due_then(offset):
    now = ny(2026, 3, 5, 8) + offset * M
    following = next_firing_at(MONDAY_9, LEVELS, now, CALENDAR)
    assert following is not None
    assert following > now
    assert following in {f.at for f in due_firings(MONDAY_9, LEVELS, following, CALENDAR)}
