"""The running clock, its target, snoozes and the claim lease, in business time."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.task import Priority, Status
from bot.domain.timers import (
    BUSINESS,
    WALL,
    Calendar,
    ClockKind,
    clock_target,
    lease_expires_at,
    running_clock,
    snoozed_target,
)
from tests.builders import TYPE, make_practice, ny

CALENDAR = Calendar.of(make_practice())
H = timedelta(hours=1)
DUE = ny(2026, 3, 10, 12)


@pytest.mark.parametrize(
    ("status", "clock"),
    [
        (Status.UNASSIGNED, ClockKind.CLAIM),
        (Status.ASSIGNED, ClockKind.CLAIM),
        (Status.CLAIMED, ClockKind.RESOLVE),
        (Status.RETURNED, ClockKind.WAITING),
        (Status.DONE, None),
        (Status.CANCELLED, None),
    ],
)
def test_each_status_runs_one_clock_or_none_once_closed(status, clock):
    assert running_clock(status) is clock


@pytest.mark.parametrize(
    ("kind", "start", "type_id", "priority", "expected"),
    [
        pytest.param(
            ClockKind.CLAIM,
            ny(2026, 3, 6, 16),
            "insurance_verification",
            Priority.ROUTINE,
            ny(2026, 3, 9, 9),
            id="claim-2h-friday-to-monday-over-spring-forward",
        ),
        pytest.param(
            ClockKind.CLAIM,
            ny(2026, 3, 2, 9),
            "prior_authorization",
            Priority.URGENT,
            ny(2026, 3, 2, 10),
            id="claim-urgent-1h",
        ),
        pytest.param(
            ClockKind.CLAIM,
            ny(2026, 3, 2, 12),
            "scheduling",
            Priority.ROUTINE,
            ny(2026, 3, 3, 12),
            id="claim-without-targets-is-one-business-day",
        ),
        pytest.param(
            ClockKind.RESOLVE,
            ny(2026, 3, 2, 9),
            "insurance_verification",
            Priority.ROUTINE,
            DUE,
            id="resolve-is-the-due-time",
        ),
        pytest.param(
            ClockKind.WAITING,
            ny(2026, 7, 2, 16),
            "insurance_verification",
            Priority.ROUTINE,
            ny(2026, 7, 6, 9),
            id="waiting-as-long-as-claim-skips-the-holiday",
        ),
        pytest.param(
            ClockKind.CLAIM,
            ny(2026, 10, 30, 16),
            "insurance_verification",
            Priority.ROUTINE,
            ny(2026, 11, 2, 9),
            id="claim-over-fall-back",
        ),
    ],
)
def test_clock_target(kind, start, type_id, priority, expected):
    target = clock_target(
        kind, start=start, priority=priority, task_type=TYPE[type_id], due_at=DUE, calendar=CALENDAR
    )
    assert target == expected


def test_a_reassignment_restarts_the_claim_clock_from_the_reassignment():
    def claim_target(start: datetime) -> datetime:
        return clock_target(
            ClockKind.CLAIM,
            start=start,
            priority=Priority.ROUTINE,
            task_type=TYPE["insurance_verification"],
            due_at=DUE,
            calendar=CALENDAR,
        )

    assert claim_target(ny(2026, 3, 2, 9)) == ny(2026, 3, 2, 11)
    assert claim_target(ny(2026, 3, 2, 10, 30)) == ny(2026, 3, 2, 12, 30)


@pytest.mark.parametrize(
    ("target", "now", "until", "expected"),
    [
        pytest.param(
            ny(2026, 3, 2, 15),
            ny(2026, 3, 2, 12),
            ny(2026, 3, 3, 10),
            ny(2026, 3, 3, 13),
            id="before-target-keeps-3h-left-after-until",
        ),
        pytest.param(
            ny(2026, 3, 2, 10),
            ny(2026, 3, 2, 12),
            ny(2026, 3, 4, 8),
            ny(2026, 3, 3, 15),
            id="late-keeps-2h-lateness-at-until",
        ),
        pytest.param(
            ny(2026, 3, 6, 16),
            ny(2026, 3, 6, 17, 30),
            ny(2026, 3, 9, 8),
            ny(2026, 3, 6, 16),
            id="over-a-closed-weekend-changes-nothing",
        ),
        pytest.param(
            ny(2026, 3, 2, 15),
            ny(2026, 3, 2, 12),
            ny(2026, 3, 2, 11),
            ny(2026, 3, 2, 15),
            id="until-in-the-past-changes-nothing",
        ),
    ],
)
def test_snoozed_business_time_does_not_count(target, now, until, expected):
    assert snoozed_target(target, now, until, CALENDAR) == expected


def test_a_snooze_keeps_the_business_time_left_or_the_lateness():
    target, now, until = ny(2026, 3, 5, 10), ny(2026, 3, 4, 16), ny(2026, 3, 10, 9)
    moved = snoozed_target(target, now, until, CALENDAR)
    assert CALENDAR.between(until, moved) == CALENDAR.between(now, target)
    late = snoozed_target(now, target, until, CALENDAR)
    assert CALENDAR.between(late, until) == CALENDAR.between(now, target)


@pytest.mark.parametrize(
    ("last_activity", "task_type", "priority", "expected"),
    [
        pytest.param(
            ny(2026, 3, 2, 10),
            TYPE["insurance_verification"],
            Priority.ROUTINE,
            ny(2026, 3, 3, 10),
            id="default-is-the-9h-resolve-target",
        ),
        pytest.param(
            ny(2026, 3, 6, 16),
            replace(TYPE["insurance_verification"], lease=3 * H),
            Priority.ROUTINE,
            ny(2026, 3, 9, 10),
            id="type-lease-3h-over-a-weekend",
        ),
        pytest.param(
            ny(2026, 3, 2, 9),
            TYPE["prior_authorization"],
            Priority.URGENT,
            ny(2026, 3, 2, 13),
            id="urgent-resolve-target",
        ),
    ],
)
def test_lease_expires_after_idle_business_time(last_activity, task_type, priority, expected):
    assert lease_expires_at(last_activity, task_type, priority, CALENDAR) == expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        pytest.param(ny(2026, 3, 2, 9), ny(2026, 3, 2, 9), id="open"),
        pytest.param(ny(2026, 3, 2, 17), ny(2026, 3, 3, 8), id="at-closing"),
        pytest.param(ny(2026, 3, 7, 10), ny(2026, 3, 9, 8), id="saturday-before-spring-forward"),
        pytest.param(ny(2026, 7, 3, 10), ny(2026, 7, 6, 8), id="holiday"),
        pytest.param(ny(2026, 10, 31, 23), ny(2026, 11, 2, 8), id="over-fall-back"),
    ],
)
def test_next_open_skips_nights_weekends_and_holidays(at, expected):
    assert CALENDAR.next_open(at) == expected
    assert CALENDAR.is_open(at) is (at == expected)


@pytest.mark.parametrize(
    ("start", "clock", "expected"),
    [
        pytest.param(ny(2026, 3, 7, 12), WALL, ny(2026, 3, 8, 13), id="wall-day-spring-is-24h"),
        pytest.param(
            ny(2026, 10, 31, 12), WALL, datetime(2026, 11, 1, 16, tzinfo=UTC), id="wall-day-fall"
        ),
        pytest.param(ny(2026, 3, 6, 12), BUSINESS, ny(2026, 3, 11, 9), id="business-24h"),
    ],
)
def test_advance_a_day_on_each_clock(start, clock, expected):
    assert CALENDAR.advance(start, 24 * H, clock) == expected
