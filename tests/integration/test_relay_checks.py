"""A row's turn: one read finds its references and its task's earlier unsent rows; passes."""

from __future__ import annotations

from sqlalchemy import Engine, update
from sqlmodel import Session, col

from bot.devkit.standin import SlackStandIn
from bot.outbox import leases
from bot.outbox.queue import permalink_of, ts_of
from bot.outbox.relay import LEASE, Deliverer
from bot.storage.tables import OutboxRow
from tests.integration.outbox import TEAM, all_rows, client, delivered, post, queue
from tests.support import KIM, QUEUE, add_task


def queue_task(engine: Engine) -> tuple[int, int, int]:
    """A task's card, a thread line under it and a DM linking to it, as the notifier queues."""
    with Session(engine) as session:
        task = add_task(session, TEAM)
        card = post(session, {"channel": QUEUE, "text": "card"}, task_id=task, records_card=True)
        line = post(
            session, {"channel": QUEUE, "thread_ts": ts_of(card), "text": "line"}, task_id=task
        )
        dm = post(session, {"channel": KIM, "text": permalink_of(card)}, task_id=task)
        session.commit()
    return card, line, dm


def test_a_dm_whose_card_is_sent_still_waits_for_its_tasks_earlier_line(
    engine: Engine, standin: SlackStandIn
) -> None:
    card, line, dm = queue_task(engine)
    relay = Deliverer(engine, client(standin.url))
    assert relay.deliver(card) is True
    with Session(engine) as other_relay:
        leases.claim(other_relay, [line], LEASE)  # mid-call elsewhere
        other_relay.commit()

    assert relay.deliver_ready() == 0
    waiting = all_rows(engine)[2]
    assert (waiting.id, waiting.status, waiting.attempts) == (dm, "pending", 0)
    assert delivered(standin, KIM) == []


def test_a_dead_earlier_row_of_a_task_does_not_hold_back_the_rest(
    engine: Engine, standin: SlackStandIn
) -> None:
    card, line, _ = queue_task(engine)
    relay = Deliverer(engine, client(standin.url))
    assert relay.deliver(card) is True
    with Session(engine) as session:
        parked = update(OutboxRow).where(col(OutboxRow.id) == line).values(status="dead")
        session.exec(parked)  # type: ignore[call-overload]
        session.commit()

    assert relay.deliver_ready() == 1
    [sent] = delivered(standin, KIM)
    assert sent["text"].startswith("http")
    assert [r.status for r in all_rows(engine)] == ["sent", "dead", "sent"]


def test_a_pass_claims_again_while_its_batches_come_back_full(
    engine: Engine, standin: SlackStandIn
) -> None:
    queue(engine, *({"channel": QUEUE, "text": f"m{i}"} for i in range(5)))
    assert Deliverer(engine, client(standin.url), batch=2).deliver_ready() == 5
    assert [r.status for r in all_rows(engine)] == ["sent"] * 5


def test_rows_in_one_batch_refer_to_the_card_sent_just_before_them(
    engine: Engine, standin: SlackStandIn
) -> None:
    card, _, _ = queue_task(engine)
    assert Deliverer(engine, client(standin.url)).deliver_ready() == 3

    [card_call, line_call] = standin.calls_to("chat.postMessage")[:2]
    [dm_call] = delivered(standin, KIM)
    [lookup] = standin.calls_to("chat.getPermalink")
    posted = all_rows(engine)[0]
    assert (posted.id, posted.result_ts) == (card, card_call.response["ts"])
    assert line_call.args["thread_ts"] == posted.result_ts != ""
    assert lookup.args == {"channel": posted.result_channel, "message_ts": posted.result_ts}
    assert dm_call["text"] == lookup.response["permalink"]
    standin.assert_clean()
