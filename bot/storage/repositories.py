"""SQL implementations of the repositories the services use."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Table, bindparam, insert, text, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.domain.task import OPEN_STATUSES, Priority, Status, Task, task_code
from bot.services.ports import NewTask, Workload
from bot.storage.tables import IS_OPEN, TaskEventRow, TaskRow, TeamRow

# Core tables: single statements skip the ORM's bulk-persistence machinery (a few ms each).
TASKS: Table = TaskRow.__table__  # type: ignore[attr-defined]
TEAMS: Table = TeamRow.__table__  # type: ignore[attr-defined]
EVENTS: Table = TaskEventRow.__table__  # type: ignore[attr-defined]
# Statements built once and executed with parameters: building one per call (`.values(...)`)
# costs several times the execution itself (SQLAlchemy derives a cache key from each).
NEXT_NUMBER = (
    update(TEAMS)
    .where(TEAMS.c.team_id == bindparam("team"))
    .values(next_task_number=TEAMS.c.next_task_number + 1)
    .returning(TEAMS.c.next_task_number)
)
ADD_TASK = insert(TASKS).returning(*TASKS.c)
TASK_BY_ID = TASKS.select().where(TASKS.c.id == bindparam("task"))  # Core: the ORM costs ~15x
GUARDED = (
    update(TASKS)  # SET: the columns named in the parameters
    .where(TASKS.c.id == bindparam("guard_id"), TASKS.c.status == bindparam("guard_status"))
    .returning(*TASKS.c)
)
# One round trip: open tasks per assignee (index: team, status), then for each assistant of a
# JSON list its latest `assigned_at` (one probe of ix_tasks_team_assignee_assigned each).
WORKLOAD_SQL = """
SELECT assignee_id AS who, count(*) AS n, NULL AS last_at FROM tasks {index}
WHERE team_id = :team AND {is_open} AND assignee_id IS NOT NULL GROUP BY assignee_id
UNION ALL
SELECT a.who, NULL,
    (SELECT max(assigned_at) FROM tasks WHERE team_id = :team AND assignee_id = a.who)
FROM {assistants}
"""
WORKLOAD = {  # by dialect: SQLite's planner would read every task of the team without the hint
    # (the open statuses spelled out: an expanding IN is rewritten at every execution)
    dialect: text(
        WORKLOAD_SQL.format(index=index, assistants=assistants, is_open=IS_OPEN.text)
    ).columns(who=String, n=Integer, last_at=TASKS.c.assigned_at.type)
    for dialect, index, assistants in (
        (
            "sqlite",
            "INDEXED BY ix_tasks_team_status_due",
            "(SELECT value AS who FROM json_each(:who)) AS a",
        ),
        ("postgresql", "", "json_array_elements_text(CAST(:who AS json)) AS a(who)"),
    )
}
EMPTY_TEXT = {
    "channel_id": "",
    "thread_ts": "",
    "resolution": "",
    "return_reason": "",
    "answer": "",
}


def to_task(row: Any) -> Task:
    """A domain Task from a TaskRow or a result row with the same columns."""
    assert row.id is not None
    return Task(
        id=row.id,
        team_id=row.team_id,
        code=row.code,
        type_id=row.type_id,
        priority=Priority(row.priority),
        status=Status(row.status),
        requester_id=row.requester_id,
        assignee_id=row.assignee_id,
        title=row.title,
        details=row.details,
        patient_ref=row.patient_ref,
        due_at=row.due_at,
        created_at=row.created_at,
        claimed_at=row.claimed_at,
        closed_at=row.closed_at,
        source_permalink=row.source_permalink,
        channel_id=row.channel_id,
        thread_ts=row.thread_ts,
        resolution=row.resolution,
        return_reason=row.return_reason,
        answer=row.answer,
        snoozed_until=row.snoozed_until,
        assigned_at=row.assigned_at,
        clock_target_at=row.clock_target_at,
        clock_epoch=row.clock_epoch,
        next_check_at=row.next_check_at,
        last_activity_at=row.last_activity_at,
        redacted_at=row.redacted_at,
    )


class SqlTaskRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _next_number(self, team_id: str) -> int:
        number = (
            self.session.connection().execute(NEXT_NUMBER, {"team": team_id}).scalar_one_or_none()
        )
        if number is None:
            raise LookupError(f"team {team_id} is not set up; run the config sync first")
        return int(number) - 1

    def add(self, new: NewTask) -> Task:
        number = self._next_number(new.team_id)
        values = {k: getattr(new, k) for k in NewTask.__dataclass_fields__} | EMPTY_TEXT
        values |= {
            "number": number,
            "code": task_code(number),
            "assigned_at": new.created_at if new.assignee_id else None,
        }
        return to_task(self.session.connection().execute(ADD_TASK, values).one())

    def get(self, team_id: str, code: str) -> Task | None:
        query = select(TaskRow).where(TaskRow.team_id == team_id, TaskRow.code == code.upper())
        row = self.session.exec(query).first()
        return to_task(row) if row else None

    def get_by_id(self, task_id: int) -> Task | None:
        row = self.session.connection().execute(TASK_BY_ID, {"task": task_id}).first()
        return to_task(row) if row else None

    def lock_due(self, task_ids: Collection[int], now: datetime) -> dict[int, Task]:
        """Those of `task_ids` still due at `now`, locked until the transaction ends; on
        PostgreSQL rows another transaction holds are skipped (SQLite's writer lock already
        serializes write transactions)."""
        query = (
            sa_select(TASKS)
            .where(TASKS.c.id.in_(task_ids), TASKS.c.next_check_at <= now)
            .with_for_update(skip_locked=True)
        )
        rows = self.session.connection().execute(query)
        return {task.id: task for task in map(to_task, rows)}

    def by_thread(self, team_id: str, channel_id: str, thread_ts: str) -> Task | None:
        query = select(TaskRow).where(
            TaskRow.team_id == team_id,
            TaskRow.channel_id == channel_id,
            TaskRow.thread_ts == thread_ts,
        )
        row = self.session.exec(query).first()
        return to_task(row) if row else None

    def held_by_others(self, team_id: str, keep: frozenset[str]) -> list[Task]:
        """Open tasks whose assignee is not among `keep` (the active assistants)."""
        query = select(TaskRow).where(
            TaskRow.team_id == team_id,
            col(TaskRow.status).in_(OPEN_STATUSES),
            col(TaskRow.assignee_id).is_not(None),
            col(TaskRow.assignee_id).not_in(keep),
        )
        return [to_task(row) for row in self.session.exec(query.order_by(col(TaskRow.id)))]

    def transition(
        self, task_id: int, expected: Status, changes: Mapping[str, object]
    ) -> Task | None:
        """Apply `changes` only if the task is still in `expected` status (guarded update)."""
        guard = {"guard_id": task_id, "guard_status": expected.value}
        row = self.session.connection().execute(GUARDED, guard | dict(changes)).first()
        self.session.expire_all()  # rows the session read before are stale now
        return to_task(row) if row else None

    def due_for_check(self, team_id: str, now: datetime, *, limit: int) -> list[Task]:
        """Open tasks whose next check is due, earliest first."""
        return [
            to_task(row) for row in self.session.exec(self.due_query(team_id, now, limit=limit))
        ]

    @staticmethod
    def due_query(team_id: str, now: datetime, *, limit: int) -> Any:
        """The sweep's query (index: team, next_check_at); closed tasks hold NULL there."""
        return (
            select(TaskRow)
            .where(TaskRow.team_id == team_id, col(TaskRow.next_check_at) <= now)
            .order_by(col(TaskRow.next_check_at))
            .limit(limit)
        )

    def set_next_checks(self, moves: Sequence[tuple[Task, datetime | None]]) -> bool:
        """Move each task's next check (one round trip); False unless every task was as read
        (status and clock epoch)."""
        guarded = (
            update(TASKS)
            .where(
                TASKS.c.id == bindparam("b_id"),
                TASKS.c.status == bindparam("b_status"),
                TASKS.c.clock_epoch == bindparam("b_epoch"),
            )
            .values(next_check_at=bindparam("b_next", type_=TASKS.c.next_check_at.type))
        )
        rows = [
            {"b_id": t.id, "b_status": t.status.value, "b_epoch": t.clock_epoch, "b_next": at}
            for t, at in moves
        ]
        return not rows or self.session.connection().execute(guarded, rows).rowcount == len(rows)

    def record_activity(self, task: Task, now: datetime) -> bool:
        """The claimer acted: their lease runs from `now` (only while they still hold it)."""
        guarded = (
            update(TASKS)
            .where(
                TASKS.c.id == task.id,
                TASKS.c.status == Status.CLAIMED.value,
                TASKS.c.assignee_id == task.assignee_id,
            )
            .values(last_activity_at=now)
        )
        return self.session.connection().execute(guarded).rowcount == 1

    def workload(self, team_id: str, assistants: Collection[str]) -> Workload:
        """Open tasks per assignee, and when each of `assistants` was last given one.

        One statement that reads indexes, not history: open tasks by status, and one index
        probe per assistant for the latest `assigned_at`.
        """
        connection = self.session.connection()
        params = {"team": team_id, "who": json.dumps(list(assistants))}
        rows = connection.execute(WORKLOAD[connection.dialect.name], params).all()
        return Workload(
            open_counts={who: int(n) for who, n, _ in rows if n is not None},
            last_assigned={who: at for who, n, at in rows if n is None and at is not None},
        )
