"""Slack failing: no answer (refused, too late), and dead rows alerting the managers."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.config import load_practice
from bot.devkit.standin import SlackStandIn
from bot.outbox.alerts import ALERT_EVENT, is_alert, manager_alert
from bot.outbox.queue import RESPONSE_URL, enqueue, ts_of
from bot.outbox.relay import Deliverer
from bot.storage.people import SqlPeople
from bot.storage.sync import sync_practice
from tests.integration.outbox import TEAM, all_rows, client, delivered, make_due, post, queue, row
from tests.processes import free_port
from tests.support import KIM, PRACTICE_FILE, QUEUE

PRACTICE = load_practice(PRACTICE_FILE)


@pytest.fixture
def alerting(engine: Engine, standin: SlackStandIn) -> Deliverer:
    """A relay that gives up after one attempt and alerts the test practice's managers."""
    alert = manager_alert({TEAM: PRACTICE})
    return Deliverer(engine, client(standin.url), max_attempts=1, alert=alert)


def test_a_dead_row_sends_each_active_manager_one_alert_without_the_message_text(
    engine: Engine, alerting: Deliverer, standin: SlackStandIn
) -> None:
    [dead_id] = queue(engine, {"channel": QUEUE, "text": "Jane Doe, DOB 01/02/1960"})
    standin.inject("chat.postMessage", status=500)

    assert alerting.deliver_ready() == 1  # the alert, queued as the row was parked

    dead, alert = all_rows(engine)
    assert (dead.id, dead.status, dead.last_error) == (dead_id, "dead", "500 internal_error")
    assert (alert.status, alert.payload["channel"], alert.task_id) == ("sent", KIM, None)
    [call] = [c for c in standin.calls_to("chat.postMessage") if c.status == 200]
    assert call.args["text"] == (
        f"⚠️ Handoff could not deliver a Slack message (outbox #{dead_id}, chat.postMessage to"
        f" {QUEUE}): 500 internal_error. `bot outbox` lists it; `bot outbox retry {dead_id}`"
        " sends it again."
    )
    assert call.args["metadata"] == {
        "event_type": ALERT_EVENT,
        "event_payload": {"outbox_id": dead_id},
    }
    assert "Jane" not in str(call.args)
    standin.assert_clean()


def test_no_alert_for_an_alert_a_response_url_reply_or_a_row_that_waited_on_a_dead_one(
    engine: Engine, alerting: Deliverer, standin: SlackStandIn
) -> None:
    with Session(engine) as session:
        card = post(session, {"channel": QUEUE, "text": "card"})
        post(session, {"channel": QUEUE, "thread_ts": ts_of(card), "text": "reply"})
        refused = standin.url.removesuffix("api/") + "gone/abc"  # a Slack host answering 404
        answer = {"response_url": refused, "text": "ephemeral"}
        enqueue(session, team_id=TEAM, method=RESPONSE_URL, payload=answer)
        session.commit()
    standin.inject("chat.postMessage", status=500, times=5)

    assert alerting.deliver_ready() == 0

    rows = all_rows(engine)
    assert [(r.status, is_alert(r.payload)) for r in rows] == [("dead", False)] * 3 + [
        ("dead", True)
    ]
    assert rows[1].last_error == "depends on a message that could not be posted"
    assert rows[2].last_error.startswith("404")


def test_a_manager_deactivated_in_slack_is_not_alerted(
    engine: Engine, alerting: Deliverer, standin: SlackStandIn
) -> None:
    now = datetime.now(UTC)
    sync_practice(engine, PRACTICE, now)
    with Session(engine) as session:
        assert SqlPeople(session).set_slack_deleted(TEAM, KIM, True, True, now)
        session.commit()
    queue(engine, {"channel": QUEUE, "text": "doomed"})
    standin.inject("chat.postMessage", status=500)

    assert alerting.deliver_ready() == 0
    assert [r.status for r in all_rows(engine)] == ["dead"]


def test_a_refused_connection_is_retried_twice_in_the_call_then_backed_off(
    engine: Engine,
) -> None:
    deliverer = Deliverer(engine, client(f"http://127.0.0.1:{free_port()}/api/"))
    [row_id] = queue(engine, {"channel": QUEUE, "text": "nobody listens"})

    before, started = datetime.now(UTC), time.monotonic()
    assert deliverer.deliver_ready() == 0
    assert time.monotonic() - started >= 0.5  # two quick reconnects 0.25 s apart

    pending = row(engine, row_id)
    assert (pending.status, pending.attempts, pending.lease_until) == ("pending", 1, None)
    assert pending.last_error.startswith("0 URLError")
    assert "Connection refused" in pending.last_error
    assert before + timedelta(seconds=1) <= pending.not_before  # 2**1 s with jitter: 1-2 s
    assert pending.not_before <= datetime.now(UTC) + timedelta(seconds=2)


def test_a_slack_that_answers_after_the_client_timeout_is_retried_later(
    engine: Engine, standin: SlackStandIn
) -> None:
    deliverer = Deliverer(engine, client(standin.url, timeout=1))
    [row_id] = queue(engine, {"channel": QUEUE, "text": "slow"})
    standin.inject("chat.postMessage", status=200, delay=1.5)

    assert deliverer.deliver_ready() == 0
    late = row(engine, row_id)
    assert (late.status, late.attempts, late.last_error) == (
        "pending",
        1,
        "0 TimeoutError: timed out",
    )
    make_due(engine, row_id)
    assert deliverer.deliver_ready() == 1
    assert (row(engine, row_id).status, row(engine, row_id).attempts) == ("sent", 2)
    # Slack did post the first one, only too late to say so: delivery is at least once.
    assert standin.wait_for(lambda: len(delivered(standin, QUEUE)) == 2)
