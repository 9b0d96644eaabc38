"""The sweep's cost follows what is due, not history: its query uses the next-check index."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import postgresql
from sqlmodel import Session

from bot.storage.engine import make_engine
from bot.storage.repositories import SqlTaskRepository

NOW = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
HISTORY = """
INSERT INTO teams (team_id, name, next_task_number, created_at)
VALUES ('T0PLAN00001', 'plan', 1, now());
INSERT INTO tasks (team_id, number, code, type_id, priority, status, requester_id, title,
    details, patient_ref, due_at, created_at, source_permalink, channel_id, thread_ts,
    resolution, return_reason, answer, clock_epoch, next_check_at)
SELECT 'T0PLAN00001', n, 'T-' || n, 'scheduling', 'routine',
    CASE WHEN n % 20 = 0 THEN 'assigned' ELSE 'done' END, 'U0DR', '', '', '',
    now(), now(), '', '', '', '', '', '', 1,
    CASE WHEN n % 20 = 0 THEN now() + (n || ' seconds')::interval END
FROM generate_series(1, 50000) AS n;
ANALYZE tasks;
"""


@pytest.mark.postgres
def test_the_due_query_is_an_index_scan_over_50k_tasks(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    with Session(engine) as session:
        session.connection().execute(text(HISTORY))
        repository = SqlTaskRepository(session)
        query = repository.due_query("T0PLAN00001", NOW, limit=500)
        compiled = query.compile(
            dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}
        )
        plan = "\n".join(
            row[0] for row in session.connection().execute(text(f"EXPLAIN {compiled}"))
        )
        session.rollback()
    engine.dispose()
    assert "ix_tasks_team_next_check" in plan, plan
    assert "Seq Scan" not in plan, plan
