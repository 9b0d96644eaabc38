"""About one message per second per channel, kept in the database so every process shares it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from bot.storage.tables import ChannelPaceRow, OutboxRow
from bot.storage.upserts import dialect_insert

PACE = ChannelPaceRow.__table__  # type: ignore[attr-defined]


class Pacer:
    """Spaces messages to one channel (a DM: to one user) `pace` apart; edits are not paced."""

    def __init__(self, pace: timedelta) -> None:
        self.pace = pace

    def next_slot(self, session: Session, row: OutboxRow) -> datetime | None:
        """Take the channel's slot for `row` (None), or say when the next slot opens."""
        channel = self._channel(row)
        now = datetime.now(UTC)
        if not channel or _advance(session, row.team_id, channel, now + self.pace, now):
            return None
        return session.exec(
            select(ChannelPaceRow.next_at).where(
                col(ChannelPaceRow.team_id) == row.team_id, col(ChannelPaceRow.channel) == channel
            )
        ).one()

    def hold(self, session: Session, row: OutboxRow, until: datetime) -> None:
        """No message to `row`'s channel before `until` (Slack answered Retry-After)."""
        if channel := self._channel(row):
            _advance(session, row.team_id, channel, until, until)

    def _channel(self, row: OutboxRow) -> str:
        """The pacing key of a message (its channel, or a DM's user); "" when not paced."""
        return row.paced_channel if self.pace else ""


def _advance(
    session: Session, team_id: str, channel: str, until: datetime, if_by: datetime
) -> bool:
    """Set the channel's next_at to `until` if it is at most `if_by` (one race-free upsert)."""
    insert = dialect_insert(session, PACE).values(team_id=team_id, channel=channel, next_at=until)
    upsert = insert.on_conflict_do_update(
        index_elements=[PACE.c.team_id, PACE.c.channel],
        set_={"next_at": insert.excluded.next_at},
        where=PACE.c.next_at <= if_by,
    )
    return session.execute(upsert.returning(PACE.c.next_at)).first() is not None
