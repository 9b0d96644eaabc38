"""Years of task history, seeded in bulk by the database itself (no row crosses the wire).

`total` tasks, of which the last OPEN are open work (constant whatever the history: 500 open
tasks, DUE of them due for the sweep now, about 24 created in the digest's period) and the
rest closed over the two years before: done, each with its created, claim and done audit
events and, one task in ten, an escalation notice. At 10k tasks that is 95% closed; at 100k
and 1M the open work stays the same and only history grows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, text

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Tue 10:00 in New York: open, on shift
OPEN, DUE = 500, 20
TEAM = "T0HANDOFF01"
YEARS_SECONDS = 730 * 86400

# Portable SQL over a numbers table `n(i)`; {t} is the time of second offset x from NOW.
TASKS = """
INSERT INTO tasks (id, team_id, number, code, type_id, priority, status, requester_id,
    assignee_id, title, details, patient_ref, due_at, created_at, assigned_at, claimed_at,
    closed_at, source_permalink, channel_id, thread_ts, resolution, return_reason, answer,
    clock_target_at, clock_epoch, next_check_at)
SELECT i, '{team}', i, 'T-' || i, 'scheduling', 'routine',
    CASE WHEN i > {closed} THEN 'assigned' ELSE 'done' END, 'U0DRPATEL01', 'U0VAJOSE001',
    '', '', '', {created}, {created}, {created},
    CASE WHEN i > {closed} THEN NULL ELSE {created_10m} END,
    CASE WHEN i > {closed} THEN NULL ELSE {created_1h} END, '', 'C0QUEUE0001', '', '', '', '',
    CASE WHEN i > {closed} THEN {target} END, 1,
    CASE WHEN i > {total} - {due} THEN {due_now} WHEN i > {closed} THEN {later} END
FROM n
"""
EVENTS = """
INSERT INTO task_events (team_id, task_id, actor_id, action, from_status, to_status, at, reason)
SELECT '{team}', i, 'U0VAJOSE001', 'created', NULL, 'assigned', {created}, '' FROM n
UNION ALL
SELECT '{team}', i, 'U0VAJOSE001', 'claim', 'assigned', 'claimed', {created_10m}, ''
FROM n WHERE i <= {closed}
UNION ALL
SELECT '{team}', i, 'U0VAJOSE001', 'done', 'claimed', 'done', {created_1h}, ''
FROM n WHERE i <= {closed}
"""
NOTICES = """
INSERT INTO clock_notices (team_id, task_id, clock, epoch, level, repetition, recipient, sent_at)
SELECT '{team}', i, 'claim', 1, 1, 0, 'U0VAJOSE001', {created_30m} FROM n
WHERE i <= {closed} AND i % 10 = 0
"""


def _created(dialect: str, total: int, plus: str) -> str:
    """When task i was created: closed ones spread over two years, open ones hourly to NOW."""
    closed = total - OPEN
    spread = f"(i * 1.0 * {YEARS_SECONDS - 3 * 86400} / {max(closed, 1)} - {YEARS_SECONDS})"
    recent = f"(({total} - i + 1) * -3600)"
    offset = f"(CASE WHEN i > {closed} THEN {recent} ELSE {spread} END){plus}"
    return _at(dialect, offset)


def _at(dialect: str, seconds: str) -> str:
    epoch = int(NOW.timestamp())
    if dialect == "sqlite":
        return f"datetime({epoch} + {seconds}, 'unixepoch')"
    return f"to_timestamp({epoch} + {seconds})"


def seed(engine: Engine, total: int) -> None:
    """Insert `total` tasks of history with their events and notices, then refresh statistics."""
    dialect = engine.dialect.name
    closed = total - OPEN
    values = {
        "team": TEAM, "closed": closed, "total": total, "due": DUE,
        "created": _created(dialect, total, ""),
        "created_10m": _created(dialect, total, " + 600"),
        "created_30m": _created(dialect, total, " + 1800"),
        "created_1h": _created(dialect, total, " + 3600"),
        "target": _at(dialect, "-3 * 3600"), "due_now": _at(dialect, "-60"),
        "later": _at(dialect, "i * 60"),
    }  # fmt: skip
    numbers = (
        f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {total}) "
        if dialect == "sqlite"
        else f"WITH n AS (SELECT generate_series(1, {total}) AS i) "
    )
    with engine.begin() as connection:
        for statement in (TASKS, EVENTS, NOTICES):
            sql = statement.format(**values).strip()
            insert, select = sql.split("\nSELECT", 1)
            connection.execute(text(f"{insert}\n{numbers}SELECT{select}"))
        connection.execute(text(f"UPDATE teams SET next_task_number = {total + 1}"))
        if dialect == "postgresql":
            connection.execute(text("SELECT setval('tasks_id_seq', :n)"), {"n": total})
    with engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
