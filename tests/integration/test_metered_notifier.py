"""The metered notifier counts what it announced only once the transaction commits."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from bot import metrics
from bot.domain.practice import Practice
from bot.domain.routing import RoutingDecision
from bot.domain.task import Priority, Status
from bot.services.ports import NewTask
from bot.slack.metered import MeteredNotifier
from bot.storage.uow import SqlUnitOfWork
from tests.support import JOSE, PATEL, TUESDAY_10AM_NY

ROUTED = RoutingDecision(assignee=JOSE, rule="explicit", reason="Dr Patel chose Jose")


def created_count() -> float:
    return metrics.TASKS.labels("created", "insurance_verification")._value.get()


def new_task(practice: Practice) -> NewTask:
    """An assigned insurance task for Jose, as delegation would store it."""
    return NewTask(
        team_id=practice.team_id, type_id="insurance_verification", priority=Priority.ROUTINE,
        status=Status.ASSIGNED, requester_id=PATEL, assignee_id=JOSE, title="Call the payer",
        details="", patient_ref="", due_at=TUESDAY_10AM_NY + timedelta(days=1),
        created_at=TUESDAY_10AM_NY,
    )  # fmt: skip


def announce_a_task(engine: Engine, practice: Practice, *, commit: bool) -> None:
    with SqlUnitOfWork(engine, MeteredNotifier) as work:
        task = work.tasks.add(new_task(practice))
        work.notify.task_created(practice, task, ROUTED)
        if commit:
            work.commit()


def test_a_rolled_back_announcement_is_not_counted(engine: Engine, practice: Practice) -> None:
    before = created_count()
    announce_a_task(engine, practice, commit=False)
    assert created_count() == before


def test_a_committed_announcement_is_counted_once(engine: Engine, practice: Practice) -> None:
    before = created_count()
    announce_a_task(engine, practice, commit=True)
    assert created_count() == before + 1
