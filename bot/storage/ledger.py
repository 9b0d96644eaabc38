"""What the clock has sent, once each: notices, digests, and the worker's heartbeat."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from bot.storage.tables import ClockNoticeRow, DigestRunRow, HeartbeatRow

NOTICES: Table = ClockNoticeRow.__table__  # type: ignore[attr-defined]
DIGESTS: Table = DigestRunRow.__table__  # type: ignore[attr-defined]
HEARTBEATS: Table = HeartbeatRow.__table__  # type: ignore[attr-defined]


def dialect_insert(session: Session, table: Table) -> Any:
    """INSERT for the session's database, with its ON CONFLICT clauses."""
    dialect = session.get_bind().dialect.name
    return (sqlite_insert if dialect == "sqlite" else pg_insert)(table)


def insert_once(session: Session, table: Table, values: dict[str, Any], key: list[str]) -> bool:
    """Insert a row unless its unique `key` exists; True if this call inserted it."""
    statement = (
        dialect_insert(session, table)
        .values(values)
        .on_conflict_do_nothing(index_elements=key)
        .returning(table.c[key[0]])
    )
    return session.connection().execute(statement).scalar_one_or_none() is not None


class SqlLedger:
    """Exactly-once keys for the clock's messages, enforced by unique constraints."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def first_notice(
        self, *, team_id: str, task_id: int, clock: str, epoch: int, level: int,
        repetition: int, recipient: str, now: datetime,
    ) -> bool:  # fmt: skip
        """Record a reminder or escalation; False if it was sent before."""
        values = {
            "team_id": team_id, "task_id": task_id, "clock": clock, "epoch": epoch,
            "level": level, "repetition": repetition, "recipient": recipient, "sent_at": now,
        }  # fmt: skip
        key = ["task_id", "clock", "epoch", "level", "repetition", "recipient"]
        return insert_once(self.session, NOTICES, values, key)

    def first_digest(
        self, *, team_id: str, kind: str, recipient: str, period: str, now: datetime, skipped: bool
    ) -> bool:
        """Record a digest for one recipient and period; False if it was sent before."""
        values = {
            "team_id": team_id, "kind": kind, "recipient": recipient, "period": period,
            "sent_at": now, "skipped": skipped,
        }  # fmt: skip
        return insert_once(
            self.session, DIGESTS, values, ["team_id", "kind", "recipient", "period"]
        )

    def digest_recorded(self, team_id: str, kind: str, recipient: str, period: str) -> bool:
        """Whether that digest was sent (or skipped) already."""
        row = self.session.get(DigestRunRow, (team_id, kind, recipient, period))
        return row is not None

    def beat(self, process: str, now: datetime) -> None:
        """Record that `process` is alive at `now`."""
        statement = dialect_insert(self.session, HEARTBEATS).values(process=process, at=now)
        statement = statement.on_conflict_do_update(index_elements=["process"], set_={"at": now})
        self.session.connection().execute(statement)
