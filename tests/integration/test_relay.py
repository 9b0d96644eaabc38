"""The relay: SKIP LOCKED claims, each task's calls in order, stopping, and its wiring."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from slack_sdk.http_retry import ConnectionErrorRetryHandler
from sqlalchemy import Engine, text
from sqlmodel import Session

from bot.bootstrap import build
from bot.devkit.standin import SlackStandIn
from bot.outbox.queue import ts_of
from bot.outbox.relay import Deliverer
from bot.settings import SettingsError, load_settings
from tests.conftest import app_settings
from tests.integration.outbox import (
    TEAM,
    all_rows,
    client,
    delivered,
    make_due,
    post,
    queue,
    row,
    wait_until_due,
)
from tests.support import KIM, QUEUE, add_task


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_on_postgresql_a_relay_skips_the_row_another_relay_is_claiming(
    engine: Engine, standin: SlackStandIn
) -> None:
    first, *_ = queue(engine, *({"channel": QUEUE, "text": f"row {i}"} for i in range(3)))
    deliverer = Deliverer(engine, client(standin.url))
    with ThreadPoolExecutor(1) as pool, engine.connect() as other_relay:
        other_relay.execute(text("SELECT id FROM outbox WHERE id = :id FOR UPDATE"), {"id": first})
        assert pool.submit(deliverer.deliver_ready).result(timeout=10) == 2  # did not block
        assert row(engine, first).status == "pending"
    assert deliverer.deliver_ready() == 1
    assert [a["text"] for a in delivered(standin, QUEUE)] == ["row 1", "row 2", "row 0"]


def test_two_relays_at_once_send_each_message_once_and_keep_each_thread_in_order(
    engine: Engine, standin: SlackStandIn
) -> None:
    with Session(engine) as session:
        for task in range(5):
            task_id = add_task(session, TEAM, number=task + 1)
            card = post(session, {"channel": QUEUE, "text": f"card {task}"}, task_id=task_id)
            for line in range(3):
                reply = {"channel": QUEUE, "thread_ts": ts_of(card), "text": f"{task}.{line}"}
                post(session, reply, task_id=task_id)
        session.commit()
    pace = timedelta(milliseconds=20)
    relays = [Deliverer(engine, client(standin.url), pace=pace) for _ in range(2)]

    def drain(relay: Deliverer) -> None:
        deadline = time.monotonic() + 20
        while relay.pending() and time.monotonic() < deadline:
            relay.deliver_ready()
            time.sleep(0.01)

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(drain, relays))

    posted = delivered(standin, QUEUE)
    assert Counter(a["text"] for a in posted) == Counter(
        r.payload["text"] for r in all_rows(engine)
    )
    cards = {a["text"]: i for i, a in enumerate(posted) if "thread_ts" not in a}
    for task in range(5):
        thread = [(i, a["text"]) for i, a in enumerate(posted) if a["text"].startswith(f"{task}.")]
        assert [t for _, t in thread] == [f"{task}.{line}" for line in range(3)]
        assert cards[f"card {task}"] < thread[0][0]
    standin.assert_clean()


def test_a_tasks_calls_go_one_by_one_so_its_dm_waits_for_a_failed_thread_line(
    engine: Engine, standin: SlackStandIn
) -> None:
    with Session(engine) as session:
        task = add_task(session, TEAM)
        card = post(session, {"channel": QUEUE, "text": "card"}, task_id=task, records_card=True)
        line = {"channel": QUEUE, "thread_ts": ts_of(card), "text": "line"}
        post(session, line, task_id=task)
        post(session, {"channel": KIM, "text": "dm"}, task_id=task)  # as the notifier does
        session.commit()
    deliverer = Deliverer(engine, client(standin.url))
    assert deliverer.deliver(card) is True
    standin.inject("chat.postMessage", status=500)

    assert deliverer.deliver_ready() == 0  # the line failed; the DM waits for it
    failed, waiting = all_rows(engine)[1:]
    assert [(r.status, r.attempts) for r in (failed, waiting)] == [("pending", 1), ("pending", 0)]
    make_due(engine, failed.id or 0)
    wait_until_due(engine, waiting.id or 0)
    assert deliverer.deliver_ready() == 2
    texts = [call.args["text"] for call in standin.calls_to("chat.postMessage")]
    assert texts == ["card", "line", "line", "dm"]


def test_a_stopped_relay_claims_nothing_and_says_when_the_next_row_is_due(
    engine: Engine, standin: SlackStandIn
) -> None:
    deliverer = Deliverer(engine, client(standin.url))
    assert deliverer.seconds_until_due(2.0) == 2.0
    [row_id] = queue(engine, {"channel": QUEUE, "text": "later"})
    assert deliverer.seconds_until_due(2.0) == 0.0
    deliverer.stop()
    assert deliverer.deliver_ready() == 0
    assert (row(engine, row_id).status, row(engine, row_id).attempts) == ("pending", 0)


def test_bootstrap_gives_the_relay_its_lease_pace_alert_and_only_connection_retries(
    sqlite_url: str, standin: SlackStandIn
) -> None:
    tuning = {"HANDOFF_OUTBOX_LEASE_SECONDS": "5", "HANDOFF_OUTBOX_PACE_SECONDS": "1.5"}
    handoff = build(load_settings(app_settings(sqlite_url, standin) | tuning))
    handoff.close()

    relay = handoff.deliverer
    assert (relay.lease, relay.pacer.pace) == (timedelta(seconds=5), timedelta(seconds=1.5))
    assert relay.alert is not None
    assert [type(handler) for handler in relay.client.retry_handlers] == [
        ConnectionErrorRetryHandler
    ]


@pytest.mark.parametrize(
    ("name", "value"),
    [("HANDOFF_OUTBOX_LEASE_SECONDS", "0.5"), ("HANDOFF_OUTBOX_PACE_SECONDS", "soon")],
)
def test_a_malformed_relay_setting_stops_start_up_naming_it(
    sqlite_url: str, standin: SlackStandIn, name: str, value: str
) -> None:
    with pytest.raises(SettingsError, match=f"^{name} is malformed — expected seconds from"):
        load_settings(app_settings(sqlite_url, standin) | {name: value})
