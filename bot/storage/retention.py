"""Redacting private fields of long-closed tasks, and the access log of private fields."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.domain.access import REFUSED, VIEWED, surface_in
from bot.domain.lifecycle import NEEDS_TEXT
from bot.domain.task import Task
from bot.outbox.queue import OUTBOX
from bot.services.ports import AccessEntry
from bot.storage.audit_queries import PRIVATE_READ
from bot.storage.repositories import EVENTS, TASKS, to_task
from bot.storage.tables import TaskEventRow, TaskRow

PRIVATE_FIELDS = ("details", "patient_ref", "resolution", "return_reason", "answer")
PRIVATE_NOTE_ACTIONS = sorted(action.value for action in NEEDS_TEXT)
OUTCOMES = {VIEWED: "viewed", REFUSED: "refused", PRIVATE_READ: "cli_read"}


class SqlRetention:
    def __init__(self, session: Session) -> None:
        self.session = session

    def expired(self, team_id: str, closed_before: datetime, *, limit: int) -> list[Task]:
        """Closed before the cutoff and not yet redacted, oldest id first (index: team,
        redacted_at, closed_at)."""
        query = (
            select(TaskRow)
            .where(
                TaskRow.team_id == team_id,
                col(TaskRow.redacted_at).is_(None),
                col(TaskRow.closed_at) < closed_before,
            )
            .order_by(col(TaskRow.id))
            .limit(limit)
        )
        return [to_task(row) for row in self.session.exec(query)]

    def redact(self, task_ids: list[int], closed_before: datetime, now: datetime) -> list[Task]:
        """Blank the private fields and notes of those not redacted yet; the ones this call did."""
        guarded = (
            update(TASKS)
            .where(
                TASKS.c.id.in_(task_ids),
                TASKS.c.redacted_at.is_(None),
                TASKS.c.closed_at < closed_before,
            )
            .values({**dict.fromkeys(PRIVATE_FIELDS, ""), "redacted_at": now})
            .returning(*TASKS.c)
        )
        done = [to_task(row) for row in self.session.connection().execute(guarded)]
        if done:
            self._forget_copies([task.id for task in done])
        self.session.expire_all()
        return sorted(done, key=lambda task: task.id)

    def _forget_copies(self, task_ids: list[int]) -> None:
        """Blank the notes in the tasks' audit events and the bodies of their messages that
        will not be sent (sent, or dead: a retry of a blank body fails and stays dead)."""
        notes = update(EVENTS).where(
            EVENTS.c.task_id.in_(task_ids), EVENTS.c.action.in_(PRIVATE_NOTE_ACTIONS)
        )
        sent = update(OUTBOX).where(
            OUTBOX.c.task_id.in_(task_ids), OUTBOX.c.status.in_(("sent", "dead"))
        )
        connection = self.session.connection()
        connection.execute(notes.values(reason=""))
        connection.execute(sent.values(payload={}))

    def access(self, team_id: str, actor_id: str, since: datetime) -> list[AccessEntry]:
        """Every look at private fields by `actor_id` since `since`, oldest first."""
        query = (
            select(TaskEventRow.at, TaskRow.code, TaskEventRow.action, TaskEventRow.reason)
            .outerjoin(TaskRow, col(TaskRow.id) == col(TaskEventRow.task_id))
            .where(
                TaskEventRow.team_id == team_id,
                TaskEventRow.actor_id == actor_id,
                col(TaskEventRow.action).in_(OUTCOMES),
                col(TaskEventRow.at) >= since,
            )
            .order_by(col(TaskEventRow.id))
        )
        return [
            AccessEntry(at, code or "", OUTCOMES[action], _surface(action, reason))
            for at, code, action, reason in self.session.exec(query)
        ]


def _surface(action: str, reason: str) -> str:
    return "cli" if action == PRIVATE_READ else surface_in(reason)
