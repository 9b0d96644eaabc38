"""Retention on SQLite and PostgreSQL: each expired task redacted exactly once, in batches."""

from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, select

from bot.config import load_practice
from bot.domain.lifecycle import Action
from bot.services.delegation import DelegationRequest, delegate
from bot.services.lifecycle import ActionRequest, perform
from bot.services.ports import ReplyTo
from bot.services.retention import due_for_redaction, redact_expired
from bot.slack.notifier import OutboxNotifier
from bot.storage.sync import sync_practice
from bot.storage.tables import OutboxRow, TaskEventRow, TaskRow
from bot.storage.uow import SqlUnitOfWork
from tests.support import JOSE, PATEL, PRACTICE_FILE, TUESDAY_10AM_NY

PRACTICE = load_practice(PRACTICE_FILE)
LATER = TUESDAY_10AM_NY + timedelta(days=95)  # past 90 days for tasks closed on day 0


def _uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine, OutboxNotifier)


def _new_task(engine: Engine, n: int) -> int:
    request = DelegationRequest(
        team_id=PRACTICE.team_id, requester_id=PATEL, type_key="insurance",
        details=f"Verify coverage for Jane Doe {n}", dedupe_key=f"seed-{n}",
        title=f"Verify coverage {n}", patient_ref=f"MRN {n}", assignee_id=JOSE,
    )  # fmt: skip
    return delegate(_uow(engine), PRACTICE, request, TUESDAY_10AM_NY).task.id


def _act(
    engine: Engine, task_id: int, actor: str, action: Action, at: datetime, text: str = ""
) -> None:
    request = ActionRequest(
        team_id=PRACTICE.team_id, actor_id=actor, task_id=task_id, action=action,
        reply_to=ReplyTo(user=actor), dedupe_key=f"{task_id}-{action}", text=text,
    )  # fmt: skip
    assert perform(_uow(engine), PRACTICE, request, at).done


@pytest.fixture
def seeded(engine: Engine) -> dict[str, int]:
    """Five tasks done on day 0, one returned then cancelled on day 0, one done on day 80, one
    still open."""
    sync_practice(engine, PRACTICE, TUESDAY_10AM_NY)
    ids: dict[str, int] = {}
    for n in range(1, 9):
        ids[f"T-{n:04d}"] = task_id = _new_task(engine, n)
        closed = TUESDAY_10AM_NY + timedelta(days=80 if n == 7 else 0, minutes=5)
        if n == 6:
            _act(engine, task_id, JOSE, Action.CLAIM, closed)
            _act(engine, task_id, JOSE, Action.RETURN, closed, "which insurer, Aetna?")
            _act(engine, task_id, PATEL, Action.CANCEL, closed, "patient moved away")
        elif n != 8:
            _act(engine, task_id, JOSE, Action.CLAIM, closed)
            _act(engine, task_id, JOSE, Action.DONE, closed, f"copay $2{n}")
    return ids


def _tasks(engine: Engine) -> dict[str, TaskRow]:
    with Session(engine) as session:
        return {row.code: row for row in session.exec(select(TaskRow))}


def _events(engine: Engine) -> list[TaskEventRow]:
    with Session(engine) as session:
        return list(session.exec(select(TaskEventRow).order_by(TaskEventRow.id)))


EXPIRED = ["T-0001", "T-0002", "T-0003", "T-0004", "T-0005", "T-0006"]


def test_redaction_blanks_private_fields_and_notes_and_keeps_the_rest(
    engine: Engine, seeded: dict[str, int]
) -> None:
    before = _tasks(engine)
    events_before = _events(engine)
    assert redact_expired(lambda: _uow(engine), PRACTICE, LATER, batch=4) == EXPIRED
    after = _tasks(engine)
    for code in EXPIRED:
        row, old = after[code], before[code]
        assert (row.details, row.patient_ref, row.resolution, row.return_reason, row.answer) == (
            ("",) * 5
        )
        assert row.redacted_at == LATER
        kept = ("code", "type_id", "title", "status", "requester_id", "assignee_id", "closed_at")
        assert [getattr(row, f) for f in kept] == [getattr(old, f) for f in kept]
    for code in ("T-0007", "T-0008"):  # closed 15 days ago; open
        assert after[code] == before[code]
    events = _events(engine)
    redacted = [e for e in events if e.action == "redacted"]
    assert [(e.task_id, e.actor_id, e.reason, e.at) for e in redacted] == [
        (seeded[code], "retention", "retention: 90 days", LATER) for code in EXPIRED
    ]
    kept_events = events[: len(events_before)]
    assert [(e.id, e.action, e.at) for e in kept_events] == [
        (e.id, e.action, e.at) for e in events_before
    ]
    notes = {e.task_id: e.reason for e in kept_events if e.action in ("done", "cancel")}
    assert notes == {**{seeded[c]: "" for c in EXPIRED}, seeded["T-0007"]: "copay $27"}
    assert [e.reason for e in kept_events if e.action == "return"] == [""]


@pytest.mark.parametrize("status", ["sent", "dead"])
def test_the_messages_of_a_redacted_task_no_longer_hold_its_notes(
    engine: Engine, seeded: dict[str, int], status: str
) -> None:
    """Reproduction: the return reason stayed in the outbox row of the DM to the clinician
    (sent; or dead, where `bot outbox retry --dead` would have sent it after the period)."""
    with Session(engine) as session:
        session.execute(update(OutboxRow).values(status=status))  # as the relay leaves them
        session.commit()
    assert "Aetna" in json.dumps([row.payload for row in _outbox(engine)])
    redact_expired(lambda: _uow(engine), PRACTICE, LATER)
    rows = _outbox(engine)
    assert "Aetna" not in json.dumps([row.payload for row in rows])
    kept = [row for row in rows if row.task_id == seeded["T-0007"]]
    assert kept
    assert all(row.payload for row in kept)


def _outbox(engine: Engine) -> list[OutboxRow]:
    with Session(engine) as session:
        return list(session.exec(select(OutboxRow).order_by(OutboxRow.id)))


def test_two_concurrent_runs_and_a_rerun_redact_each_task_exactly_once(
    engine: Engine, seeded: dict[str, int]
) -> None:
    start = threading.Barrier(2)
    results: list[list[str]] = []

    def run() -> None:
        start.wait(timeout=10)
        results.append(redact_expired(lambda: _uow(engine), PRACTICE, LATER, batch=1))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 2
    assert sorted(results[0] + results[1]) == EXPIRED  # each task by exactly one run
    assert redact_expired(lambda: _uow(engine), PRACTICE, LATER + timedelta(days=1)) == []
    counts = Counter(e.task_id for e in _events(engine) if e.action == "redacted")
    assert counts == Counter({seeded[code]: 1 for code in EXPIRED})


def test_a_dry_run_lists_what_would_go_and_writes_nothing(
    engine: Engine, seeded: dict[str, int]
) -> None:
    before, events_before = _tasks(engine), _events(engine)
    due = due_for_redaction(_uow(engine), PRACTICE, LATER, limit=100)
    assert [task.code for task in due] == EXPIRED
    assert (_tasks(engine), _events(engine)) == (before, events_before)
