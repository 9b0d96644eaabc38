"""The worker's clock: one APScheduler BackgroundScheduler running catch-up sweeps in UTC."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)

JOB_DEFAULTS = {
    "coalesce": True,  # a backlog of missed runs is one run: each sweep catches up anyway
    "misfire_grace_time": 3600,  # a late run still runs (sweeps are idempotent)
    "max_instances": 1,
}


def build_scheduler(jobs: dict[str, tuple[Callable[[], object], float]]) -> BackgroundScheduler:
    """A scheduler running each named job every `seconds`, first at start."""
    scheduler = BackgroundScheduler(timezone=UTC, job_defaults=JOB_DEFAULTS)
    for name, (job, seconds) in jobs.items():
        scheduler.add_job(
            _logged(name, job), IntervalTrigger(seconds=seconds, timezone=UTC),
            id=name, name=name, next_run_time=datetime.now(UTC),
        )  # fmt: skip
    return scheduler


def _logged(name: str, job: Callable[[], object]) -> Callable[[], None]:
    """Run `job`; log a failure without its arguments (the next run catches up)."""

    def run() -> None:
        try:
            job()
        except Exception as error:
            log.error("job %s failed: %s", name, type(error).__name__, exc_info=error)

    return run
