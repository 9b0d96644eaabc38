"""Outbox row states: claimed with a lease, released for later, parked as dead, or sent."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import exists, func, or_, update
from sqlmodel import Session, col, select

from bot.outbox.queue import references
from bot.storage.tables import ChannelPaceRow, OutboxRow, TaskRow

log = logging.getLogger(__name__)

Readiness = Literal["ready", "wait", "orphaned"]
UNSENT = ("pending", "sending")


def claimable(now: datetime) -> Any:
    """Pending rows, and rows whose sender's lease ran out (it died mid-call)."""
    return or_(
        col(OutboxRow.status) == "pending",
        (col(OutboxRow.status) == "sending") & (col(OutboxRow.lease_until) < now),
    )


def claim(session: Session, row_id: int, lease: timedelta) -> bool:
    """Take one row with a guarded update and commit; False if it is not claimable."""
    now = datetime.now(UTC)
    claimed = session.execute(
        update(OutboxRow)
        .where(col(OutboxRow.id) == row_id, claimable(now))
        .values(status="sending", lease_until=now + lease, attempts=OutboxRow.attempts + 1)
    )
    session.commit()
    return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]


def claim_next(session: Session, lease: timedelta) -> int | None:
    """Claim the oldest due row, or None when none is due.

    On PostgreSQL the candidate is selected `FOR UPDATE SKIP LOCKED`, so relays claiming at
    the same moment take different rows instead of queueing on one; SQLite renders no
    FOR UPDATE (its writers take the database lock at BEGIN). The guarded update decides.
    """
    now = datetime.now(UTC)
    row_id = session.exec(
        select(OutboxRow.id)
        .where(claimable(now), col(OutboxRow.not_before) <= now, _channel_open(now))
        .order_by(col(OutboxRow.id))
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()
    if row_id is None:
        session.commit()
        return None
    return row_id if claim(session, row_id, lease) else None


def _channel_open(now: datetime) -> Any:
    """Not a message to a channel whose pace slot is still taken (skip it, don't churn it)."""
    taken = select(ChannelPaceRow.channel).where(
        col(ChannelPaceRow.team_id) == OutboxRow.team_id,
        col(ChannelPaceRow.channel) == OutboxRow.paced_channel,
        col(ChannelPaceRow.next_at) > now,
    )
    return or_(col(OutboxRow.paced_channel) == "", ~exists(taken))


def readiness(session: Session, row: OutboxRow) -> tuple[Readiness, dict[int, OutboxRow]]:
    """Ready, wait (an earlier row of its task or a referenced row is unsent) or orphaned."""
    sources = {i: session.get_one(OutboxRow, i) for i in references(row.payload)}
    if any(source.status == "dead" for source in sources.values()):
        return "orphaned", sources
    if any(r.status in UNSENT for r in sources.values()) or _task_waits(session, row):
        return "wait", sources
    return "ready", sources


def _task_waits(session: Session, row: OutboxRow) -> bool:
    """An earlier row of the same task is unsent: a task's calls go one by one, in order."""
    if row.task_id is None:
        return False
    query = select(OutboxRow.id).where(
        col(OutboxRow.task_id) == row.task_id,
        col(OutboxRow.id) < row.id,
        col(OutboxRow.status).in_(UNSENT),
    )
    return session.exec(query.limit(1)).first() is not None


def blocked_until(session: Session, row: OutboxRow, soonest: datetime) -> datetime:
    """When the unsent rows this one waits for fall due, so it is not claimed again before."""
    blockers: list[Any] = [col(OutboxRow.id).in_(references(row.payload))]
    if row.task_id is not None:
        blockers.append((col(OutboxRow.task_id) == row.task_id) & (col(OutboxRow.id) < row.id))
    latest = session.exec(
        select(func.max(OutboxRow.not_before)).where(
            or_(*blockers), col(OutboxRow.status).in_(UNSENT)
        )
    ).one()
    return max(latest, soonest) if latest else soonest


def park(row: OutboxRow, error: str) -> None:
    """Give up on a row: it stays in the table as dead for `bot outbox` and the managers."""
    row.status, row.lease_until, row.last_error = "dead", None, error[:500]
    log.warning("outbox %s %s parked as dead: %s", row.id, row.method, error)


def release(row: OutboxRow, not_before: datetime, *, attempt: bool) -> None:
    """Back to pending until `not_before`; `attempt=False` gives the claim's attempt back."""
    row.status, row.lease_until, row.not_before = "pending", None, not_before
    if not attempt:
        row.attempts -= 1


def mark_sent(session: Session, row: OutboxRow, result: dict[str, Any]) -> None:
    """Record Slack's channel and ts (a card's also on its task, so updates edit it)."""
    row.status, row.lease_until, row.sent_at = "sent", None, datetime.now(UTC)
    row.result_channel = str(result.get("channel", ""))
    row.result_ts = str(result.get("ts", ""))
    if row.records_card and row.task_id:
        session.execute(
            update(TaskRow)
            .where(col(TaskRow.id) == row.task_id)
            .values(channel_id=row.result_channel, thread_ts=row.result_ts)
        )
    log.info("outbox %s %s sent", row.id, row.method)
