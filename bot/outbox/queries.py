"""Queries for `bot outbox`: the rows still to send or given up on, and requeueing them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.storage.tables import OutboxRow, TaskRow

LISTED = ("pending", "sending", "dead")
RETRYABLE = ("pending", "dead")


def listed_rows(session: Session) -> Sequence[tuple[OutboxRow, str | None]]:
    """Pending, in-flight and dead rows with their task's code, oldest first."""
    query = (
        select(OutboxRow, TaskRow.code)
        .outerjoin(TaskRow, col(TaskRow.id) == col(OutboxRow.task_id))
        .where(col(OutboxRow.status).in_(LISTED))
        .order_by(col(OutboxRow.id))
    )
    return session.exec(query).all()


def status_of(session: Session, row_id: int) -> str | None:
    """A row's status, or None when there is no such row."""
    return session.exec(select(OutboxRow.status).where(col(OutboxRow.id) == row_id)).first()


def requeue(session: Session, now: datetime, row_id: int | None = None) -> int:
    """Make pending or dead rows (one, or every dead one) due now with fresh attempts."""
    which = col(OutboxRow.status) == "dead" if row_id is None else col(OutboxRow.id) == row_id
    done = session.execute(
        update(OutboxRow)
        .where(col(OutboxRow.status).in_(RETRYABLE), which)
        .values(status="pending", attempts=0, not_before=now, lease_until=None)
    )
    session.commit()
    return int(done.rowcount)  # type: ignore[attr-defined]
