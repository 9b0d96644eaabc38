"""The worker's heartbeat."""

from __future__ import annotations

from bot.services.heartbeat import beat
from tests.builders import ny
from tests.fakes import FakeStore, FakeUnitOfWork


def test_a_beat_records_the_process_alive_at_now(uow: FakeUnitOfWork, store: FakeStore) -> None:
    beat(uow, ny(2026, 12, 1, 10))
    beat(uow, ny(2026, 12, 1, 10, 1))
    assert store.beats == {"worker": ny(2026, 12, 1, 10, 1)}
    assert uow.commits == 2
