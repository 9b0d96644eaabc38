"""Daily digests on fakes: once per recipient and period, empty ones skipped, dry runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest

from bot.domain.practice import DigestSchedule, Practice
from bot.services.absences import AbsenceRequest, set_absence
from bot.services.digests import send_digests
from tests.builders import JOSE, MARIA, NEW_YORK, WEEKDAYS, make_task, ny
from tests.fakes import FakeStore, FakeUnitOfWork

MANAGERS = DigestSchedule("manager", time(7, 30), WEEKDAYS, to_channel=True)
ASSISTANTS = DigestSchedule("assistant", time(8), WEEKDAYS, skip_when_empty=False)
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


def test_the_assistant_digest_is_skipped_on_a_day_off(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    """Maria's shift starts at 08:00 New York time, Jose's at 07:00; Maria is off all Tuesday."""
    practice = replace(practice, digests=(ASSISTANTS,))
    day_off = AbsenceRequest(
        "T_TEST", MARIA.slack_id, MARIA.slack_id, ny(2026, 12, 1), ny(2026, 12, 2)
    )
    set_absence(uow, practice, day_off, ny(2026, 11, 30))
    store.put(make_task())
    sent = send_digests(uow.factory, uow.factory, practice, "assistant", ny(2026, 12, 1, 8))
    skipped = {s.recipient: s.skipped for s in sent}
    assert (skipped[MARIA.slack_id], skipped[JOSE.slack_id]) == (True, False)
    assert [recipient for recipient, *_ in store.called("digest")] == [JOSE.slack_id]
