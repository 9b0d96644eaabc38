"""`bot worker`: the single background process; relays what the web processes left behind."""

from __future__ import annotations

import logging
import signal
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler

from bot.bootstrap import Handoff

log = logging.getLogger(__name__)

RELAY_SECONDS = 2


def run_worker(handoff: Handoff) -> None:
    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(
        handoff.deliverer.deliver_ready,
        "interval",
        seconds=RELAY_SECONDS,
        id="outbox_relay",
        max_instances=1,
        coalesce=True,
    )

    def stop(signum: int, _frame: FrameType | None) -> None:
        log.info("worker got signal %s; finishing the current batch", signum)
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("worker started: outbox relay every %ss", RELAY_SECONDS)
    scheduler.start()
    handoff.close()
    log.info("worker stopped")
