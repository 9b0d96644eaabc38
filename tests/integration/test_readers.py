"""Read-only work runs on PostgreSQL without BEGIN and ROLLBACK; writers are unaffected."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, Engine, text

from bot.storage.engine import make_engine, reader

SEEN = text("SELECT count(*) FROM processed_events WHERE key = :key")


def remember(connection: Connection, key: str) -> None:
    connection.execute(
        text("INSERT INTO processed_events (team_id, key, seen_at) VALUES ('T0READ', :key, :at)"),
        {"key": key, "at": datetime.now(UTC)},
    )


def test_a_reader_sees_what_was_committed(engine: Engine) -> None:
    with engine.begin() as connection:
        remember(connection, "kept")
    with reader(engine).connect() as connection:
        assert connection.execute(SEEN, {"key": "kept"}).scalar() == 1


def test_a_writer_after_a_reader_on_the_same_connection_still_rolls_back(engine: Engine) -> None:
    for _ in range(3):  # the pool hands the reader's connection on to the writer
        with reader(engine).connect() as connection:
            connection.execute(SEEN, {"key": "gone"})
        with engine.connect() as connection, connection.begin() as transaction:
            remember(connection, "gone")
            transaction.rollback()
    with engine.connect() as connection:
        assert connection.execute(SEEN, {"key": "gone"}).scalar() == 0


@pytest.mark.postgres
def test_a_reader_on_postgresql_runs_outside_a_transaction(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    try:
        with reader(engine).connect() as connection:
            connection.execute(SEEN, {"key": "any"})
            assert connection.connection.dbapi_connection.autocommit  # type: ignore[union-attr]
    finally:
        engine.dispose()
