"""`bot outbox` and `bot outbox retry` on SQLite and PostgreSQL, run in-process."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from bot.cli import main
from bot.config import load_practice
from bot.outbox.queue import RESPONSE_URL, enqueue
from bot.services.delegation import DelegationRequest, delegate
from bot.slack.notifier import OutboxNotifier
from bot.storage.sync import sync_practice
from bot.storage.tables import OutboxRow
from bot.storage.uow import SqlUnitOfWork
from tests.support import JOSE, PATEL, PRACTICE_FILE, QUEUE, TUESDAY_10AM_NY

PRACTICE = load_practice(PRACTICE_FILE)
TEAM = PRACTICE.team_id
HEADER = ["ID", "TEAM", "TASK", "METHOD", "TO", "STATUS", "ATTEMPTS", "NOT BEFORE", "LAST ERROR"]
LATER = datetime(2999, 12, 1, 15, 5, tzinfo=UTC)  # after any time the tests run
AT = "2999-12-01 15:05:00Z"
POST = "chat.postMessage"


def _seed(engine: Engine) -> None:
    """T-0001's card (dead), thread line and DM (pending); a reply (dead); an old sent post."""
    sync_practice(engine, PRACTICE, TUESDAY_10AM_NY)
    request = DelegationRequest(
        team_id=TEAM,
        requester_id=PATEL,
        type_key="insurance",
        details="Verify coverage for Jane Doe",
        dedupe_key="seed",
        title="Verify coverage",
        assignee_id=JOSE,
    )
    delegate(SqlUnitOfWork(engine, OutboxNotifier), PRACTICE, request, TUESDAY_10AM_NY)
    with Session(engine) as session:
        reply = {"response_url": "https://hooks.example/secret", "text": "Jane Doe"}
        enqueue(session, team_id=TEAM, method=RESPONSE_URL, payload=reply)
        enqueue(session, team_id=TEAM, method="chat.postMessage", payload={"channel": QUEUE})
        session.execute(update(OutboxRow).values(not_before=LATER))
        _set(session, 1, status="dead", attempts=8, last_error="200 channel_not_found")
        _set(session, 4, status="dead", attempts=1, last_error="0 URLError: refused")
        _set(session, 5, status="sent", attempts=1)
        session.commit()


def _set(session: Session, row_id: int, **values: object) -> None:
    session.execute(update(OutboxRow).where(col(OutboxRow.id) == row_id).values(**values))


def _rows(engine: Engine) -> dict[int, OutboxRow]:
    with Session(engine) as session:
        return {r.id or 0: r for r in session.exec(select(OutboxRow))}


@pytest.fixture(autouse=True)
def seeded(engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The database seeded, with DATABASE_URL pointing at it."""
    _seed(engine)
    monkeypatch.setenv("DATABASE_URL", database_url)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["outbox", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_list_shows_pending_and_dead_rows_but_never_what_they_say(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys)

    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert re.split(r"\s{2,}", lines[0]) == HEADER
    assert [re.split(r"\s{2,}", line) for line in lines[1:-1]] == [
        ["1", TEAM, "T-0001", POST, QUEUE, "dead", "8", AT, "200 channel_not_found"],
        ["2", TEAM, "T-0001", POST, QUEUE, "pending", "0", AT, "-"],
        ["3", TEAM, "T-0001", POST, JOSE, "pending", "0", AT, "-"],
        ["4", TEAM, "-", RESPONSE_URL, "-", "dead", "1", AT, "0 URLError: refused"],
    ]
    assert lines[-1] == "2 pending, 2 dead"
    for private in ("Jane", "Verify coverage", "hooks.example", "secret"):
        assert private not in out


def test_retry_requeues_one_dead_row_now_and_keeps_its_last_error(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    before = datetime.now(UTC)
    assert run(capsys, "retry", "1") == (0, "requeued outbox #1\n", "")

    rows = _rows(engine)
    retried = rows[1]
    assert (retried.status, retried.attempts, retried.lease_until) == ("pending", 0, None)
    assert before <= retried.not_before <= datetime.now(UTC)
    assert retried.last_error == "200 channel_not_found"
    assert rows[4].status == "dead"
    assert run(capsys, "retry", "2")[0] == 0  # a pending row may be hurried along
    assert _rows(engine)[2].not_before < LATER


def test_retry_dead_requeues_every_dead_row_and_nothing_else(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "retry", "--dead") == (0, "requeued 2 dead message(s)\n", "")

    rows = _rows(engine)
    assert [(i, r.status, r.attempts) for i, r in sorted(rows.items())] == [
        (1, "pending", 0),
        (2, "pending", 0),
        (3, "pending", 0),
        (4, "pending", 0),
        (5, "sent", 1),
    ]
    assert rows[2].not_before == LATER  # pending rows keep their time
    assert run(capsys, "retry", "--dead") == (0, "requeued 0 dead message(s)\n", "")


def test_retry_of_an_unknown_or_sent_row_exits_1(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "retry", "42") == (
        1,
        "",
        "error: cannot retry outbox #42: no such row\n",
    )
    assert run(capsys, "retry", "5") == (
        1,
        "",
        "error: cannot retry outbox #5: it is sent, not pending or dead\n",
    )
    assert _rows(engine)[5].status == "sent"
