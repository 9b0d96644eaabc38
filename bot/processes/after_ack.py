"""Work a request leaves for after its ack (opening a modal), on a few threads of its own.

A slow Slack then never holds a request thread, and tests can wait until every request this
process answered has finished what it left behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

Work = Callable[[], None]
WORKERS = 4


class AfterAck:
    """Runs after-ack work off the request threads; knows when all of it is done."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="after-ack")
        self.idle = threading.Condition()
        self.open = 0  # requests answered or being answered whose work is not done yet

    def request_started(self) -> None:
        with self.idle:
            self.open += 1

    def request_finished(self, work: Work | None) -> None:
        """The response is sent: run `work` (if any) on the pool; the request is done after."""
        if work is None:
            self._done()
            return
        self.pool.submit(self._run, work)

    def _run(self, work: Work) -> None:
        try:
            work()
        finally:
            self._done()

    def _done(self) -> None:
        with self.idle:
            self.open -= 1
            self.idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """True once no request is open and no work is left (False if `timeout` ran out)."""
        with self.idle:
            return self.idle.wait_for(lambda: self.open == 0, timeout)

    def close(self) -> None:
        self.pool.shutdown(wait=True)
