"""Unit of work: one session, one transaction per use case; commit once or roll back."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine
from sqlmodel import Session

from bot.services.ports import Notifier
from bot.storage.absences import SqlAbsences
from bot.storage.digest_queries import SqlDigestQueries
from bot.storage.engine import reader
from bot.storage.ledger import SqlLedger
from bot.storage.people import SqlPeople
from bot.storage.queries import SqlTaskQueries
from bot.storage.records import SqlAuditLog, SqlDedupe
from bot.storage.repositories import SqlTaskRepository
from bot.storage.retention import SqlRetention


class SqlUnitOfWork:
    def __init__(
        self,
        engine: Engine,
        notifier_factory: Callable[[Session], Notifier],
        after_commit: Callable[[], None] = lambda: None,
    ) -> None:
        self.engine = engine
        self.notifier_factory = notifier_factory
        self.after_commit = after_commit

    def reads(self) -> SqlUnitOfWork:
        """A unit of work on the same database that only reads (on SQLite: no write lock)."""
        return SqlUnitOfWork(reader(self.engine), self.notifier_factory)

    def __enter__(self) -> SqlUnitOfWork:
        self.session = Session(self.engine, expire_on_commit=False)
        self.tasks = SqlTaskRepository(self.session)
        self.audit = SqlAuditLog(self.session)
        self.dedupe = SqlDedupe(self.session)
        self.notify = self.notifier_factory(self.session)
        self.queries = SqlTaskQueries(self.session)
        self.people = SqlPeople(self.session)
        self.ledger = SqlLedger(self.session)
        self.digests = SqlDigestQueries(self.session)
        self.retention = SqlRetention(self.session)
        self.absences = SqlAbsences(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()
        self.after_commit()
