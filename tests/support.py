"""Shared test constants and small fakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, text
from sqlmodel import Session

from bot.storage.tables import TaskRow

FIXTURES = Path(__file__).parent / "fixtures"
PRACTICE_FILE = FIXTURES / "practice.yml"
SIGNING_SECRET = "TestSigningSecret0123456789abcdef"
BOT_TOKEN = "xoxb-test-0000-handoff"
TUESDAY_10AM_NY = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)

PATEL, CHEN = "U0DRPATEL01", "U0DRCHEN001"
MARIA, JOSE, LENA, SAM = "U0VAMARIA01", "U0VAJOSE001", "U0VALENA001", "U0VAOLD0001"
KIM, ADMIN = "U0MGRKIM001", "U0ADMIN0001"
QUEUE = "C0QUEUE0001"


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime = TUESDAY_10AM_NY) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def add_task(session: Session, team_id: str, number: int = 1) -> int:
    """A bare task for outbox rows to belong to (a task's rows are sent in order)."""
    now = datetime.now(UTC)
    task = TaskRow(
        team_id=team_id,
        number=number,
        code=f"T-{number:04d}",
        type_id="scheduling",
        priority="routine",
        status="assigned",
        requester_id=PATEL,
        title="Book a visit",
        due_at=now,
        created_at=now,
    )
    session.add(task)
    session.flush()
    return task.id or 0


def add_plan_team(connection: Connection, team_id: str) -> None:
    """A bare team row for the query-plan tests, which seed their history in SQL."""
    connection.execute(
        text(
            "INSERT INTO teams (team_id, name, next_task_number, created_at) "
            "VALUES (:team, 'plan', 1, CURRENT_TIMESTAMP)"
        ),
        {"team": team_id},
    )
