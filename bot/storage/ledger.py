"""What the clock has sent, once each: notices, digests, and the worker's heartbeat."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Table
from sqlmodel import Session

from bot.services.ports import NoticeKey
from bot.storage.tables import ClockNoticeRow, DigestRunRow, HeartbeatRow
from bot.storage.upserts import dialect_insert, insert_new, insert_once

NOTICES: Table = ClockNoticeRow.__table__  # type: ignore[attr-defined]
DIGESTS: Table = DigestRunRow.__table__  # type: ignore[attr-defined]
HEARTBEATS: Table = HeartbeatRow.__table__  # type: ignore[attr-defined]
NOTICE_KEY = ["task_id", "clock", "epoch", "level", "repetition", "recipient"]  # unique


class SqlLedger:
    """Exactly-once keys for the clock's messages, enforced by unique constraints."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def first_notices(self, keys: Collection[NoticeKey], now: datetime) -> set[NoticeKey]:
        """Record reminders and escalations (one round trip); returns those not sent before."""
        rows = [vars(key) | {"sent_at": now} for key in keys]
        inserted = insert_new(self.session, NOTICES, rows, NOTICE_KEY, ["team_id", *NOTICE_KEY])
        return {NoticeKey(*row) for row in inserted}

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
