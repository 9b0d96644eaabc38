"""The background sender of a process: woken after each commit, else when the next row is due."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from bot.outbox.relay import Deliverer

log = logging.getLogger(__name__)

MIN_IDLE_SECONDS = 0.05  # no busy loop while another process holds the due row
STOP_SECONDS = 15.0  # the client's 10 s timeout plus its quick reconnects


class DeliveryThread:
    """Delivers in the background; never on a request's thread, so never on the ack path."""

    def __init__(self, deliverer: Deliverer, poll_seconds: float = 2.0) -> None:
        self.deliverer = deliverer
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._held = threading.local()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-delivery", daemon=True)

    def start(self) -> DeliveryThread:
        self._thread.start()
        return self

    def kick(self) -> None:
        """Deliver now; inside a held request, once its response has been sent."""
        if getattr(self._held, "depth", 0):
            self._held.kicked = True
        else:
            self._wake.set()

    def hold(self) -> Callable[[], None]:
        """Hold this thread's kicks until the returned release() (after the ack is written)."""
        self._held.depth = getattr(self._held, "depth", 0) + 1

        def release() -> None:
            self._held.depth -= 1
            if not self._held.depth and getattr(self._held, "kicked", False):
                self._held.kicked = False
                self._wake.set()

        return release

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        """Finish the row in flight, then end the thread."""
        self._stop.set()
        self.deliverer.stop()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        idle = 0.0
        while not self._stop.is_set():
            self._wake.wait(idle)
            self._wake.clear()
            try:
                idle = self._pass()
            except Exception:
                log.exception("outbox delivery pass failed; will retry")
                idle = self.poll_seconds

    def _pass(self) -> float:
        """Deliver what is due; seconds until the next pass (none while rows go out and more
        are due)."""
        sent = self.deliverer.deliver_ready()
        idle = self.deliverer.seconds_until_due(self.poll_seconds)
        return idle if sent and not idle else max(idle, MIN_IDLE_SECONDS)
