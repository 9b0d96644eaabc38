"""Retention: remove the private fields of tasks closed longer ago than the practice keeps them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.domain.practice import Practice
from bot.domain.task import Task
from bot.services.ports import UnitOfWork

REDACT_BATCH = 500  # tasks per transaction: short write locks however much is due
RETENTION_ACTOR = "retention"
REDACTED = "redacted"


def retention_cutoff(practice: Practice, now: datetime) -> datetime:
    """Tasks closed before this moment have outlived the retention period."""
    return now - timedelta(days=practice.retain_private_days)


def due_for_redaction(
    uow: UnitOfWork, practice: Practice, now: datetime, *, limit: int
) -> list[Task]:
    """What a redaction as of `now` would remove (up to `limit` tasks); writes nothing."""
    with uow:
        return uow.retention.expired(practice.team_id, retention_cutoff(practice, now), limit=limit)


def redact_expired(
    uow: Callable[[], UnitOfWork],
    practice: Practice,
    now: datetime,
    *,
    batch: int = REDACT_BATCH,
) -> list[str]:
    """Redact every expired task once, a batch per transaction; the codes this run redacted."""
    cutoff = retention_cutoff(practice, now)
    redacted: list[str] = []
    while True:
        with uow() as work:
            due = work.retention.expired(practice.team_id, cutoff, limit=batch)
            if not due:
                return redacted
            done = work.retention.redact([task.id for task in due], cutoff, now)
            for task in done:
                work.audit.record(
                    task, team_id=task.team_id, actor_id=RETENTION_ACTOR, action=REDACTED, at=now,
                    reason=f"retention: {practice.retain_private_days} days",
                )  # fmt: skip
            work.commit()
        redacted += [task.code for task in done]
