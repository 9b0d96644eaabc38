"""`bot worker`: the single background process; relays what the web processes left behind."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from prometheus_client import start_http_server

from bot.bootstrap import Handoff
from bot.jobs.clock import clock_jobs
from bot.jobs.scheduler import build_scheduler
from bot.outbox.relay_thread import DeliveryThread

log = logging.getLogger(__name__)

RELAY_SECONDS = 2.0  # the longest the relay sleeps; it wakes earlier when a row comes due


def run_worker(handoff: Handoff) -> None:
    """Relay the outbox until SIGTERM or SIGINT, then finish the row in flight and exit."""
    stopping = threading.Event()

    def stop(signum: int, _frame: FrameType | None) -> None:
        log.info("worker got signal %s; finishing the row in flight", signum)
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    relay = DeliveryThread(handoff.deliverer, poll_seconds=RELAY_SECONDS).start()
    port = handoff.settings.worker_metrics_port
    exporter = start_http_server(port)[0] if port else None
    scheduler = build_scheduler(clock_jobs(handoff))
    scheduler.start()
    log.info(
        "worker started: outbox relay and the clock's jobs (%s)", ", ".join(clock_jobs(handoff))
    )
    stopping.wait()
    scheduler.shutdown(wait=True)
    relay.stop()
    if exporter is not None:
        exporter.shutdown()
    handoff.close()
    log.info("worker stopped")
