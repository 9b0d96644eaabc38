"""Helpers of the outbox and relay tests: rows queued, read and made due, a relay's client."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from bot.devkit.standin import SlackStandIn
from bot.outbox.queue import enqueue
from bot.outbox.relay import retry_handlers
from bot.storage.tables import OutboxRow

TEAM = "T0HANDOFF01"
ESCALATIONS = "C0ESCAL0001"


def queue(engine: Engine, *payloads: dict[str, Any], method: str = "chat.postMessage") -> list[int]:
    """Enqueue one row per payload in one committed transaction; returns their ids."""
    with Session(engine) as session:
        ids = [enqueue(session, team_id=TEAM, method=method, payload=p) for p in payloads]
        session.commit()
    return ids


def row(engine: Engine, row_id: int) -> OutboxRow:
    with Session(engine) as session:
        return session.get_one(OutboxRow, row_id)


def make_due(engine: Engine, row_id: int) -> None:
    """Move a postponed row's not_before into the past instead of waiting for it."""
    with Session(engine) as session:
        session.execute(
            update(OutboxRow)
            .where(col(OutboxRow.id) == row_id)
            .values(not_before=datetime.now(UTC) - timedelta(seconds=1))
        )
        session.commit()


def client(url: str, timeout: int = 10) -> WebClient:
    return WebClient(
        token="xoxb-test", base_url=url, timeout=timeout, retry_handlers=retry_handlers()
    )


def post(session: Session, payload: dict[str, Any], **row: Any) -> int:
    return enqueue(session, team_id=TEAM, method="chat.postMessage", payload=payload, **row)


def all_rows(engine: Engine) -> list[OutboxRow]:
    with Session(engine) as session:
        return list(session.exec(select(OutboxRow).order_by(col(OutboxRow.id))))


def delivered(standin: SlackStandIn, channel: str) -> list[dict[str, Any]]:
    """Arguments of the messages Slack accepted in `channel`, in the order it got them."""
    calls = standin.calls_to("chat.postMessage")
    return [c.args for c in calls if c.status == 200 and c.args["channel"] == channel]


def wait_until_due(engine: Engine, row_id: int) -> None:
    time.sleep(max(0.0, (row(engine, row_id).not_before - datetime.now(UTC)).total_seconds()))
