"""Routing's workload reads indexes, not history: open tasks by status, one probe a person."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from bot.storage.repositories import WORKLOAD, SqlTaskRepository
from tests.support import add_plan_team

TEAM = "T0PLAN00001"
ASSISTANTS = ["U0VA", "U0VB", "U0VC"]
# 20k tasks (5% open), assigned in turn to U0VA, U0VB, U0VC, task i at 2026-01-01 + i seconds
HISTORY = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO tasks (team_id, number, code, type_id, priority, status, requester_id, assignee_id,
    title, details, patient_ref, due_at, created_at, assigned_at, source_permalink, channel_id,
    thread_ts, resolution, return_reason, answer, clock_epoch)
SELECT 'T0PLAN00001', i, 'T-' || i, 'scheduling', 'routine',
    CASE WHEN i % 20 = 0 THEN 'assigned' ELSE 'done' END, 'U0DR',
    'U0V' || substr('ABC', i % 3 + 1, 1), '', '', '',
    CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, {assigned_at}, '', '', '', '', '', '', 1
FROM n
"""
ASSIGNED_AT = {
    "sqlite": "datetime('2026-01-01', '+' || i || ' seconds')",
    "postgresql": "TIMESTAMPTZ '2026-01-01 00:00Z' + i * INTERVAL '1 second'",
}


@pytest.fixture
def history(engine: Engine) -> Engine:
    """The plan team with 20k assigned tasks, analyzed."""
    with engine.begin() as connection:
        add_plan_team(connection, TEAM)
        history = HISTORY.format(assigned_at=ASSIGNED_AT[engine.dialect.name])
        connection.execute(text(history))
        connection.execute(text("ANALYZE"))
    return engine


def plan(engine: Engine) -> str:
    """The database's plan for the workload's one statement."""
    statement = WORKLOAD[engine.dialect.name].element  # the text, without its columns
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    explain = text(f"{prefix}{statement.text}").bindparams(*statement._bindparams.values())
    params = {"team": TEAM, "who": json.dumps(ASSISTANTS)}
    with engine.connect() as connection:
        rows = connection.execute(explain, params).all()
    return "\n".join(str(row[-1]) for row in rows)


def test_the_workload_is_one_statement_that_searches_indexes(history: Engine) -> None:
    found = plan(history)
    assert "ix_tasks_team_status_due" in found or "ix_tasks_team_open_due" in found, found
    assert "ix_tasks_team_assignee_assigned" in found, found  # each assistant's latest
    assert "SCAN tasks" not in found, found  # SQLite
    assert "Seq Scan on tasks" not in found, found  # PostgreSQL


def test_the_workload_counts_open_tasks_and_finds_each_latest_assignment(history: Engine) -> None:
    with Session(history) as session:
        load = SqlTaskRepository(session).workload(TEAM, [*ASSISTANTS, "U0VNOBODY"])
    assert load.open_counts == {"U0VA": 333, "U0VB": 333, "U0VC": 334}
    assert load.last_assigned == {  # nobody without a task is absent, not None
        "U0VA": datetime(2026, 1, 1, 5, 33, 18, tzinfo=UTC),  # task 19998
        "U0VB": datetime(2026, 1, 1, 5, 33, 19, tzinfo=UTC),
        "U0VC": datetime(2026, 1, 1, 5, 33, 20, tzinfo=UTC),
    }
