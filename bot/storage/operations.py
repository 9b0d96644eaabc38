"""What operators check in the database: schema revision, outbox health, heartbeats."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from bot.services.ports import OutboxHealth, SchemaState
from bot.storage.engine import database_reachable, reader
from bot.storage.migrate import schema_revisions
from bot.storage.tables import HeartbeatRow, OutboxRow

WAITING = ("pending", "sending")


class SqlOperationsStore:
    """The OperationsStore port on an engine; reads only."""

    def __init__(self, engine: Engine) -> None:
        self.engine = reader(engine)

    def reachable(self) -> bool:
        return database_reachable(self.engine)

    def schema(self) -> SchemaState:
        current, head = schema_revisions(self.engine)
        return SchemaState(current, head)

    def outbox(self) -> OutboxHealth:
        with Session(self.engine) as session:
            return outbox_health(session)

    def heartbeat(self, process: str) -> datetime | None:
        with Session(self.engine) as session:
            query = select(HeartbeatRow.at).where(col(HeartbeatRow.process) == process)
            return session.exec(query).first()


def outbox_health(session: Session) -> OutboxHealth:
    """Rows still to send, rows given up on, and when the oldest row still to send was queued."""
    waiting = col(OutboxRow.status).in_(WAITING)
    query = select(
        func.count().filter(waiting),
        func.count().filter(col(OutboxRow.status) == "dead"),
        func.min(OutboxRow.created_at).filter(waiting),
    )
    pending, dead, oldest = session.exec(query).one()
    return OutboxHealth(int(pending), int(dead), oldest)
