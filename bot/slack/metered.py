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


class MeteredNotifier(OutboxNotifier):
    """Counts tasks created and moved, escalations and digests; only what gets committed."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._counts: list[Callable[[], None]] = []
        self._listening = False

    def task_created(self, practice: Practice, task: Task, decision: RoutingDecision) -> None:
        super().task_created(practice, task, decision)
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
        if not self._listening:  # costs as much as a statement: only once there is a count
            event.listen(self.session, "after_commit", self._flush)
            event.listen(self.session, "after_rollback", self._forget)
            self._listening = True
        self._counts.append(increment)

    def _flush(self, _session: Session) -> None:
        for increment in self._counts:
            increment()
        self._counts.clear()

    def _forget(self, _session: Session) -> None:
        self._counts.clear()
