"""Daily digests on fakes: once per recipient and period, empty ones skipped, dry runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest

from bot.domain.practice import DigestSchedule, Practice
from bot.services.digests import send_digests
from tests.builders import NEW_YORK, WEEKDAYS, make_task, ny
from tests.fakes import FakeStore, FakeUnitOfWork

MANAGERS = DigestSchedule("manager", time(7, 30), WEEKDAYS, to_channel=True)
AT = ny(2026, 12, 1, 7, 30)  # Tuesday


@pytest.fixture
def practice(practice: Practice) -> Practice:
    return replace(practice, digests=(MANAGERS,))


def send(uow: FakeUnitOfWork, practice: Practice, *, dry_run: bool = False) -> list[str]:
    sent = send_digests(uow.factory, uow.factory, practice, "manager", AT, dry_run=dry_run)
    return [f"{s.recipient} {s.period.key} {'skipped' if s.skipped else 'sent'}" for s in sent]


def test_the_manager_digest_goes_to_the_channel_once_per_period(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    store.put(make_task())
    assert send(uow, practice) == ["C_DIGEST 2026-12-01 sent"]
    assert send(uow, practice) == []
    [(channel, digest, tz)] = store.called("digest")
    assert (channel, digest.open_total, tz) == ("C_DIGEST", 1, NEW_YORK)


def test_an_empty_digest_is_recorded_as_skipped_and_not_sent(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    assert send(uow, practice) == ["C_DIGEST 2026-12-01 skipped"]
    assert store.digest_runs == {("T_TEST", "manager", "C_DIGEST", "2026-12-01"): True}
    assert store.calls == []


def test_a_dry_run_computes_the_digest_and_records_nothing(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    store.put(make_task())
    assert send(uow, practice, dry_run=True) == ["C_DIGEST 2026-12-01 sent"]
    assert (store.digest_runs, store.calls) == ({}, [])


def test_an_audience_without_a_schedule_sends_nothing(
    uow: FakeUnitOfWork, practice: Practice
) -> None:
    assert send_digests(uow.factory, uow.factory, practice, "clinician", AT) == []
