"""Outbox row states: claimed with a lease, released for later, parked as dead, or sent."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection, Row, Update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from bot.outbox.queue import references
from bot.outbox.statements import (
    ANY_DUE,
    BLOCKED_UNTIL,
    CANDIDATES,
    CARD_POSTED,
    CLAIM,
    HAND_BACK,
    PARK,
    RELEASE,
    SENT,
    SENT_FILES,
    SOURCES,
    TAKE,
    TAKE_IF_READY,
    UNSENT,
    WAITS_ON,
)
from bot.storage.tables import OutboxRow

log = logging.getLogger(__name__)

Readiness = Literal["ready", "wait", "orphaned"]
Source = Row[Any] | OutboxRow  # a referenced row: its status, result_channel and result_ts
Sources = Mapping[int, Source]


def any_due(connection: Connection) -> bool:
    """Whether a row is due (a read: an idle relay takes no write lock to find nothing)."""
    return connection.execute(ANY_DUE, {"now": datetime.now(UTC)}).first() is not None


def claim_due(
    session: Session, lease: timedelta, limit: int, *, paced: bool
) -> tuple[list[OutboxRow], bool]:
    """Claim up to `limit` due rows, oldest first, in the caller's transaction (not committed),
    and whether more may be due (as many were found as asked for).

    On PostgreSQL the candidates are selected `FOR UPDATE SKIP LOCKED`, so relays claiming at
    the same moment take different rows instead of queueing on them; SQLite renders no
    FOR UPDATE (its writers take the database lock at BEGIN). The guarded update decides.
    `paced`: only the oldest message to each channel (the next would only wait for its slot).
    """
    params = {"now": datetime.now(UTC), "size": limit}
    candidates = session.connection().execute(CANDIDATES, params).all()
    seen: set[tuple[str, str]] = set()
    ids = []
    for row_id, team_id, channel in candidates:
        if not (paced and channel and (team_id, channel) in seen):
            ids.append(row_id)
            seen.add((team_id, channel))
    return claim(session, ids, lease), len(candidates) == limit


def claim(session: Session, ids: list[int | None], lease: timedelta) -> list[OutboxRow]:
    """Lease the claimable rows among `ids` to this relay (one guarded update), oldest first.

    Not committed: the caller commits with its first row's checks. The lease is the claim's
    token; `take` counts the attempt when a row's turn comes. The claimed rows come back
    loaded afresh; no other loaded row needs syncing (hence synchronize_session off).
    """
    if not ids:
        return []
    now = datetime.now(UTC)
    claimed = session.scalars(
        CLAIM,
        {"ids": ids, "now": now, "until": now + lease},
        execution_options={"populate_existing": True, "synchronize_session": False},
    ).all()
    return sorted(claimed, key=lambda row: row.id or 0)


def take(connection: Connection, row: OutboxRow, lease: timedelta) -> bool:
    """Renew the lease and count an attempt just before sending; False if the row is no longer
    this relay's (its lease ran out mid-batch and another relay claimed it)."""
    return _take(connection, row, lease, TAKE, {})


def take_if_ready(connection: Connection, row: OutboxRow, lease: timedelta, refs: set[int]) -> bool:
    """As `take`, in the same statement as the checks of `readiness`; False also when the
    rows it refers to (`refs`) are not all sent or an earlier row of its task is unsent."""
    return _take(connection, row, lease, TAKE_IF_READY, {"refs": list(refs), "task": row.task_id})


def _take(
    connection: Connection, row: OutboxRow, lease: timedelta, update: Update, checks: dict[str, Any]
) -> bool:
    until = datetime.now(UTC) + lease
    params = {"row": row.id, "held": row.lease_until, "until": until, **checks}
    if connection.execute(update, params).rowcount != 1:
        return False
    _record(row, lease_until=until, attempts=row.attempts + 1)
    return True


def sources(connection: Connection, refs: set[int], known: Mapping[int, OutboxRow]) -> Sources:
    """The sent rows a row refers to: those this relay sent in this batch as it loaded them
    (a sent row stays sent), the others read."""
    found: dict[int, Source] = {i: known[i] for i in refs if i in known}
    if missing := [i for i in refs if i not in found]:
        found |= {r.id: r for r in connection.execute(SOURCES, {"ids": missing})}
    return {i: found[i] for i in refs}


def hand_back(connection: Connection, rows: list[OutboxRow]) -> None:
    """Release rows claimed but never tried (the relay is stopping), if they are still ours."""
    params = {"ids": [row.id for row in rows], "held": rows[0].lease_until}  # one claim's lease
    connection.execute(HAND_BACK, params)


def readiness(connection: Connection, row: OutboxRow) -> tuple[Readiness, Sources]:
    """Ready, wait (an earlier row of its task or a referenced row is unsent) or orphaned.

    One read finds both, as the database has them now (not as an earlier read in this batch
    left them): the referenced rows, and the earlier unsent rows of its task (a task's calls
    go one by one, in order)."""
    refs = references(row.payload)
    if not refs and row.task_id is None:
        return "ready", {}
    params = {"refs": list(refs), "task": row.task_id, "row": row.id}
    found = {r.id: r for r in connection.execute(WAITS_ON, params)}
    sources = {i: found[i] for i in refs}
    if any(source.status == "dead" for source in sources.values()):
        return "orphaned", sources
    if any(r.status in UNSENT for r in found.values()):
        return "wait", sources
    return "ready", sources


def blocked_until(connection: Connection, row: OutboxRow, soonest: datetime) -> datetime:
    """When the unsent rows this one waits for fall due, so it is not claimed again before."""
    params = {"refs": list(references(row.payload)), "task": row.task_id, "row": row.id}
    latest: datetime | None = connection.execute(BLOCKED_UNTIL, params).scalar_one()
    return max(latest, soonest) if latest else soonest


def park(connection: Connection, row: OutboxRow, error: str) -> None:
    """Give up on a row: it stays in the table as dead for `bot outbox` and the managers."""
    error = error[:500]
    connection.execute(PARK, {"row": row.id, "error": error})
    _record(row, status="dead", lease_until=None, last_error=error)
    log.warning("outbox %s %s parked as dead: %s", row.id, row.method, error)


def release(
    connection: Connection,
    row: OutboxRow,
    due: datetime,
    *,
    attempt: bool,
    error: str | None = None,
) -> None:
    """Back to pending until `due`; `attempt=False` gives the claim's attempt back; `error`:
    why the attempt failed (None: the row keeps its last error)."""
    tries, error = row.attempts - (0 if attempt else 1), row.last_error if error is None else error
    params = {"row": row.id, "due": due, "tries": tries, "error": error}
    connection.execute(RELEASE, params)
    _record(
        row, status="pending", lease_until=None, not_before=due, attempts=tries, last_error=error
    )


def mark_sent(
    connection: Connection,
    row: OutboxRow,
    result: dict[str, Any],
    payload: dict[str, Any] | None = None,
) -> None:
    """Record Slack's channel and ts (a card's also on its task, so updates edit it);
    `payload`: an upload's payload as sent (its files' ids, not their bytes)."""
    at, channel, ts = datetime.now(UTC), str(result.get("channel", "")), str(result.get("ts", ""))
    params = {"row": row.id, "at": at, "channel": channel, "ts": ts}
    if payload is None:
        connection.execute(SENT, params)
    else:
        connection.execute(SENT_FILES, params | {"files_sent": payload})
        _record(row, payload=payload)
    _record(row, status="sent", lease_until=None, sent_at=at, result_channel=channel, result_ts=ts)
    if row.records_card and row.task_id:
        connection.execute(CARD_POSTED, {"task": row.task_id, "channel": channel, "ts": ts})
    log.info("outbox %s %s sent", row.id, row.method)


def _record(row: OutboxRow, **values: Any) -> None:
    """Set what a statement just wrote on the loaded row too, without making it dirty."""
    for name, value in values.items():
        set_committed_value(row, name, value)
