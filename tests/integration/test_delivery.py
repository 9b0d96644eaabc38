"""The outbox relay against the Slack stand-in: once, in order, retried when Slack says so."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.devkit.standin import SlackStandIn
from bot.outbox.queue import SlackCall, enqueue, enqueue_all, permalink_of, ts_of
from bot.outbox.relay import Deliverer
from bot.storage.tables import OutboxRow
from tests.integration.outbox import ESCALATIONS, TEAM, make_due, queue, row
from tests.support import QUEUE


@pytest.fixture
def deliverer(engine: Engine, standin: SlackStandIn) -> Deliverer:
    return Deliverer(engine, WebClient(token="xoxb-test", base_url=standin.url))


def posted_texts(standin: SlackStandIn) -> list[str]:
    return [call.args.get("text", "") for call in standin.calls_to("chat.postMessage")]


def test_a_row_is_sent_once_and_marked_sent_with_slacks_ts(
    engine: Engine, deliverer: Deliverer, standin: SlackStandIn
) -> None:
    [row_id] = queue(engine, {"channel": QUEUE, "text": "New task T-0001"})
    assert deliverer.pending() == 1

    assert deliverer.deliver_ready() == 1
    assert deliverer.deliver_ready() == 0
    assert deliverer.deliver(row_id) is False

    [call] = standin.calls_to("chat.postMessage")
    assert call.args["channel"] == QUEUE
    assert call.args["text"] == "New task T-0001"
    sent = row(engine, row_id)
    assert sent.status == "sent"
    assert sent.result_ts == call.response["ts"]
    assert sent.result_channel == QUEUE
    assert sent.attempts == 1
    assert sent.lease_until is None
    assert sent.sent_at is not None
    assert sent.sent_at.tzinfo is UTC
    assert deliverer.pending() == 0
    standin.assert_clean()


def test_rows_are_sent_oldest_first(
    engine: Engine, deliverer: Deliverer, standin: SlackStandIn
) -> None:
    queue(engine, *({"channel": QUEUE, "text": f"message {i}"} for i in range(5)))
    assert deliverer.deliver_ready() == 5
    assert posted_texts(standin) == [f"message {i}" for i in range(5)]


def test_calls_queued_at_once_are_numbered_and_sent_in_the_order_given(
    engine: Engine, deliverer: Deliverer, standin: SlackStandIn
) -> None:
    texts = [f"message {i}" for i in (3, 1, 4, 1, 5, 9, 2, 6)]
    with Session(engine) as session:
        calls = [SlackCall(TEAM, "chat.postMessage", {"channel": QUEUE, "text": t}) for t in texts]
        enqueue_all(session, calls)
        session.commit()
        stored = session.exec(select(OutboxRow).order_by(col(OutboxRow.id))).all()
    assert [r.payload["text"] for r in stored] == texts
    assert deliverer.deliver_ready() == len(texts)
    assert posted_texts(standin) == texts


def test_a_reply_waits_for_its_card_and_then_threads_under_the_cards_ts(
    engine: Engine, deliverer: Deliverer, standin: SlackStandIn
) -> None:
    with Session(engine) as session:
        card_id = enqueue(
            session,
            team_id=TEAM,
            method="chat.postMessage",
            payload={"channel": QUEUE, "text": "card"},
        )
        reply_id = enqueue(
            session,
            team_id=TEAM,
            method="chat.postMessage",
            payload={"channel": QUEUE, "thread_ts": ts_of(card_id), "text": "reply"},
        )
        session.commit()

    before = datetime.now(UTC)
    assert deliverer.deliver(reply_id) is False  # the card is not sent yet
    waiting = row(engine, reply_id)
    assert (waiting.status, waiting.attempts, waiting.lease_until) == ("pending", 0, None)
    assert waiting.not_before > before  # postponed, not retried in a tight loop
    assert standin.calls_to("chat.postMessage") == []

    assert deliverer.deliver(card_id) is True
    make_due(engine, reply_id)
    assert deliverer.deliver_ready() == 1

    card_call, reply_call = standin.calls_to("chat.postMessage")
    assert card_call.args["text"] == "card"
    assert reply_call.args["text"] == "reply"
    assert (
        reply_call.args["thread_ts"] == card_call.response["ts"] == row(engine, card_id).result_ts
    )
    assert row(engine, reply_id).status == "sent"
    standin.assert_clean()


def test_a_permalink_reference_is_resolved_through_chat_get_permalink(
    engine: Engine, deliverer: Deliverer, standin: SlackStandIn
) -> None:
    with Session(engine) as session:
        card_id = enqueue(
            session,
            team_id=TEAM,
            method="chat.postMessage",
            payload={"channel": QUEUE, "text": "card"},
        )
        enqueue(
            session,
            team_id=TEAM,
            method="chat.postMessage",
            payload={"channel": ESCALATIONS, "text": permalink_of(card_id)},
        )
        session.commit()

    assert deliverer.deliver_ready() == 2

    card_call, escalation_call = standin.calls_to("chat.postMessage")
    [lookup] = standin.calls_to("chat.getPermalink")
    assert lookup.args == {"channel": QUEUE, "message_ts": card_call.response["ts"]}
    assert escalation_call.args["channel"] == ESCALATIONS
    assert escalation_call.args["text"] == lookup.response["permalink"]
    assert lookup.response["permalink"].startswith("https://")
    standin.assert_clean()


def test_a_rate_limited_row_waits_for_retry_after_without_using_up_an_attempt(
    engine: Engine, deliverer: Deliverer, standin: SlackStandIn
) -> None:
    """A 429 with Retry-After is a wait: it neither counts toward parking nor raises the backoff."""
    [row_id] = queue(engine, {"channel": QUEUE, "text": "busy"})
    standin.inject("chat.postMessage", status=429, retry_after=1)

    before = datetime.now(UTC)
    assert deliverer.deliver_ready() == 0
    after = datetime.now(UTC)

    postponed = row(engine, row_id)
    assert (postponed.status, postponed.attempts) == ("pending", 0)
    assert postponed.lease_until is None
    assert postponed.last_error == "429 ratelimited"
    assert before + timedelta(seconds=1) <= postponed.not_before <= after + timedelta(seconds=1)

    make_due(engine, row_id)
    assert deliverer.deliver_ready() == 1
    sent = row(engine, row_id)
    assert (sent.status, sent.attempts) == ("sent", 1)
    assert [call.status for call in standin.calls_to("chat.postMessage")] == [429, 200]


def test_a_server_error_is_retried(
    engine: Engine, deliverer: Deliverer, standin: SlackStandIn
) -> None:
    [row_id] = queue(engine, {"channel": QUEUE, "text": "flaky"})
    standin.inject("chat.postMessage", status=500)

    before = datetime.now(UTC)
    assert deliverer.deliver_ready() == 0
    postponed = row(engine, row_id)
    assert (postponed.status, postponed.attempts) == ("pending", 1)
    assert postponed.last_error.startswith("500")
    assert postponed.not_before > before

    make_due(engine, row_id)
    assert deliverer.deliver_ready() == 1
    assert row(engine, row_id).status == "sent"
    assert [call.status for call in standin.calls_to("chat.postMessage")] == [500, 200]


def test_a_row_that_keeps_failing_is_parked_as_dead_after_max_attempts(
    engine: Engine, standin: SlackStandIn
) -> None:
    deliverer = Deliverer(
        engine, WebClient(token="xoxb-test", base_url=standin.url), max_attempts=2
    )
    [row_id] = queue(engine, {"channel": QUEUE, "text": "doomed"})
    standin.inject("chat.postMessage", status=503, times=5)

    assert deliverer.deliver_ready() == 0
    assert row(engine, row_id).status == "pending"
    make_due(engine, row_id)
    assert deliverer.deliver_ready() == 0

    dead = row(engine, row_id)
    assert (dead.status, dead.attempts, dead.lease_until) == ("dead", 2, None)
    make_due(engine, row_id)
    assert deliverer.deliver_ready() == 0
    assert len(standin.calls_to("chat.postMessage")) == 2
    assert deliverer.pending() == 0


@pytest.mark.parametrize(
    ("method", "payload", "error"),
    [
        pytest.param(
            "chat.postMessage",
            {"channel": "#front-desk", "text": "by name"},
            "channel_not_found",
            id="channel-name-not-id",
        ),
        pytest.param(
            "chat.postMessageLater",
            {"channel": QUEUE, "text": "no such method"},
            "unknown_method",
            id="unknown-method",
        ),
    ],
)
def test_a_non_retryable_error_parks_the_row_as_dead(
    engine: Engine,
    deliverer: Deliverer,
    standin: SlackStandIn,
    method: str,
    payload: dict[str, Any],
    error: str,
) -> None:
    [row_id] = queue(engine, payload, method=method)

    assert deliverer.deliver_ready() == 0

    dead = row(engine, row_id)
    assert (dead.status, dead.attempts, dead.lease_until) == ("dead", 1, None)
    assert dead.last_error == f"200 {error}"
    make_due(engine, row_id)
    assert deliverer.deliver_ready() == 0
    assert deliverer.pending() == 0
    assert len(standin.calls_to(method)) == 1


def test_two_deliverers_racing_send_each_row_exactly_once(
    engine: Engine, standin: SlackStandIn
) -> None:
    rows = 30
    queue(engine, *({"channel": QUEUE, "text": f"row {i}"} for i in range(rows)))
    client = WebClient(token="xoxb-test", base_url=standin.url)
    racers = [Deliverer(engine, client), Deliverer(engine, client)]
    start = threading.Barrier(len(racers), timeout=30)

    def race(racer: Deliverer) -> int:
        start.wait()
        sent = 0
        while passed := racer.deliver_ready():
            sent += passed
        return sent

    with ThreadPoolExecutor(len(racers)) as pool:
        sent_by = list(pool.map(race, racers))

    assert sum(sent_by) == rows, sent_by
    assert Counter(posted_texts(standin)) == Counter({f"row {i}": 1 for i in range(rows)})
    with Session(engine) as session:
        statuses = Counter(r.status for r in session.exec(select(OutboxRow)))
    assert statuses == Counter({"sent": rows})
    standin.assert_clean()
