"""The escalation sweep on fakes: reminders, levels once each, quiet hours, leases, dry runs.

Levels as in tests/fixtures/practice.yml: 30m (assignee, backups), 2h (assignee, managers,
every 1h), 1d wall (managers, escalations channel, requester). A routine insurance task must be
claimed within 2 business hours and resolved within 9.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.domain.practice import EscalationLevel, Practice
from bot.domain.task import Status, Task
from bot.services.absences import AbsenceRequest, set_absence
from bot.services.escalations import SweepReport, sweep
from tests.builders import GRACE, JOSE, MARIA, make_task, ny, with_clock
from tests.fakes import FakeStore, FakeUnitOfWork

LEVELS = (
    EscalationLevel(timedelta(minutes=30), "business", ("assignee", "backups")),
    EscalationLevel(timedelta(hours=2), "business", ("assignee", "managers"), timedelta(hours=1)),
    EscalationLevel(timedelta(days=1), "wall", ("managers", "escalations_channel", "requester")),
)
TEN = ny(2026, 12, 1, 10)  # Tuesday
NOON = ny(2026, 12, 1, 12)  # the claim target of a task assigned at ten
DAY = timedelta(days=1)


@pytest.fixture
def practice(practice: Practice) -> Practice:
    return replace(practice, escalations=LEVELS)


def stored(store: FakeStore, practice: Practice, at: datetime, **fields: Any) -> Task:
    """Task 1 (insurance, Dr. Patel's, Maria's) with its clock started at `at`."""
    values: dict[str, Any] = {"type_id": "insurance_verification", "created_at": at}
    return store.put(with_clock(practice, make_task(**(values | fields)), at))


def run(uow: FakeUnitOfWork, practice: Practice, at: datetime, **flags: bool) -> SweepReport:
    return sweep(uow.factory, practice, at, **flags)


def sent(report: SweepReport) -> list[tuple[int, str]]:
    return sorted((e.firing.level, e.recipient.id) for e in report.sent)


def test_nothing_is_looked_at_before_the_next_check(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, TEN)
    report = run(uow, practice, NOON - timedelta(minutes=1))
    assert (report.sent, report.checked) == ([], 0)


def test_the_holder_is_reminded_at_the_target_then_each_level_fires_once(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, TEN)
    assert sent(run(uow, practice, NOON)) == [(0, MARIA.slack_id)]
    assert run(uow, practice, NOON).sent == []
    at_half_past = sent(run(uow, practice, NOON + timedelta(minutes=30)))
    assert at_half_past == [(1, JOSE.slack_id), (1, MARIA.slack_id)]  # Jose: the backup on shift
    assert sent(run(uow, practice, NOON + timedelta(hours=2))) == [
        (2, GRACE.slack_id),
        (2, MARIA.slack_id),
    ]
    assert len(store.called("escalated")) == 5
    assert store.tasks[1].next_check_at == NOON + timedelta(hours=3)  # the level's repeat


def test_a_backup_on_time_off_is_not_told(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, TEN)
    request = AbsenceRequest("T_TEST", GRACE.slack_id, JOSE.slack_id, TEN, TEN + DAY)
    set_absence(uow, practice, request, TEN)
    assert sent(run(uow, practice, NOON)) == [(0, MARIA.slack_id)]
    at_half_past = sent(run(uow, practice, NOON + timedelta(minutes=30)))
    assert at_half_past == [(1, MARIA.slack_id)]  # Jose, the one backup on shift, is away


def test_a_task_changed_between_the_read_and_the_write_is_looked_at_as_it_is_now(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, TEN)
    store.meanwhile.append(lambda s: s.put(replace(s.tasks[1], assignee_id=JOSE.slack_id)))
    assert sent(run(uow, practice, NOON)) == [(0, JOSE.slack_id)]  # not Maria, who held it


def test_pings_due_in_quiet_hours_wait_for_the_shift_and_go_as_one_message(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, ny(2026, 12, 1, 14, 30), assignee_id=JOSE.slack_id)
    assert run(uow, practice, ny(2026, 12, 1, 16, 30)).sent == []  # target; Jose left at 16:00
    assert run(uow, practice, ny(2026, 12, 1, 17)).sent == []  # level 1; Maria left at 17:00
    shift_starts = ny(2026, 12, 2, 7)
    assert store.tasks[1].next_check_at == shift_starts
    assert sent(run(uow, practice, shift_starts)) == [(1, JOSE.slack_id)]  # the highest due


def test_a_claim_lease_that_ran_out_sends_the_task_to_someone_else(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    insurance = practice.task_types["insurance_verification"]
    short_lease = replace(insurance, lease=timedelta(hours=1))
    practice = replace(practice, task_types=practice.task_types | {insurance.id: short_lease})
    held = stored(store, practice, TEN, status=Status.CLAIMED, claimed_at=TEN)
    report = run(uow, practice, TEN + timedelta(hours=1))
    [released] = report.released
    assert (released.status, released.assignee_id) == (Status.ASSIGNED, JOSE.slack_id)
    assert store.actions() == ["lease_expired"]
    assert [c.name for c in store.calls] == ["task_rerouted", "lease_expired"]
    assert store.called("lease_expired") == [(held, released)]


def test_a_dry_run_reports_what_is_due_and_writes_nothing(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    before = stored(store, practice, TEN)
    assert sent(run(uow, practice, NOON, dry_run=True)) == [(0, MARIA.slack_id)]
    assert (store.tasks[1], store.notices, store.calls) == (before, {}, [])
    assert sent(run(uow, practice, NOON)) == [(0, MARIA.slack_id)]  # still due for real


def test_a_closed_task_stops_being_checked(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    task = stored(store, practice, TEN)
    store.put(replace(task, status=Status.DONE))
    assert run(uow, practice, NOON).sent == []
    assert store.tasks[1].next_check_at is None
