"""Two workers relaying at once: each message is sent once, each thread in order."""

from __future__ import annotations

import signal

from bot.devkit.standin import SlackStandIn
from tests.faults.conftest import Workers
from tests.faults.support import FOREVER, assert_delivered_once_in_order, drained, queue_threads
from tests.processes import wait_until


def test_two_workers_at_once_deliver_each_message_once_and_in_thread_order(
    workers: Workers, standin: SlackStandIn, database_url: str
) -> None:
    standin.inject("*", status=200, delay=0.02, times=FOREVER)  # calls overlap between workers
    queue_threads(database_url, cards=6, replies=3)
    pair = workers.start(count=2)

    assert wait_until(drained(database_url), 20), workers.logs()

    assert_delivered_once_in_order(standin, database_url)
    shares = [workers.log(worker).count(" sent") for worker in pair]
    assert all(shares), "one worker did everything"
    for worker in pair:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0, workers.logs()
    standin.assert_clean()
