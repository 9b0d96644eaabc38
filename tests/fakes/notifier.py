"""RecordingNotifier: every announcement the services make, as (method, arguments)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.domain.absence import Absence
from bot.domain.lifecycle import Action, Verdict
from bot.domain.practice import Practice
from bot.domain.routing import RoutingDecision
from bot.domain.task import Task
from bot.services.ports import ReplyTo
from tests.fakes.store import Call, FakeStore

if TYPE_CHECKING:
    from bot.services.digests import Digest
    from bot.services.escalation_looks import Escalation
    from bot.services.home import Home


class RecordingNotifier:
    """Queues each call in the store, so a rolled-back unit of work announces nothing."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def _record(self, name: str, *args: Any) -> None:
        self.store.calls.append(Call(name, args))

    def task_created(
        self, practice: Practice, task: Task, decision: RoutingDecision, response_url: str = ""
    ) -> None:
        self._record("task_created", task, decision, response_url)

    def publish_home(self, practice: Practice, user_id: str, home: Home) -> None:
        self._record("publish_home", user_id, home)

    def task_rerouted(
        self, practice: Practice, before: Task, after: Task, decision: RoutingDecision, cause: str
    ) -> None:
        self._record("task_rerouted", before, after, decision, cause)

    def escalated(self, practice: Practice, escalations: Sequence[Escalation]) -> None:
        for escalation in escalations:
            self._record("escalated", escalation)

    def lease_expired(self, practice: Practice, before: Task, after: Task) -> None:
        self._record("lease_expired", before, after)

    def digest(self, practice: Practice, channel: str, digest: Digest, tz: ZoneInfo) -> None:
        self._record("digest", channel, digest, tz)

    def people_left(self, practice: Practice, moves: list[tuple[Task, Task]]) -> None:
        self._record("people_left", moves)

    def absence_started(
        self, practice: Practice, absence: Absence, moves: list[tuple[Task, Task]],
        in_hand: list[Task],
    ) -> None:  # fmt: skip
        self._record("absence_started", absence, moves, in_hand)

    def tell(self, team_id: str, reply_to: ReplyTo, text: str) -> None:
        self._record("tell", reply_to, text)

    def task_changed(
        self, practice: Practice, before: Task, after: Task, action: Action, actor_id: str
    ) -> None:
        self._record("task_changed", before, after, action, actor_id)

    def refused(
        self, team_id: str, reply_to: ReplyTo, task: Task | None, action: Action, verdict: Verdict
    ) -> None:
        self._record("refused", reply_to, task, action, verdict)
