"""About one message per second per channel, kept in the database so every process shares it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Connection, bindparam, select

from bot.outbox.statements import PACE
from bot.storage.tables import OutboxRow
from bot.storage.upserts import insert_for

CHANNEL = (PACE.c.team_id == bindparam("team"), PACE.c.channel == bindparam("channel"))
NEXT_AT = select(PACE.c.next_at).where(*CHANNEL)


class Pacer:
    """Spaces messages to one channel (a DM: to one user) `pace` apart; edits are not paced."""

    def __init__(self, pace: timedelta) -> None:
        self.pace = pace

    def next_slot(self, connection: Connection, row: OutboxRow) -> datetime | None:
        """Take the channel's slot for `row` (None), or say when the next slot opens."""
        channel = self._channel(row)
        now = datetime.now(UTC)
        if not channel or _advance(connection, row.team_id, channel, now + self.pace, now):
            return None
        params = {"team": row.team_id, "channel": channel}
        next_at: datetime = connection.execute(NEXT_AT, params).scalar_one()
        return next_at

    def hold(self, connection: Connection, row: OutboxRow, until: datetime) -> None:
        """No message to `row`'s channel before `until` (Slack answered Retry-After)."""
        if channel := self._channel(row):
            _advance(connection, row.team_id, channel, until, until)

    def _channel(self, row: OutboxRow) -> str:
        """The pacing key of a message (its channel, or a DM's user); "" when not paced."""
        return row.paced_channel if self.pace else ""


def _advance(
    connection: Connection, team_id: str, channel: str, until: datetime, if_by: datetime
) -> bool:
    """Set the channel's next_at to `until` if it is at most `if_by` (one race-free upsert)."""
    params = {"team": team_id, "channel": channel, "until": until, "if_by": if_by}
    return connection.execute(_upsert(connection.dialect.name), params).first() is not None


@cache
def _upsert(dialect: str) -> Any:
    """The pace upsert for `dialect`, built once (SQLite and PostgreSQL spell it alike)."""
    insert = insert_for(dialect)(PACE).values(
        team_id=bindparam("team"), channel=bindparam("channel"), next_at=bindparam("until")
    )
    return insert.on_conflict_do_update(
        index_elements=[PACE.c.team_id, PACE.c.channel],
        set_={"next_at": insert.excluded.next_at},
        where=PACE.c.next_at <= bindparam("if_by"),
    ).returning(PACE.c.next_at)
