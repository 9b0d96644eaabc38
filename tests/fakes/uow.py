"""FakeUnitOfWork: the ports over a FakeStore; leaving without commit discards what it wrote."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from tests.fakes.notifier import RecordingNotifier
from tests.fakes.records import (
    FakeAbsences,
    FakeAuditLog,
    FakeDedupe,
    FakeDigestQueries,
    FakeLedger,
    FakePeople,
    FakeRetention,
)
from tests.fakes.store import FakeStore
from tests.fakes.tasks import FakeTaskQueries, FakeTaskRepository


class FakeUnitOfWork:
    """One transaction over `store`; open several on one store to play separate sessions."""

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store if store is not None else FakeStore()
        self.tasks = FakeTaskRepository(self.store)
        self.audit = FakeAuditLog(self.store)
        self.dedupe = FakeDedupe(self.store)
        self.notify = RecordingNotifier(self.store)
        self.queries = FakeTaskQueries(self.store)
        self.people = FakePeople(self.store)
        self.ledger = FakeLedger(self.store)
        self.digests = FakeDigestQueries(self.store)
        self.absences = FakeAbsences(self.store)
        self.retention = FakeRetention(self.store)
        self.commits = 0
        self.reads_opened = 0
        self._committed: dict[str, Any] = {}

    def __enter__(self) -> FakeUnitOfWork:
        self._committed = self.store.snapshot()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.store.restore(self._committed)

    def commit(self) -> None:
        self._committed = self.store.snapshot()
        self.commits += 1

    def reads(self) -> FakeUnitOfWork:
        """A reading unit of work on the same store (counted, so tests can see the phase)."""
        self.reads_opened += 1
        return FakeUnitOfWork(self.store)

    def factory(self) -> FakeUnitOfWork:
        """A new unit of work on the same store (for services that open one per step)."""
        return FakeUnitOfWork(self.store)
