"""The audit log and the dedupe ledger of Slack deliveries: one statement each, built once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Table, insert
from sqlmodel import Session

from bot.domain.task import Status, Task
from bot.services.ports import AuditEntry
from bot.storage.repositories import EVENTS
from bot.storage.tables import ProcessedEventRow
from bot.storage.upserts import insert_many, insert_once

PROCESSED: Table = ProcessedEventRow.__table__  # type: ignore[attr-defined]
ADD_EVENT = insert(EVENTS)
ADD_EVENTS = insert_many(EVENTS)
EVENT_COLUMNS = tuple(AuditEntry.__dataclass_fields__)


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
        entry = AuditEntry(
            task.id if task else None, team_id, actor_id, action, at, to_status, from_status,
            reason,
        )  # fmt: skip
        self.session.connection().execute(ADD_EVENT, _event(entry))

    def record_all(self, entries: Sequence[AuditEntry]) -> None:
        """Several rows in one statement, in the order given."""
        connection = self.session.connection()
        rows = [_event(entry) for entry in entries]
        connection.execute(ADD_EVENTS[connection.dialect.name], rows)


def _event(entry: AuditEntry) -> dict[str, object]:
    return {column: getattr(entry, column) for column in EVENT_COLUMNS}


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
