"""Weekly figures, each checked against a direct count over eight generated weeks of work.

The reported week ends Mon Dec 7 2026 07:30 New York; the eight weeks start Mon Oct 12 07:30,
so they cross the end of daylight saving time (Nov 1).
"""

from __future__ import annotations

import itertools
import random
import statistics
from datetime import datetime, timedelta

import pytest

from bot.domain.business_time import business_time_between
from bot.domain.digest import DigestData, TaskEvent
from bot.domain.task import OPEN_STATUSES, Priority, Status, Task, task_code
from bot.domain.weekly import Window, weekly_figures, weeks_between, weeks_ending
from tests.builders import ANA, JOSE, MARIA, NEW_YORK, PATEL, make_practice, ny

PRACTICE = make_practice()
END, NOW = ny(2026, 12, 7, 7, 30), ny(2026, 12, 7, 7, 45)
WINDOWS = weeks_ending(END, NEW_YORK)
TYPES = ("scheduling", "insurance_verification", "records_request")
ASSISTANTS = (MARIA.slack_id, JOSE.slack_id, ANA.slack_id)


def generated(seed: int) -> tuple[dict[int, Task], list[TaskEvent]]:
    """Tasks created over nine weeks; each claimed, done or cancelled later, or left open."""
    rng = random.Random(seed)
    tasks, events = {}, []
    for number in range(1, 121):
        created = WINDOWS[0].start - timedelta(days=7) + timedelta(minutes=rng.randrange(90_000))
        claimed = created + timedelta(minutes=rng.randrange(1, 3000))
        closed = claimed + timedelta(minutes=rng.randrange(1, 6000))
        status = rng.choice([Status.DONE, Status.DONE, Status.CANCELLED, Status.CLAIMED])
        if status is not Status.CANCELLED and closed > NOW:
            status = Status.CLAIMED
        who = rng.choice(ASSISTANTS)
        tasks[number] = Task(
            number, "T_TEST", task_code(number), rng.choice(TYPES), Priority.ROUTINE, status,
            PATEL.slack_id, who, f"Task {number}", "", "",
            due_at=created + timedelta(hours=rng.randrange(4, 80)), created_at=created,
        )  # fmt: skip
        events += [TaskEvent(number, "created", PATEL.slack_id, created)]
        if claimed < NOW:
            events.append(TaskEvent(number, "claim", who, claimed))
        if status is Status.DONE:
            events.append(TaskEvent(number, "done", who, closed))
        elif status is Status.CANCELLED and closed < NOW:
            events.append(TaskEvent(number, "cancel", PATEL.slack_id, closed))
    return tasks, events


def in_window(events: list[TaskEvent], action: str, window: Window) -> list[TaskEvent]:
    return [e for e in events if e.action == action and window.start <= e.at < window.end]


def business(task: Task, at: datetime) -> timedelta:
    return business_time_between(task.created_at, at, PRACTICE.business_hours, PRACTICE.holidays)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_weeks_figures_equal_direct_counts(seed: int) -> None:
    tasks, events = generated(seed)
    data = DigestData(WINDOWS[0].start, END, NOW, tasks, events)
    figures = weekly_figures(PRACTICE, data, WINDOWS, list(range(8)))
    for window, week in zip(WINDOWS, figures.weeks, strict=True):
        done = in_window(events, "done", window)
        on_time = [e for e in done if e.at <= tasks[e.task_id].due_at]
        claims = [business(tasks[e.task_id], e.at) for e in in_window(events, "claim", window)]
        assert week.created == len(in_window(events, "created", window))
        assert (week.rate.done, week.rate.on_time) == (len(done), len(on_time))
        assert week.to_claim == (
            timedelta(seconds=statistics.median(c.total_seconds() for c in claims))
            if claims
            else None
        )
        for type_id, rate in week.by_type.items():
            of_type = [e for e in done if tasks[e.task_id].type_id == type_id]
            assert rate.done == len(of_type)
            assert rate.on_time == len([e for e in on_time if e in of_type])
        assert sum(rate.done for rate in week.by_type.values()) == len(done)
    assert [week.escalations for week in figures.weeks] == list(range(8))


@pytest.mark.parametrize("seed", [1, 2])
def test_open_work_overdue_and_assistants_equal_direct_counts(seed: int) -> None:
    tasks, events = generated(seed)
    figures = weekly_figures(
        PRACTICE, DigestData(WINDOWS[0].start, END, NOW, tasks, events), WINDOWS, [0] * 8
    )
    still_open = [t for t in tasks.values() if t.status in OPEN_STATUSES]
    assert sum(row.total for row in figures.open_by_age) == len(still_open)
    assert figures.overdue == len([t for t in still_open if t.due_at < NOW])
    oldest = max(business(t, NOW) for t in still_open) / timedelta(hours=9)
    assert figures.oldest_days == pytest.approx(oldest)
    last = WINDOWS[-1]
    for row in figures.assistants:
        mine = [
            e
            for e in in_window(events, "done", last)
            if tasks[e.task_id].assignee_id == row.assistant_id
        ]
        assert row.done == len(mine)


def test_the_on_time_rate_is_a_whole_percent_of_work_done() -> None:
    task = Task(
        1, "T_TEST", "T-0001", "scheduling", Priority.ROUTINE, Status.DONE, PATEL.slack_id,
        MARIA.slack_id, "t", "", "", due_at=ny(2026, 12, 2, 12), created_at=ny(2026, 12, 1, 9),
    )  # fmt: skip
    others = [Task(**{**task.__dict__, "id": n, "code": task_code(n)}) for n in (2, 3)]
    tasks = {t.id: t for t in (task, *others)}
    events = [
        TaskEvent(1, "done", MARIA.slack_id, ny(2026, 12, 2, 11)),
        TaskEvent(2, "done", MARIA.slack_id, ny(2026, 12, 2, 12)),  # at due: on time
        TaskEvent(3, "done", MARIA.slack_id, ny(2026, 12, 2, 13)),
    ]
    data = DigestData(WINDOWS[-1].start, END, NOW, tasks, events)
    week = weekly_figures(PRACTICE, data, WINDOWS[-1:], [0]).this_week
    assert (week.rate.done, week.rate.on_time, week.rate.percent) == (3, 2, 67)
    assert week.by_type["scheduling"].percent == 67


def test_weeks_keep_their_local_time_across_the_end_of_daylight_saving() -> None:
    assert len(WINDOWS) == 8
    assert [w.start.astimezone(NEW_YORK).strftime("%a %H:%M") for w in WINDOWS] == ["Mon 07:30"] * 8
    assert WINDOWS[0].start == ny(2026, 10, 12, 7, 30)
    assert all(a.end == b.start for a, b in itertools.pairwise(WINDOWS))
    assert WINDOWS[-1].end == END


def test_weeks_between_dates_tile_the_range_and_cut_the_last_short() -> None:
    windows = weeks_between(ny(2026, 11, 2, 7, 30), ny(2026, 11, 20, 7, 30), NEW_YORK)
    assert [(w.start, w.end) for w in windows] == [
        (ny(2026, 11, 2, 7, 30), ny(2026, 11, 9, 7, 30)),
        (ny(2026, 11, 9, 7, 30), ny(2026, 11, 16, 7, 30)),
        (ny(2026, 11, 16, 7, 30), ny(2026, 11, 20, 7, 30)),
    ]
    assert weeks_between(WINDOWS[0].start, END, NEW_YORK) == WINDOWS
