"""SIGKILL mid-batch, then a restart: the rest is delivered, at most the call in flight twice.

The killed worker holds its claimed batch; of those rows only the one whose call had started
may reach Slack twice, and only it shows two attempts."""

from __future__ import annotations

from collections import Counter

from bot.devkit.standin import SlackStandIn
from tests.faults.conftest import Workers
from tests.faults.support import (
    FOREVER,
    accepted,
    drained,
    in_flight,
    outbox,
    queue_messages,
    to_channels,
    under_way,
)
from tests.processes import wait_until

LEASE_SECONDS = 2  # a dead worker's row is retried after 2 s
LEASE = {"HANDOFF_OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS)}
SLOW = 0.5  # seconds Slack takes per call
TEXTS = [f"m{i}" for i in range(8)]


def test_a_killed_worker_is_replaced_and_only_its_call_in_flight_may_repeat(
    workers: Workers, standin: SlackStandIn, database_url: str
) -> None:
    standin.inject("*", status=200, delay=SLOW, times=FOREVER)
    queue_messages(database_url, *to_channels(TEXTS))
    [first] = workers.start(env=LEASE)

    def mid_call() -> bool:  # a row claimed so recently that its call is still under way
        held = in_flight(database_url, LEASE_SECONDS, claimed_within=SLOW / 2)
        return len(accepted(standin)) >= 2 and bool(held)

    mid_batch = wait_until(mid_call, 15)
    assert mid_batch, workers.logs()
    first.kill()
    first.wait(timeout=10)
    held = in_flight(database_url, LEASE_SECONDS)
    [calling] = under_way(database_url)
    assert calling in held
    standin.clear_faults()

    workers.start(env=LEASE)
    assert wait_until(drained(database_url), 15), workers.logs()

    times = Counter(call.args["text"] for call in accepted(standin))
    assert set(times) == set(TEXTS)
    assert {text for text, n in times.items() if n > 1} <= {calling}
    rows = outbox(database_url)
    assert {row.status for row in rows} == {"sent"}
    attempts = {row.payload["text"]: row.attempts for row in rows if row.payload["text"] in held}
    assert attempts == {text: 2 if text == calling else 1 for text in held}
    standin.assert_clean()
