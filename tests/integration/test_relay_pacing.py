"""Pacing: about one message per second per channel or DM, shared by every relay process."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from bot.devkit.standin import SlackStandIn
from bot.outbox.queue import enqueue, ts_of
from bot.outbox.relay import Deliverer
from bot.storage.tables import ChannelPaceRow, OutboxRow
from tests.integration.outbox import (
    ESCALATIONS,
    TEAM,
    client,
    delivered,
    post,
    queue,
    row,
    wait_until_due,
)
from tests.support import KIM, MARIA, QUEUE

PACE = timedelta(seconds=30)  # longer than any stall of a busy machine; slots are expired by hand


def expire_slots(engine: Engine) -> None:
    """As if the pace had passed for every channel (no sleeping on the wall clock)."""
    past = datetime.now(UTC) - timedelta(seconds=1)
    with Session(engine) as session:
        session.exec(update(ChannelPaceRow).values(next_at=past))  # type: ignore[call-overload]
        waiting = update(OutboxRow).where(col(OutboxRow.status) == "pending")
        session.exec(waiting.values(not_before=past))  # type: ignore[call-overload]
        session.commit()


def slot_of(engine: Engine, channel: str) -> datetime:
    with Session(engine) as session:
        return (
            session.exec(select(ChannelPaceRow).where(ChannelPaceRow.channel == channel))
            .one()
            .next_at
        )


def test_a_second_message_to_a_channel_waits_for_the_pace_other_channels_and_edits_do_not(
    engine: Engine, standin: SlackStandIn
) -> None:
    with Session(engine) as session:
        first = post(session, {"channel": QUEUE, "text": "first"})
        second = post(session, {"channel": QUEUE, "text": "second"})
        post(session, {"channel": ESCALATIONS, "text": "elsewhere"})
        edit = {"channel": QUEUE, "ts": ts_of(first), "text": "first, edited"}
        enqueue(session, team_id=TEAM, method="chat.update", payload=edit)
        post(session, {"channel": KIM, "text": "to Kim"})
        again = post(session, {"channel": KIM, "text": "to Kim again"})
        post(session, {"channel": MARIA, "text": "to Maria"})
        session.commit()
    deliverer = Deliverer(engine, client(standin.url), pace=PACE)

    assert deliverer.deliver_ready() == 5
    waiting = row(engine, second)
    assert (waiting.status, waiting.attempts) == ("pending", 0)  # skipped, not claimed
    assert row(engine, again).status == "pending"  # DMs are paced per user

    another_process = Deliverer(engine, client(standin.url), pace=PACE)
    assert another_process.deliver_ready() == 0  # the pace is shared through the database
    assert another_process.deliver(second) is False
    sent_first = row(engine, first).sent_at
    assert sent_first is not None
    assert slot_of(engine, QUEUE) >= sent_first + PACE - timedelta(seconds=1)
    expire_slots(engine)  # the slot the first messages took has passed
    assert deliverer.deliver_ready() == 2
    assert len(standin.calls_to("chat.update")) == 1
    standin.assert_clean()


def test_a_rate_limit_holds_the_channel_so_its_messages_keep_their_order(
    engine: Engine, standin: SlackStandIn
) -> None:
    first, second, _ = queue(
        engine,
        {"channel": QUEUE, "text": "first"},
        {"channel": QUEUE, "text": "second"},
        {"channel": ESCALATIONS, "text": "elsewhere"},
    )
    deliverer = Deliverer(engine, client(standin.url), pace=timedelta(milliseconds=50))
    standin.inject("chat.postMessage", status=429, retry_after=1)

    assert deliverer.deliver_ready() == 1  # only the other channel's
    assert row(engine, second).status == "pending"  # the channel is held: not even claimed
    wait_until_due(engine, first)
    while deliverer.pending():
        deliverer.deliver_ready()
        time.sleep(0.01)

    assert [args["text"] for args in delivered(standin, QUEUE)] == ["first", "second"]
