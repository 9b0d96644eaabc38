"""The worker's heartbeat: proof for operators (and `bot doctor`) that the clock is running."""

from __future__ import annotations

from datetime import datetime

from bot.services.ports import UnitOfWork

WORKER = "worker"


def beat(uow: UnitOfWork, now: datetime, process: str = WORKER) -> None:
    """Record that `process` is alive at `now`."""
    with uow:
        uow.ledger.beat(process, now)
        uow.commit()
