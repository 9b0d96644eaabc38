"""Queue Slack calls in the caller's transaction; resolve references to earlier posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, insert
from sqlmodel import Session, select

from bot.storage.tables import OutboxRow
from bot.storage.upserts import insert_many

PACED_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral"})  # ~1/s per channel
RESPONSE_URL = "response_url"  # pseudo-method: POST the payload to payload["response_url"]
OUTBOX = OutboxRow.__table__  # type: ignore[attr-defined]
INSERT_RETURNING_ID = insert(OUTBOX).returning(OUTBOX.c.id)  # Core: no ORM bulk machinery
INSERT_MANY = insert_many(OUTBOX)
CARD_ROW = select(OUTBOX.c.id).where(
    OUTBOX.c.task_id == bindparam("task"), OUTBOX.c.records_card.is_(True)
)


def ts_of(row_id: int) -> dict[str, int]:
    """A payload value replaced by the ts of outbox row `row_id`'s message once it is posted."""
    return {"$ts_of": row_id}


def permalink_of(row_id: int) -> dict[str, int]:
    """A payload value replaced by the permalink of row `row_id`'s message once it is posted."""
    return {"$permalink_of": row_id}


@dataclass(frozen=True)
class SlackCall:
    """A Slack call to queue: its method and payload, for a team (and a task)."""

    team_id: str
    method: str
    payload: dict[str, Any]
    task_id: int | None = None
    records_card: bool = False


def enqueue(
    session: Session,
    *,
    team_id: str,
    method: str,
    payload: dict[str, Any],
    task_id: int | None = None,
    records_card: bool = False,
) -> int:
    """Add a pending call (one INSERT … RETURNING id); it is sent only after the commit."""
    row = _row(SlackCall(team_id, method, payload, task_id, records_card), datetime.now(UTC))
    return int(session.connection().execute(INSERT_RETURNING_ID, row).scalar_one())


def enqueue_all(session: Session, calls: list[SlackCall]) -> None:
    """Add pending calls in one round trip, ids in the order given; sent after the commit."""
    if calls:
        now = datetime.now(UTC)
        connection = session.connection()
        connection.execute(INSERT_MANY[connection.dialect.name], [_row(c, now) for c in calls])


def _row(call: SlackCall, now: datetime) -> dict[str, Any]:
    return {
        "team_id": call.team_id,
        "task_id": call.task_id,
        "method": call.method,
        "payload": call.payload,
        "records_card": call.records_card,
        "paced_channel": target(call.payload) if call.method in PACED_METHODS else "",
        "status": "pending",
        "attempts": 0,
        "not_before": now,
        "created_at": now,
        "result_channel": "",
        "result_ts": "",
        "last_error": "",
    }


def target(payload: dict[str, Any]) -> str:
    """The channel (or a DM's user) a queued call goes to; "" for a response_url reply."""
    return str(payload.get("channel") or payload.get("user_id") or "")


def card_row(session: Session, task_id: int) -> int:
    """The outbox id of a task's card post (later calls refer to its ts and permalink)."""
    return int(session.connection().execute(CARD_ROW, {"task": task_id}).scalar_one())


def references(payload: Any, kind: str | None = None) -> set[int]:
    """Outbox ids a payload refers to (kind "$ts_of" or "$permalink_of"; None = both)."""
    if isinstance(payload, dict):
        if len(payload) == 1 and next(iter(payload)) in ("$ts_of", "$permalink_of"):
            key, value = next(iter(payload.items()))
            return {int(value)} if kind in (None, key) else set()
        return set().union(*(references(v, kind) for v in payload.values()))
    if isinstance(payload, list):
        return set().union(*(references(v, kind) for v in payload))
    return set()


def resolve(payload: Any, ts: dict[int, str], permalinks: dict[int, str]) -> Any:
    """The payload with references replaced by the values found for them."""
    if isinstance(payload, dict):
        if "$ts_of" in payload and len(payload) == 1:
            return ts[int(payload["$ts_of"])]
        if "$permalink_of" in payload and len(payload) == 1:
            return permalinks[int(payload["$permalink_of"])]
        return {k: resolve(v, ts, permalinks) for k, v in payload.items()}
    if isinstance(payload, list):
        return [resolve(v, ts, permalinks) for v in payload]
    return payload
