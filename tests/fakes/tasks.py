"""The task repository and the Home's task lists, in memory, with the SQL ones' guards."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import fields, replace
from datetime import datetime

from bot.domain.lifecycle import UNCLAIMED
from bot.domain.task import OPEN_STATUSES, Status, Task, task_code
from bot.services.home import TaskPage
from bot.services.ports import NewTask, Workload
from tests.fakes.store import FakeStore


class FakeTaskRepository:
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def add(self, new: NewTask) -> Task:
        number = self.store.numbers.get(new.team_id, 0) + 1
        task = Task(
            id=max(self.store.tasks, default=0) + 1,
            code=task_code(number),
            assigned_at=new.created_at if new.assignee_id else None,
            **{f.name: getattr(new, f.name) for f in fields(NewTask)},
        )
        self.store.numbers[new.team_id] = number
        self.store.tasks[task.id] = task
        return task

    def get(self, team_id: str, code: str) -> Task | None:
        return self._first(t for t in self._of(team_id) if t.code == code.upper())

    def get_by_id(self, task_id: int) -> Task | None:
        return self.store.tasks.get(task_id)

    def lock_due(self, task_ids: Collection[int], now: datetime) -> dict[int, Task]:
        """Those still due (one process: nothing to lock); first, another worker commits its
        next `meanwhile`."""
        if self.store.meanwhile:
            self.store.meanwhile.pop(0)(self.store)
        found = (self.store.tasks.get(task_id) for task_id in task_ids)
        return {t.id: t for t in found if t and t.next_check_at and t.next_check_at <= now}

    def by_thread(self, team_id: str, channel_id: str, thread_ts: str) -> Task | None:
        return self._first(
            t for t in self._of(team_id) if (t.channel_id, t.thread_ts) == (channel_id, thread_ts)
        )

    def held_by_others(self, team_id: str, keep: frozenset[str]) -> list[Task]:
        return [
            t
            for t in self._of(team_id)
            if t.status in OPEN_STATUSES and t.assignee_id and t.assignee_id not in keep
        ]

    def transition(
        self, task_id: int, expected: Status, changes: Mapping[str, object]
    ) -> Task | None:
        """Guarded like the SQL update; first, another worker commits its next `meanwhile`."""
        if self.store.meanwhile:
            self.store.meanwhile.pop(0)(self.store)
        task = self.store.tasks.get(task_id)
        if task is None or task.status is not expected:
            return None
        values = dict(changes)
        if "status" in values:
            values["status"] = Status(str(values["status"]))
        self.store.tasks[task_id] = replace(task, **values)  # type: ignore[arg-type]
        return self.store.tasks[task_id]

    def workload(self, team_id: str, assistants: Collection[str]) -> Workload:
        held = [t for t in self._of(team_id) if t.assignee_id]
        last: dict[str, datetime] = {}
        for task in held:
            if task.assigned_at and task.assignee_id in assistants:
                last[task.assignee_id] = max(
                    task.assigned_at, last.get(task.assignee_id, task.assigned_at)
                )
        counts = Counter(t.assignee_id for t in held if t.status in OPEN_STATUSES)
        return Workload(open_counts={k: v for k, v in counts.items() if k}, last_assigned=last)

    def due_for_check(self, team_id: str, now: datetime, *, limit: int) -> list[Task]:
        due = [t for t in self._of(team_id) if t.next_check_at and t.next_check_at <= now]
        return sorted(due, key=lambda t: (t.next_check_at, t.id))[:limit]

    def set_next_checks(self, moves: Sequence[tuple[Task, datetime | None]]) -> bool:
        """Guarded by status and clock epoch, like the SQL one (False if any task moved)."""
        applied = 0
        for task, next_check_at in moves:
            stored = self.store.tasks.get(task.id)
            if stored and (stored.status, stored.clock_epoch) == (task.status, task.clock_epoch):
                self.store.tasks[task.id] = replace(stored, next_check_at=next_check_at)
                applied += 1
        return applied == len(moves)

    def record_activity(self, task: Task, now: datetime) -> bool:
        """Guarded by status and claimer, like the SQL one."""
        stored = self.store.tasks.get(task.id)
        if stored is None or stored.status is not Status.CLAIMED:
            return False
        if stored.assignee_id != task.assignee_id:
            return False
        self.store.tasks[task.id] = replace(stored, last_activity_at=now)
        return True

    def _of(self, team_id: str) -> list[Task]:
        return [t for _, t in sorted(self.store.tasks.items()) if t.team_id == team_id]

    @staticmethod
    def _first(tasks: Iterable[Task]) -> Task | None:
        return next(iter(tasks), None)


class FakeTaskQueries:
    """The Home's lists: ordered by due, capped at `limit`, with the whole list's total."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def assigned_to(
        self, team_id: str, assignee_id: str, statuses: Collection[Status], *, limit: int
    ) -> TaskPage:
        return self._page(
            team_id, lambda t: t.assignee_id == assignee_id and t.status in statuses, limit
        )

    def unclaimed(self, team_id: str, type_ids: Collection[str], *, limit: int) -> TaskPage:
        return self._page(team_id, lambda t: t.status in UNCLAIMED and t.type_id in type_ids, limit)

    def requested_by(
        self, team_id: str, requester_id: str, statuses: Collection[Status], *, limit: int
    ) -> TaskPage:
        return self._page(
            team_id, lambda t: t.requester_id == requester_id and t.status in statuses, limit
        )

    def open_counts_by_status_and_type(self, team_id: str) -> Mapping[tuple[Status, str], int]:
        open_tasks = self._open(team_id)
        return dict(Counter((t.status, t.type_id) for t in open_tasks))

    def overdue(self, team_id: str, now: datetime, *, limit: int) -> TaskPage:
        return self._page(team_id, lambda t: t.status in OPEN_STATUSES and t.due_at < now, limit)

    def _open(self, team_id: str) -> list[Task]:
        return [
            t
            for t in self.store.tasks.values()
            if t.team_id == team_id and t.status in OPEN_STATUSES
        ]

    def _page(self, team_id: str, wanted: Callable[[Task], bool], limit: int) -> TaskPage:
        found = [t for t in self.store.tasks.values() if t.team_id == team_id and wanted(t)]
        found.sort(key=lambda t: (t.due_at, t.id))
        return TaskPage(tasks=found[:limit], total=len(found))
