"""In-memory fakes of the ports (bot/services/ports.py) that keep state and record calls."""

from tests.fakes.notifier import RecordingNotifier
from tests.fakes.records import (
    FakeAuditLog,
    FakeDedupe,
    FakeDigestQueries,
    FakeLedger,
    FakePeople,
    FakeRetention,
)
from tests.fakes.store import AuditEvent, Call, FakeStore
from tests.fakes.tasks import FakeTaskQueries, FakeTaskRepository
from tests.fakes.uow import FakeUnitOfWork

__all__ = [
    "AuditEvent",
    "Call",
    "FakeAuditLog",
    "FakeDedupe",
    "FakeDigestQueries",
    "FakeLedger",
    "FakePeople",
    "FakeRetention",
    "FakeStore",
    "FakeTaskQueries",
    "FakeTaskRepository",
    "FakeUnitOfWork",
    "RecordingNotifier",
]
