"""Routing's workload reads indexes, not history: open tasks by status, one probe a person."""

from __future__ import annotations

from typing import Any

from sqlalchemy import TextClause, create_engine, text

from bot.domain.task import OPEN_STATUSES
from bot.storage.repositories import LAST_ASSIGNED, OPEN_COUNTS

PARAMS = {"team": "T0PLAN00001", "who": "U0VA", "open": [s.value for s in OPEN_STATUSES]}


def sqlite_plan(url: str, statement: Any) -> str:
    """SQLite's query plan for `statement` with PARAMS, one step a line."""
    engine = create_engine(url)
    if isinstance(statement, TextClause):
        explain = text(f"EXPLAIN QUERY PLAN {statement.text}")
        explain = explain.bindparams(*statement._bindparams.values())
        params = {name: PARAMS[name] for name in statement._bindparams}
    else:
        compiled = statement.params(**PARAMS).compile(
            dialect=engine.dialect, compile_kwargs={"literal_binds": True}
        )
        explain, params = text(f"EXPLAIN QUERY PLAN {compiled}"), {}
    with engine.connect() as connection:
        rows = connection.execute(explain, params).all()
    engine.dispose()
    return "\n".join(str(row[-1]) for row in rows)


def test_an_assistants_latest_assignment_is_one_index_probe(database_file: str) -> None:
    found = sqlite_plan(database_file, LAST_ASSIGNED)
    assert "USING COVERING INDEX ix_tasks_team_assignee_assigned" in found, found


def test_open_counts_read_an_index_not_every_task(database_file: str) -> None:
    found = sqlite_plan(database_file, OPEN_COUNTS["sqlite"])
    assert "USING INDEX ix_tasks_team_status_due (team_id=? AND status=?)" in found, found
