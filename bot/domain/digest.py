"""Digest figures for assistants and clinicians, and the input every digest is computed from.

What *happened* comes from the audit log (events in [since, until)); what is *open* comes from
the tasks as they are at `now`. Every figure is a plain count or list over those two inputs,
so a test can recount it directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.lifecycle import UNCLAIMED, Action
from bot.domain.people import Person
from bot.domain.task import OPEN_STATUSES, Status, Task

CREATED = "created"  # the audit action delegation writes; the others are lifecycle Actions


@dataclass(frozen=True)
class TaskEvent:
    """One audit row: `action` as the audit log spells it (`created`, `claim`, `done`, ...)."""

    task_id: int
    action: str
    actor_id: str
    at: datetime


@dataclass(frozen=True)
class DigestData:
    """What a digest is computed from; events outside [since, until) are ignored."""

    since: datetime
    until: datetime
    now: datetime
    tasks: Mapping[int, Task]  # every task open at `now`, and every task an event names
    events: Sequence[TaskEvent]

    def happened(self, action: str) -> Iterator[tuple[TaskEvent, Task]]:
        """Each `action` event of the period, oldest first, with its task."""
        for event in sorted(self.events, key=lambda e: e.at):
            if event.action == action and self.since <= event.at < self.until:
                yield event, self.tasks[event.task_id]

    def open_tasks(self, statuses: frozenset[Status] = OPEN_STATUSES) -> list[Task]:
        """Tasks in `statuses` (open ones by default), by due."""
        return by_due(task for task in self.tasks.values() if task.status in statuses)


@dataclass(frozen=True)
class AssistantDigest:
    """Start of shift: what I hold, what I could claim, and what came back answered."""

    since: datetime
    until: datetime
    claimed: tuple[Task, ...]  # claimed by me, by due
    unclaimed: tuple[Task, ...]  # unassigned or assigned, in my task types, by due
    answered: tuple[Task, ...]  # answered by the clinician in the period, now back with me

    @property
    def is_empty(self) -> bool:
        return not (self.claimed or self.unclaimed or self.answered)


@dataclass(frozen=True)
class ClinicianDigest:
    """End of day: done in the period, returned to me for an answer, and still open."""

    since: datetime
    until: datetime
    done: tuple[Task, ...]  # done in the period
    waiting_on_me: tuple[Task, ...]  # returned to me, by due
    still_open: tuple[Task, ...]  # my other open tasks, by due

    @property
    def is_empty(self) -> bool:
        return not (self.done or self.waiting_on_me or self.still_open)


def assistant_digest(assistant: Person, data: DigestData) -> AssistantDigest:
    """One assistant's start-of-shift digest."""
    me = assistant.slack_id
    answered = (task for _, task in data.happened(Action.ANSWER) if task.assignee_id == me)
    return AssistantDigest(
        since=data.since,
        until=data.until,
        claimed=tuple(
            t for t in data.open_tasks(frozenset({Status.CLAIMED})) if t.assignee_id == me
        ),
        unclaimed=tuple(t for t in data.open_tasks(UNCLAIMED) if t.type_id in assistant.scopes),
        answered=tuple(by_due(_unique(answered))),
    )


def clinician_digest(clinician_id: str, data: DigestData) -> ClinicianDigest:
    """One clinician's end-of-day digest, over the tasks they delegated."""
    mine = [task for task in data.open_tasks() if task.requester_id == clinician_id]
    done = (task for _, task in data.happened(Action.DONE) if task.requester_id == clinician_id)
    return ClinicianDigest(
        since=data.since,
        until=data.until,
        done=tuple(_unique(done)),
        waiting_on_me=tuple(task for task in mine if task.status is Status.RETURNED),
        still_open=tuple(task for task in mine if task.status is not Status.RETURNED),
    )


def by_due(tasks: Iterable[Task]) -> list[Task]:
    """Earliest due first; the code breaks ties so the order is stable."""
    return sorted(tasks, key=lambda task: (task.due_at, task.code))


def _unique(tasks: Iterable[Task]) -> list[Task]:
    """Each task once, in first-seen order."""
    return list({task.id: task for task in tasks}.values())
