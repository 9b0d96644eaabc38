"""The digest's cost follows open work and the period, not history: its task query uses indexes."""

from __future__ import annotations

from sqlalchemy import Engine, text

from bot.storage.digest_queries import SqlDigestQueries
from tests.support import add_plan_team

TEAM = "T0PLAN00001"
HISTORY = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO tasks (team_id, number, code, type_id, priority, status, requester_id, title,
    details, patient_ref, due_at, created_at, source_permalink, channel_id, thread_ts,
    resolution, return_reason, answer, clock_epoch)
SELECT 'T0PLAN00001', i, 'T-' || i, 'scheduling', 'routine',
    CASE WHEN i % 20 = 0 THEN 'assigned' ELSE 'done' END, 'U0DR', '', '', '',
    CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '', '', '', '', '', '', 1
FROM n
"""


def plan(engine: Engine, team_id: str, named: list[int]) -> str:
    """The database's plan for the digest's task query, after 20k tasks (5% open) and ANALYZE."""
    dialect = engine.dialect
    query = SqlDigestQueries.tasks_query(team_id, named)
    compiled = query.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
    prefix = "EXPLAIN QUERY PLAN " if dialect.name == "sqlite" else "EXPLAIN "
    with engine.begin() as connection:
        add_plan_team(connection, TEAM)
        connection.execute(text(HISTORY))
        connection.execute(text("ANALYZE"))
    with engine.connect() as connection:
        rows = connection.execute(text(f"{prefix}{compiled}")).all()
    return "\n".join(str(row[-1]) for row in rows)


def test_the_digests_task_query_searches_indexes_over_20k_tasks(engine: Engine) -> None:
    found = plan(engine, TEAM, [3, 17, 12345])
    assert "ix_tasks_team_" in found, found  # an index of the tasks, whichever the planner likes
    assert "SCAN tasks" not in found, found  # SQLite
    assert "Seq Scan" not in found, found  # PostgreSQL
