"""The outbox notifier, counting what it announces once the transaction commits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import event
from sqlmodel import Session

from bot import metrics
from bot.domain.lifecycle import Action
from bot.domain.practice import Practice
from bot.domain.routing import RoutingDecision
from bot.domain.task import Task
from bot.domain.weekly import WeeklyFigures
from bot.services.digests import Digest
from bot.services.escalation_looks import Escalation
from bot.slack.notifier import OutboxNotifier

# Lifecycle actions counted as task events, by the name the metric uses.
COUNTED = {
    Action.CLAIM: "claimed",
    Action.DONE: "done",
    Action.RETURN: "returned",
    Action.CANCEL: "cancelled",
}
COUNTS = "handoff.metric_counts"  # session.info: the counts waiting for the commit


class MeteredNotifier(OutboxNotifier):
    """Counts tasks created and moved, escalations and digests; only what gets committed."""

    def task_created(
        self, practice: Practice, task: Task, decision: RoutingDecision, response_url: str = ""
    ) -> None:
        super().task_created(practice, task, decision, response_url)
        self._count(metrics.TASKS.labels("created", task.type_id).inc)

    def task_changed(
        self, practice: Practice, before: Task, after: Task, action: Action, actor_id: str
    ) -> None:
        super().task_changed(practice, before, after, action, actor_id)
        if action in COUNTED:
            self._count(metrics.TASKS.labels(COUNTED[action], after.type_id).inc)

    def escalated(self, practice: Practice, escalations: Sequence[Escalation]) -> None:
        super().escalated(practice, escalations)
        for escalation in escalations:
            self._count(metrics.ESCALATIONS.labels(str(escalation.firing.level)).inc)

    def digest(self, practice: Practice, channel: str, digest: Digest, tz: ZoneInfo) -> None:
        super().digest(practice, channel, digest, tz)
        audience = type(digest).__name__.removesuffix("Digest").lower()
        self._count(metrics.DIGESTS.labels(audience).inc)

    def weekly_digest(
        self, practice: Practice, channel: str, figures: WeeklyFigures, tz: ZoneInfo
    ) -> None:
        super().weekly_digest(practice, channel, figures, tz)
        self._count(metrics.DIGESTS.labels("weekly").inc)

    def _count(self, increment: Callable[[], None]) -> None:
        self.session.info.setdefault(COUNTS, []).append(increment)


@event.listens_for(Session, "after_commit")
def _flush(session: Session) -> None:
    """Counts what the committed transaction announced (listening per session costs as much
    as a statement: once for every session instead)."""
    for increment in session.info.pop(COUNTS, ()):
        increment()


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(COUNTS, None)
