"""Queue messages for the fault tests and check what Slack accepted against the outbox."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from bot.devkit.standin import Call, SlackStandIn
from bot.outbox.queue import enqueue, resolve, ts_of
from bot.storage.engine import make_engine
from bot.storage.tables import OutboxRow
from tests.support import JOSE, QUEUE, add_task

TEAM = "T0HANDOFF01"
POST = "chat.postMessage"
FOREVER = 1_000_000  # `times` for a fault that lasts until cleared
MessageKey = tuple[str, str, str]  # channel, thread_ts, text


def outbox(database_url: str) -> list[OutboxRow]:
    """Every outbox row, oldest first."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.exec(select(OutboxRow).order_by(col(OutboxRow.id))))
    finally:
        engine.dispose()


def in_flight(database_url: str, lease: float, claimed_within: float | None = None) -> list[str]:
    """Texts of the rows a worker holds (leased within `claimed_within` seconds, if given):
    its batch, claimed but not sent; a row's lease is renewed when its call starts."""
    since = datetime.now(UTC) + timedelta(seconds=lease - (claimed_within or lease))
    rows = outbox(database_url)
    return [r.payload["text"] for r in rows if r.lease_until and r.lease_until > since]


def under_way(database_url: str) -> list[str]:
    """Texts of the held rows whose call has started (an attempt counted, not sent yet)."""
    rows = outbox(database_url)
    return [r.payload["text"] for r in rows if r.status == "sending" and r.attempts]


def drained(database_url: str) -> Callable[[], bool]:
    """A condition: no row is left to send."""
    return lambda: all(row.status in ("sent", "dead") for row in outbox(database_url))


def queue_messages(database_url: str, *payloads: dict[str, Any]) -> None:
    """One chat.postMessage row per payload, committed together."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        for payload in payloads:
            enqueue(session, team_id=TEAM, method=POST, payload=payload)
        session.commit()
    engine.dispose()


def to_channels(texts: list[str]) -> list[dict[str, Any]]:
    """One message per text, each to a channel of its own (so none waits for the pace)."""
    return [{"channel": f"C0FAULT{i:04d}", "text": text} for i, text in enumerate(texts)]


def queue_threads(database_url: str, cards: int, replies: int) -> None:
    """Per task: its card in the queue, `replies` thread replies, a DM; each task's in order."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        for number in range(1, cards + 1):
            task = add_task(session, TEAM, number)
            card_post = {"channel": QUEUE, "text": f"card {number}"}
            card = enqueue(
                session,
                team_id=TEAM,
                method=POST,
                payload=card_post,
                task_id=task,
                records_card=True,
            )
            thread = [
                {"channel": QUEUE, "thread_ts": ts_of(card), "text": f"{number}.{line}"}
                for line in range(replies)
            ]
            for payload in [*thread, {"channel": JOSE, "text": f"dm {number}"}]:
                enqueue(session, team_id=TEAM, method=POST, payload=payload, task_id=task)
        session.commit()
    engine.dispose()


def accepted(standin: SlackStandIn) -> list[Call]:
    """The calls Slack accepted, in the order it answered them."""
    return [c for c in list(standin.calls) if c.status == 200 and c.response.get("ok")]


def assert_delivered_once_in_order(standin: SlackStandIn, database_url: str) -> None:
    """Every row sent, each message and edit accepted once, each thread after its card, in order."""
    rows = outbox(database_url)
    assert [row.status for row in rows] == ["sent"] * len(rows)
    calls = accepted(standin)
    posts = [call.args for call in calls if call.method == POST]
    assert Counter(map(_key, posts)) == _expected_posts(rows)
    edits = [call.args["ts"] for call in calls if call.method == "chat.update"]
    assert len(edits) == len(set(edits)) == sum(row.method == "chat.update" for row in rows)
    for card in (row for row in rows if row.records_card):
        about = [call for call in calls if _about(call, card.result_ts)]
        assert about[0].method == POST, "a reply or an edit came before its card"
        replies = [call.args["text"] for call in about if "thread_ts" in call.args]
        wanted = ts_of(card.id or 0)
        assert replies == [r.payload["text"] for r in rows if r.payload.get("thread_ts") == wanted]


def _key(args: dict[str, Any]) -> MessageKey:
    return str(args["channel"]), str(args.get("thread_ts", "")), str(args.get("text", ""))


def _expected_posts(rows: list[OutboxRow]) -> Counter[MessageKey]:
    """One message per chat.postMessage row, threaded under the ts its card got."""
    ts = {row.id or 0: row.result_ts for row in rows}
    posts = [row.payload for row in rows if row.method == POST]
    return Counter(_key(p | {"thread_ts": resolve(p.get("thread_ts", ""), ts, {})}) for p in posts)


def _about(call: Call, ts: str) -> bool:
    """The call posted the message `ts`, replied in its thread or edited it."""
    return ts in (call.response.get("ts"), call.args.get("thread_ts"), call.args.get("ts"))
