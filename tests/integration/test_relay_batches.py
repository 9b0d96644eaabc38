"""Batch claims: disjoint between relays; dependents wait; a lost lease or a crash resends none."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.web import SlackResponse
from sqlalchemy import Engine, update
from sqlmodel import Session, col

from bot.devkit.standin import SlackStandIn
from bot.outbox import leases
from bot.outbox.queue import ts_of
from bot.outbox.relay import LEASE, Deliverer
from bot.storage.tables import OutboxRow
from tests.integration.outbox import (
    ESCALATIONS,
    all_rows,
    client,
    delivered,
    make_due,
    post,
    queue,
    row,
)
from tests.support import QUEUE

TEXTS = [f"m{i}" for i in range(4)]


class Hooked(WebClient):
    """A client that runs `hook` as its `nth` call starts (a crash) or ends (another relay)."""

    def __init__(self, url: str, hook: Callable[[], None], *, nth: int, before: bool) -> None:
        super().__init__(token="xoxb-test", base_url=url)
        self.hook, self.nth, self.before, self.calls = hook, nth, before, 0

    def api_call(self, *args: Any, **kwargs: Any) -> SlackResponse:
        self.calls += 1
        due = self.calls == self.nth
        if due and self.before:
            self.hook()
        answer = super().api_call(*args, **kwargs)
        if due and not self.before:
            self.hook()
        return answer


def expire_leases(engine: Engine, *, but: int | None = None) -> None:
    """As if the leases of held rows (all, or all but one) had run out."""
    with Session(engine) as session:
        held = update(OutboxRow).where(col(OutboxRow.status) == "sending", col(OutboxRow.id) != but)
        past = datetime.now(UTC) - timedelta(seconds=1)
        session.exec(held.values(lease_until=past))  # type: ignore[call-overload]
        session.commit()


def sent_texts(standin: SlackStandIn) -> Counter[str]:
    return Counter(args["text"] for args in delivered(standin, QUEUE))


def test_two_relays_claiming_at_once_take_disjoint_rows(engine: Engine) -> None:
    ids = queue(engine, *({"channel": QUEUE, "text": f"row {i}"} for i in range(8)))

    def claim(session: Session) -> list[int]:
        claimed, _ = leases.claim_due(session, LEASE, 5, paced=False)
        session.commit()
        return [r.id or 0 for r in claimed]

    with Session(engine) as first, Session(engine) as second, ThreadPoolExecutor(1) as pool:
        mine = [r.id or 0 for r in leases.claim_due(first, LEASE, 5, paced=False)[0]]  # still open
        other = pool.submit(claim, second)  # PostgreSQL skips the locked rows; SQLite waits
        first.commit()
        theirs = other.result(timeout=20)

    assert not set(mine) & set(theirs)
    assert sorted(mine + theirs) == ids
    assert {r.status for r in all_rows(engine)} == {"sending"}


def test_a_reply_in_a_batch_waits_while_another_relay_holds_its_card(
    engine: Engine, standin: SlackStandIn
) -> None:
    with Session(engine) as session:
        card = post(session, {"channel": QUEUE, "text": "card"})
        post(session, {"channel": QUEUE, "text": "other"})
        reply = post(session, {"channel": QUEUE, "thread_ts": ts_of(card), "text": "reply"})
        session.commit()
    with Session(engine) as other_relay:
        leases.claim(other_relay, [card], LEASE)  # mid-call elsewhere
        other_relay.commit()
    relay = Deliverer(engine, client(standin.url))

    before = datetime.now(UTC)
    assert relay.deliver_ready() == 1
    waiting = row(engine, reply)
    assert (waiting.status, waiting.attempts, waiting.lease_until) == ("pending", 0, None)
    assert waiting.not_before > before

    expire_leases(engine)  # the other relay died before calling Slack
    make_due(engine, reply)
    assert relay.deliver_ready() == 2  # card and reply in one batch, in order
    other_call, card_call, reply_call = delivered(standin, QUEUE)
    assert [c["text"] for c in (other_call, card_call, reply_call)] == ["other", "card", "reply"]
    assert reply_call["thread_ts"] == row(engine, card).result_ts != ""
    standin.assert_clean()


def test_a_row_whose_lease_ran_out_mid_batch_is_left_to_the_relay_that_took_it(
    engine: Engine, standin: SlackStandIn
) -> None:
    first, *_ = queue(engine, *({"channel": QUEUE, "text": t} for t in TEXTS))
    second = Deliverer(engine, client(standin.url))
    taken_over: list[int] = []

    def lease_runs_out() -> None:  # while the first relay's call to Slack is slow
        expire_leases(engine, but=first)
        taken_over.append(second.deliver_ready())

    slow = Deliverer(engine, Hooked(standin.url, lease_runs_out, nth=1, before=False))
    assert slow.deliver_ready() == 1
    assert taken_over == [3]
    assert sent_texts(standin) == Counter(TEXTS)
    assert [(r.status, r.attempts) for r in all_rows(engine)] == [("sent", 1)] * 4
    standin.assert_clean()


def test_after_a_crash_mid_batch_only_the_unsent_rows_are_sent(
    engine: Engine, standin: SlackStandIn
) -> None:
    queue(engine, *({"channel": QUEUE, "text": t} for t in TEXTS))

    def crash() -> None:
        raise RuntimeError("the process died")

    dying = Deliverer(engine, Hooked(standin.url, crash, nth=2, before=True))
    with pytest.raises(RuntimeError):
        dying.deliver_ready()
    assert [(r.status, r.attempts) for r in all_rows(engine)] == [
        ("sent", 1),
        ("sending", 1),  # its call had started
        ("sending", 0),  # claimed in the batch, never tried
        ("sending", 0),
    ]

    expire_leases(engine)
    assert Deliverer(engine, client(standin.url)).deliver_ready() == 3
    assert sent_texts(standin) == Counter(TEXTS)
    assert [(r.status, r.attempts) for r in all_rows(engine)] == [
        ("sent", 1),
        ("sent", 2),
        ("sent", 1),
        ("sent", 1),
    ]
    standin.assert_clean()


def test_with_pacing_on_a_batch_takes_only_the_oldest_message_to_each_channel(
    engine: Engine,
) -> None:
    first, _, elsewhere, _ = queue(
        engine,
        {"channel": QUEUE, "text": "first"},
        {"channel": QUEUE, "text": "second"},
        {"channel": ESCALATIONS, "text": "elsewhere"},
        {"channel": ESCALATIONS, "text": "elsewhere again"},
    )
    with Session(engine) as session:
        paced = [r.id for r in leases.claim_due(session, LEASE, 10, paced=True)[0]]
        session.rollback()
        unpaced = [r.id for r in leases.claim_due(session, LEASE, 10, paced=False)[0]]
        session.rollback()

    assert paced == [first, elsewhere]  # the next would only wait for its channel's slot
    assert len(unpaced) == 4
