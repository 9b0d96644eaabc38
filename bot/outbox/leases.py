"""Outbox row states: claimed with a lease, released for later, parked as dead, or sent."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import exists, func, or_, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from bot.outbox.queue import OUTBOX, references
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


def any_due(session: Session) -> bool:
    """Whether a row is due (a read: an idle relay takes no write lock to find nothing)."""
    query = select(OutboxRow.id).where(*_due(datetime.now(UTC))).limit(1)
    return session.exec(query).first() is not None


def claim_due(session: Session, lease: timedelta, limit: int, *, paced: bool) -> list[OutboxRow]:
    """Claim up to `limit` due rows, oldest first, in the caller's transaction (not committed).

    On PostgreSQL the candidates are selected `FOR UPDATE SKIP LOCKED`, so relays claiming at
    the same moment take different rows instead of queueing on them; SQLite renders no
    FOR UPDATE (its writers take the database lock at BEGIN). The guarded update decides.
    `paced`: only the oldest message to each channel (the next would only wait for its slot).
    """
    candidates = session.exec(
        select(OutboxRow.id, OutboxRow.team_id, OutboxRow.paced_channel)
        .where(*_due(datetime.now(UTC)))
        .order_by(col(OutboxRow.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    seen: set[tuple[str, str]] = set()
    ids = []
    for row_id, team_id, channel in candidates:
        if not (paced and channel and (team_id, channel) in seen):
            ids.append(row_id)
            seen.add((team_id, channel))
    return claim(session, ids, lease)


def claim(session: Session, ids: list[int | None], lease: timedelta) -> list[OutboxRow]:
    """Lease the claimable rows among `ids` to this relay (one guarded update), oldest first.

    Not committed: the caller commits with its first row's checks. The lease is the claim's
    token; `take` counts the attempt when a row's turn comes.
    """
    if not ids:
        return []
    now = datetime.now(UTC)
    claimed = session.scalars(
        update(OutboxRow)
        .where(col(OutboxRow.id).in_(ids), claimable(now))
        .values(status="sending", lease_until=now + lease)
        .returning(OutboxRow),
        execution_options={"populate_existing": True},
    ).all()
    return sorted(claimed, key=lambda row: row.id or 0)


def take(session: Session, row: OutboxRow, lease: timedelta) -> bool:
    """Renew the lease and count an attempt just before sending; False if the row is no longer
    this relay's (its lease ran out mid-batch and another relay claimed it)."""
    until = datetime.now(UTC) + lease
    taken = session.execute(
        update(OUTBOX)
        .where(OUTBOX.c.id == row.id, _held(row.lease_until))
        .values(lease_until=until, attempts=OUTBOX.c.attempts + 1)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        return False
    set_committed_value(row, "lease_until", until)
    set_committed_value(row, "attempts", row.attempts + 1)
    return True


def hand_back(session: Session, rows: list[OutboxRow]) -> None:
    """Release rows claimed but never tried (the relay is stopping), if they are still ours."""
    leased = {row.lease_until for row in rows}
    ids = [row.id for row in rows]
    session.execute(
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(ids), _held(*leased))
        .values(status="pending", lease_until=None)
    )


def _held(*leases: datetime | None) -> Any:
    """Still sending under one of these leases (the claim's token; nobody took it over)."""
    return (OUTBOX.c.status == "sending") & OUTBOX.c.lease_until.in_(leases)


def _due(now: datetime) -> tuple[Any, ...]:
    """Claimable, due, and not to a channel whose pace slot is taken."""
    return claimable(now), col(OutboxRow.not_before) <= now, _channel_open(now)


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
    sources = _fresh(session, references(row.payload))
    if any(source.status == "dead" for source in sources.values()):
        return "orphaned", sources
    if any(r.status in UNSENT for r in sources.values()) or _task_waits(session, row):
        return "wait", sources
    return "ready", sources


def _fresh(session: Session, ids: set[int]) -> dict[int, OutboxRow]:
    """Rows as the database has them now (not as an earlier read in this batch left them)."""
    if not ids:
        return {}
    query = select(OutboxRow).where(col(OutboxRow.id).in_(ids))
    found = {r.id or 0: r for r in session.exec(query.execution_options(populate_existing=True))}
    return {i: found[i] for i in ids}


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
