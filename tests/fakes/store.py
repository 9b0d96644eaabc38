"""What the fakes keep: one in-memory database, shared by every unit of work opened on it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from bot.domain.absence import Absence
from bot.domain.people import Person
from bot.domain.task import Task
from bot.services.ports import AuditEntry, ChartFile

AuditEvent = AuditEntry  # one audit row as the services wrote it


@dataclass(frozen=True)
class Call:
    """One notifier call: the method's name and its arguments."""

    name: str
    args: tuple[Any, ...]


WRITTEN = frozenset(
    {"tasks", "numbers", "events", "seen", "remembered", "notices", "digest_runs", "beats"}
    | {"slack_deleted", "roster", "calls", "absences", "absences_started"}
)


@dataclass
class FakeStore:
    """The committed state; a unit of work restores it on exit unless it committed."""

    tasks: dict[int, Task] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)  # last task number per team
    events: list[AuditEvent] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)  # dedupe keys
    remembered: dict[tuple[str, str], int] = field(default_factory=dict)
    notices: dict[tuple[str, int, str, int, int, int, str], datetime] = field(default_factory=dict)
    digest_runs: dict[tuple[str, str, str, str], bool] = field(default_factory=dict)  # → skipped
    beats: dict[str, datetime] = field(default_factory=dict)
    charts: list[ChartFile] = field(default_factory=list)  # the latest weekly digest's
    slack_deleted: dict[tuple[str, str], bool] = field(default_factory=dict)
    roster: dict[tuple[str, str], Person] = field(default_factory=dict)  # people edited in Slack
    calls: list[Call] = field(default_factory=list)  # queued with the writes, like the outbox
    absences: dict[int, Absence] = field(default_factory=dict)
    absences_started: dict[int, datetime] = field(default_factory=dict)  # by absence id
    # Set by tests, not written by services (so not rolled back):
    dead_messages: int = 0
    meanwhile: list[Callable[[FakeStore], object]] = field(default_factory=list)  # see transition

    def snapshot(self) -> dict[str, Any]:
        """A copy of every container the services write (their items are immutable)."""
        return {f.name: copy.copy(getattr(self, f.name)) for f in fields(self) if f.name in WRITTEN}

    def restore(self, snapshot: dict[str, Any]) -> None:
        for name, value in snapshot.items():
            setattr(self, name, value)

    def called(self, name: str) -> list[tuple[Any, ...]]:
        """The arguments of each committed `name` call on the notifier, oldest first."""
        return [call.args for call in self.calls if call.name == name]

    def actions(self) -> list[str]:
        """The audit log's actions, oldest first."""
        return [event.action for event in self.events]

    def put(self, task: Task) -> Task:
        """Store `task` as if another transaction had committed it."""
        self.tasks[task.id] = task
        self.numbers[task.team_id] = max(self.numbers.get(task.team_id, 0), task.id)
        return task
