"""SIGTERM while Slack is slow: the worker finishes the call in flight, hands back the rest of
its batch untried, claims no more, exits 0."""

from __future__ import annotations

import signal
import time

from bot.devkit.standin import SlackStandIn
from tests.faults.conftest import Workers
from tests.faults.support import (
    FOREVER,
    in_flight,
    outbox,
    queue_messages,
    to_channels,
    under_way,
)
from tests.processes import wait_until

LEASE = 60.0  # the default
TEXTS = ["m0", "m1", "m2", "m3"]


def test_sigterm_lets_the_call_in_flight_finish_and_leaves_the_rest_pending(
    workers: Workers, standin: SlackStandIn, database_url: str
) -> None:
    standin.inject("*", status=200, delay=1.5, times=FOREVER)
    queue_messages(database_url, *to_channels(TEXTS))
    [worker] = workers.start()

    assert wait_until(lambda: bool(in_flight(database_url, LEASE, claimed_within=0.5)), 10)
    [held] = under_way(database_url)  # a 1.5 s call, under way for at most 0.5 s
    signalled = time.monotonic()
    worker.send_signal(signal.SIGTERM)

    assert worker.wait(timeout=10) == 0, workers.logs()
    assert time.monotonic() - signalled < 5  # the one call, not the whole queue
    assert "worker stopped" in workers.logs()
    rows = outbox(database_url)
    done = [row.payload["text"] for row in rows if row.status == "sent"]
    assert done == TEXTS[: len(done)]
    assert done[-1] == held  # finished, and nothing claimed after the signal
    left = rows[len(done) :]
    assert [(row.status, row.attempts) for row in left] == [("pending", 0)] * len(left)
    assert len(standin.calls_to("chat.postMessage")) == len(done)
    standin.assert_clean()
