"""Digest figures, each checked against a count done by hand on one small day of work.

The period is Mon Nov 30 07:30 to Tue Dec 1 07:30 (New York); `now` is Tue 09:00.
Business hours are 08:00-17:00 on weekdays, so one business day is nine hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.digest import DigestData, TaskEvent, assistant_digest, clinician_digest
from bot.domain.digest_manager import AssistantFigures, OpenByAge, manager_digest
from bot.domain.task import Status, Task
from tests.builders import ANA, JOSE, MARIA, OSEI, PATEL, make_practice, make_task, ny

PRACTICE = make_practice()
SINCE, UNTIL, NOW = ny(2026, 11, 30, 7, 30), ny(2026, 12, 1, 7, 30), ny(2026, 12, 1, 9)
M, A = MARIA.slack_id, ANA.slack_id


def task(number: int, type_id: str, status: Status, created: datetime, **fields: Any) -> Task:
    values: dict[str, Any] = {
        "type_id": type_id,
        "status": status,
        "created_at": created,
        "title": f"Task {number}",
        "due_at": ny(2026, 12, 2, 17),
    }
    return make_task(number, **(values | fields))


TASKS = [
    task(1, "scheduling", Status.DONE, ny(2026, 11, 30, 9), due_at=ny(2026, 11, 30, 17)),
    task(2, "scheduling", Status.DONE, ny(2026, 11, 30, 10)),
    task(
        3,
        "prior_authorization",
        Status.DONE,
        ny(2026, 11, 27, 9),
        assignee_id=A,
        due_at=ny(2026, 11, 30, 12),
    ),
    task(4, "scheduling", Status.CANCELLED, SINCE),
    task(
        5,
        "patient_questions",
        Status.UNASSIGNED,
        ny(2026, 11, 20, 9),
        assignee_id=None,
        due_at=ny(2026, 11, 23, 17),
    ),
    task(
        6,
        "insurance_verification",
        Status.ASSIGNED,
        ny(2026, 11, 30, 14),
        assignee_id=JOSE.slack_id,
        due_at=ny(2026, 12, 2, 12),
    ),
    task(7, "records_request", Status.CLAIMED, ny(2026, 11, 26, 10), due_at=ny(2026, 11, 30, 17)),
    task(8, "scheduling", Status.RETURNED, ny(2026, 11, 30, 8), due_at=ny(2026, 12, 2, 10)),
    task(9, "scheduling", Status.CLAIMED, ny(2026, 11, 30, 9)),
]


def event(task_id: int, action: str, actor: str, at: datetime) -> TaskEvent:
    return TaskEvent(task_id, action, actor, at)


P = PATEL.slack_id
EVENTS = [
    event(5, "created", P, ny(2026, 11, 20, 9)),  # before the period
    event(7, "created", P, ny(2026, 11, 26, 10)),
    event(7, "claim", M, ny(2026, 11, 26, 11)),
    event(3, "created", P, ny(2026, 11, 27, 9)),
    event(4, "created", P, SINCE),  # at `since`: in
    event(8, "created", P, ny(2026, 11, 30, 8)),
    event(3, "claim", A, ny(2026, 11, 30, 8, 30)),  # 8h30m of business time after creation
    event(1, "created", P, ny(2026, 11, 30, 9)),
    event(9, "created", P, ny(2026, 11, 30, 9)),
    event(9, "claim", M, ny(2026, 11, 30, 9, 30)),  # 30m
    event(1, "claim", M, ny(2026, 11, 30, 10)),  # 1h
    event(8, "claim", M, ny(2026, 11, 30, 10)),  # 2h
    event(2, "created", P, ny(2026, 11, 30, 10)),
    event(9, "return", M, ny(2026, 11, 30, 10)),
    event(9, "answer", P, ny(2026, 11, 30, 11)),
    event(4, "cancel", P, ny(2026, 11, 30, 15)),
    event(1, "done", M, ny(2026, 11, 30, 12)),  # 3h, on time
    event(2, "claim", M, ny(2026, 11, 30, 13)),  # 3h
    event(6, "created", P, ny(2026, 11, 30, 14)),
    event(8, "return", M, ny(2026, 11, 30, 16)),
    event(3, "done", A, ny(2026, 11, 30, 18)),  # 17h, late
    event(2, "done", M, UNTIL),  # at `until`: out, next period's
]
DATA = DigestData(SINCE, UNTIL, NOW, {t.id: t for t in TASKS}, EVENTS)
MANAGER = manager_digest(PRACTICE, DATA, escalations=2, dead_messages=1)


def codes(tasks: tuple[Task, ...]) -> list[str]:
    return [t.code for t in tasks]


def test_the_flow_counts_events_in_the_period_including_since_and_excluding_until() -> None:
    counts = (MANAGER.created, MANAGER.claimed, MANAGER.done, MANAGER.cancelled)
    assert counts == (6, 5, 2, 1)  # created 1 2 4 6 8 9; claims 1 2 3 8 9; done 1 3; cancel 4


def test_open_work_is_counted_by_type_in_config_order_and_by_business_age() -> None:
    assert MANAGER.open_by_age == (
        OpenByAge("scheduling", (0, 2, 0)),  # T8 10h old; T9 exactly 9h: one day counts as 1-3
        OpenByAge("insurance_verification", (1, 0, 0)),  # T6: 4h
        OpenByAge("patient_questions", (0, 0, 1)),  # T5: since Nov 20
        OpenByAge("records_request", (0, 1, 0)),  # T7: 26h over Thu, Fri, Mon, Tue
    )
    assert MANAGER.open_total == 5


def test_overdue_lists_open_tasks_past_due_most_late_first_with_wall_time_late() -> None:
    assert [(o.task.code, o.late) for o in MANAGER.overdue] == [
        ("T-0005", timedelta(days=7, hours=16)),
        ("T-0007", timedelta(hours=16)),
    ]


def test_each_assistant_has_done_on_time_and_median_business_times() -> None:
    hours = timedelta(hours=1)
    assert MANAGER.assistants == (
        AssistantFigures(A, done=1, on_time=0, to_claim=8.5 * hours, to_done=17 * hours),
        AssistantFigures(JOSE.slack_id, done=0, on_time=0, to_claim=None, to_done=None),
        AssistantFigures(M, done=1, on_time=1, to_claim=1.5 * hours, to_done=3 * hours),
    )  # Maria's claims took 30m, 1h, 2h, 3h: the median of an even count is the mean of two
    assert [a.on_time_percent for a in MANAGER.assistants] == [0, None, 100]


def test_the_service_supplied_counts_pass_through() -> None:
    assert (MANAGER.escalations, MANAGER.dead_messages) == (2, 1)


@pytest.mark.parametrize(("done", "on_time", "percent"), [(3, 2, 67), (3, 1, 33), (0, 0, None)])
def test_on_time_rate_is_a_whole_percent_and_none_without_done_work(
    done: int, on_time: int, percent: int | None
) -> None:
    assert AssistantFigures("U", done, on_time, None, None).on_time_percent == percent


def test_an_empty_period_is_empty_with_zeros_and_no_medians() -> None:
    digest = manager_digest(
        PRACTICE, DigestData(SINCE, UNTIL, NOW, {}, []), escalations=0, dead_messages=0
    )
    assert digest.is_empty
    assert (digest.created, digest.claimed, digest.done, digest.cancelled) == (0, 0, 0, 0)
    assert (digest.open_by_age, digest.overdue) == ((), ())
    assert {(a.to_claim, a.to_done, a.on_time_percent) for a in digest.assistants} == {
        (None, None, None)
    }


@pytest.mark.parametrize(("escalations", "dead"), [(1, 0), (0, 1)])
def test_a_manager_digest_with_only_an_escalation_or_a_dead_message_is_not_empty(
    escalations: int, dead: int
) -> None:
    data = DigestData(SINCE, UNTIL, NOW, {}, [])
    assert not manager_digest(PRACTICE, data, escalations=escalations, dead_messages=dead).is_empty


def test_a_task_created_and_done_within_the_period_counts_in_both_and_is_not_open() -> None:
    only = DigestData(SINCE, UNTIL, NOW, {1: TASKS[0]}, [e for e in EVENTS if e.task_id == 1])
    digest = manager_digest(PRACTICE, only, escalations=0, dead_messages=0)
    assert (digest.created, digest.claimed, digest.done, digest.open_total) == (1, 1, 1, 0)
    assert not digest.is_empty


def test_an_assistant_sees_claimed_then_claimable_in_scope_then_answered() -> None:
    maria = assistant_digest(MARIA, DATA)
    assert codes(maria.claimed) == ["T-0007", "T-0009"]
    assert codes(maria.unclaimed) == ["T-0005", "T-0006"]
    assert codes(maria.answered) == ["T-0009"]
    assert codes(assistant_digest(ANA, DATA).unclaimed) == ["T-0005"]  # no insurance scope


def test_an_assistant_with_nothing_has_an_empty_digest() -> None:
    closed = {t.id: t for t in TASKS[:4]}
    quiet = DigestData(SINCE, UNTIL, NOW, closed, [e for e in EVENTS if e.task_id in closed])
    assert assistant_digest(JOSE, quiet).is_empty


def test_a_clinician_sees_done_in_the_period_waiting_on_them_and_still_open() -> None:
    patel = clinician_digest(PATEL.slack_id, DATA)
    assert codes(patel.done) == ["T-0001", "T-0003"]  # T2 was done at `until`: tomorrow's
    assert codes(patel.waiting_on_me) == ["T-0008"]
    assert codes(patel.still_open) == ["T-0005", "T-0007", "T-0006", "T-0009"]
    assert clinician_digest(OSEI.slack_id, DATA).is_empty


def test_a_task_answered_twice_appears_once() -> None:
    twice = [*EVENTS, event(9, "answer", P, ny(2026, 11, 30, 12))]
    data = DigestData(SINCE, UNTIL, NOW, DATA.tasks, twice)
    assert codes(assistant_digest(MARIA, data).answered) == ["T-0009"]


ACTIONS = ("created", "claim", "done", "cancel", "answer", "return")
RANDOM_EVENTS = st.lists(
    st.builds(
        TaskEvent,
        task_id=st.sampled_from([t.id for t in TASKS]),
        action=st.sampled_from(ACTIONS),
        actor_id=st.sampled_from([M, A]),
        at=st.integers(-48, 48).map(lambda h: SINCE + timedelta(hours=h)),
    ),
    max_size=40,
)


@given(RANDOM_EVENTS)
def test_every_flow_count_equals_a_direct_count_of_the_period(events: list[TaskEvent]) -> None:
    data = DigestData(SINCE, UNTIL, NOW, DATA.tasks, events)
    digest = manager_digest(PRACTICE, data, escalations=0, dead_messages=0)
    in_period = [e for e in events if SINCE <= e.at < UNTIL]
    counts = {action: sum(e.action == action for e in in_period) for action in ACTIONS}
    assert (digest.created, digest.claimed, digest.done, digest.cancelled) == (
        counts["created"], counts["claim"], counts["done"], counts["cancel"],
    )  # fmt: skip
    assert sum(a.done for a in digest.assistants) == digest.done  # every done task has a holder
