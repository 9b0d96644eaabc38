"""Steps the clock's integration tests share: a task to escalate, one sweep, what it sent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.domain.task import OPEN_STATUSES
from bot.services.escalations import SweepReport, sweep
from bot.storage.tables import TaskEventRow, TaskRow
from tests.conftest import RunningApp
from tests.e2e.helpers import delegate
from tests.support import MARIA

NY_NOON = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)  # the claim target of a 10:00 task


def run_sweep(app: RunningApp, at: datetime, *, dry_run: bool = False) -> SweepReport:
    practice = app.handoff.practice("T0HANDOFF01")
    assert practice is not None
    report = sweep(app.handoff.uow, practice, at, dry_run=dry_run)
    app.settle()
    return report


def dms(app: RunningApp, user: str) -> list[dict[str, Any]]:
    return [c.args for c in app.standin.calls_to("chat.postMessage") if c.args["channel"] == user]


def sent(report: SweepReport) -> list[tuple[int, str]]:
    return sorted((e.firing.level, e.recipient.id) for e in report.sent)


def insurance_task(app: RunningApp) -> int:
    row = delegate(app, "insurance verify coverage for the new patient")
    assert row.assignee_id == MARIA
    assert row.id is not None
    return row.id


def count(app: RunningApp, action: str, since: datetime, until: datetime) -> int:
    """Audit events of `action` in [since, until), counted in the database."""
    with Session(app.handoff.engine) as session:
        query = select(func.count()).where(
            TaskEventRow.action == action,
            col(TaskEventRow.at) >= since,
            col(TaskEventRow.at) < until,
        )
        return int(session.exec(query).one())


def open_tasks(app: RunningApp) -> list[TaskRow]:
    with Session(app.handoff.engine) as session:
        return list(session.exec(select(TaskRow).where(col(TaskRow.status).in_(OPEN_STATUSES))))
