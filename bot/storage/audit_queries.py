"""Audit queries for `bot audit` (one query each, events ordered by id) and its one write."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, select
from sqlmodel import Session, col

from bot.storage.tables import TaskEventRow, TaskRow

EXPORT_BATCH = 500
PRIVATE_READ = "audit_private_read"


def task_by_number(session: Session, team_id: str, number: int) -> TaskRow | None:
    """The team's task with this number (index: team, number)."""
    query = select(TaskRow).where(col(TaskRow.team_id) == team_id, col(TaskRow.number) == number)
    return session.execute(query).scalar_one_or_none()


def task_events(session: Session, task_id: int) -> Sequence[TaskEventRow]:
    """Every event of one task, oldest first (index: task_id)."""
    query = (
        select(TaskEventRow)
        .where(col(TaskEventRow.task_id) == task_id)
        .order_by(col(TaskEventRow.id))
    )
    return session.execute(query).scalars().all()


def events_since(
    session: Session, since: datetime, team_id: str | None
) -> Iterator[Row[*tuple[Any, ...]]]:
    """Export rows (labelled as the CSV columns) of events at or after `since`, streamed."""
    query: Select[*tuple[Any, ...]] = (
        select(
            col(TaskEventRow.id).label("event_id"),
            col(TaskEventRow.team_id),
            col(TaskRow.code).label("task_code"),
            col(TaskEventRow.task_id),
            col(TaskEventRow.at).label("at_utc"),
            col(TaskEventRow.actor_id),
            col(TaskEventRow.action),
            col(TaskEventRow.from_status),
            col(TaskEventRow.to_status),
            col(TaskEventRow.reason),
        )
        .outerjoin(TaskRow, col(TaskRow.id) == col(TaskEventRow.task_id))
        .where(col(TaskEventRow.at) >= since)
        .order_by(col(TaskEventRow.id))
        .execution_options(yield_per=EXPORT_BATCH)
    )
    if team_id is not None:
        query = query.where(col(TaskEventRow.team_id) == team_id)
    yield from session.execute(query)


def record_private_read(
    session: Session, *, team_id: str, task_id: int | None, actor_id: str, at: datetime, reason: str
) -> None:
    """Commit the event saying who read private notes through `bot audit`, and what."""
    event = TaskEventRow(
        team_id=team_id, task_id=task_id, actor_id=actor_id, action=PRIVATE_READ, at=at,
        reason=reason,
    )  # fmt: skip
    session.add(event)
    session.commit()
