"""The audit log and the dedupe ledger of Slack deliveries: one statement each, built once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, insert
from sqlmodel import Session

from bot.domain.task import Status, Task
from bot.storage.repositories import EVENTS
from bot.storage.tables import ProcessedEventRow
from bot.storage.upserts import insert_once

PROCESSED: Table = ProcessedEventRow.__table__  # type: ignore[attr-defined]
ADD_EVENT = insert(EVENTS)


class SqlAuditLog:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self,
        task: Task | None,
        *,
        team_id: str,
        actor_id: str,
        action: str,
        at: datetime,
        to_status: Status | None = None,
        from_status: Status | None = None,
        reason: str = "",
    ) -> None:
        event = {
            "team_id": team_id,
            "task_id": task.id if task else None,
            "actor_id": actor_id,
            "action": action,
            "from_status": from_status,
            "to_status": to_status,
            "at": at,
            "reason": reason,
        }
        self.session.connection().execute(ADD_EVENT, event)


class SqlDedupe:
    """Remembers handled Slack deliveries with a unique insert (no-op on conflict)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def first_time(self, team_id: str, key: str, now: datetime, task_id: int | None = None) -> bool:
        """Remember the key (with the task it created, if any); False if it was seen before."""
        values = {"team_id": team_id, "key": key, "seen_at": now, "task_id": task_id}
        return insert_once(self.session, PROCESSED, values, ["team_id", "key"])

    def task_for(self, team_id: str, key: str) -> int | None:
        row = self.session.get(ProcessedEventRow, (team_id, key))
        return row.task_id if row else None
