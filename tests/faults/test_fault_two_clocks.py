"""Two `bot worker` processes by mistake: their clocks sweep at once, each notice goes out once."""

from __future__ import annotations

import signal
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from bot.config import load_practice
from bot.storage.engine import make_engine
from bot.storage.sync import sync_practice
from bot.storage.tables import ClockNoticeRow, TaskRow
from tests.faults.conftest import Workers
from tests.faults.support import POST, drained
from tests.processes import wait_until
from tests.support import KIM, MARIA, PATEL, PRACTICE_FILE

ESCALATIONS = "C0ESCAL0001"
WEEK_AGO = datetime.now(UTC) - timedelta(days=7)  # every level is due, whatever today is


def overdue_urgent_task(database_url: str) -> None:
    """An urgent task assigned to Maria a week ago and never claimed."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        sync_practice(engine, load_practice(PRACTICE_FILE), WEEK_AGO)
        session.add(
            TaskRow(
                team_id="T0HANDOFF01", number=1, code="T-0001", type_id="scheduling",
                priority="urgent", status="assigned", requester_id=PATEL, assignee_id=MARIA,
                title="Book a visit", due_at=WEEK_AGO, created_at=WEEK_AGO,
                assigned_at=WEEK_AGO, clock_target_at=WEEK_AGO, clock_epoch=1,
                next_check_at=WEEK_AGO,
            )
        )  # fmt: skip
        session.commit()
    engine.dispose()


def notices(database_url: str) -> int:
    engine = make_engine(database_url)
    with Session(engine) as session:
        found = len(session.exec(select(ClockNoticeRow)).all())
    engine.dispose()
    return found


def test_two_workers_sweeping_at_once_send_each_escalation_once(
    workers: Workers, database_url: str
) -> None:
    overdue_urgent_task(database_url)
    pair = workers.start(count=2)
    assert wait_until(lambda: notices(database_url) > 0 and drained(database_url)(), 30), (
        workers.logs()
    )
    for worker in pair:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=15) == 0, workers.logs()
    about_it = [c.args for c in workers.standin.calls_to(POST) if "T-0001" in c.args["text"]]
    sent = Counter(args["channel"] for args in about_it)  # digests may go out too: not counted
    assert sent[MARIA] == sent[KIM] == sent[ESCALATIONS] == 1, about_it  # urgent: any hour
    assert max(sent.values()) == 1, about_it
    workers.standin.assert_clean()
