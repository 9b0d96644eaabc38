"""Migrations build the models' schema from nothing; SQLite runs with WAL and foreign keys."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from bot.storage.engine import SQLITE_BUSY_TIMEOUT_MS, make_engine
from bot.storage.migrate import alembic_config, model_differences, upgrade
from tests.conftest import PG_ADMIN, TABLES

BOT = Path(sys.executable).with_name("bot")
MODEL_TABLES = set(SQLModel.metadata.tables)


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def test_the_model_tables_are_the_ones_the_test_fixtures_empty() -> None:
    assert set(TABLES) == MODEL_TABLES


@pytest.fixture
def empty_sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'nested' / 'fresh.db'}"


@pytest.fixture
def empty_postgres_url(postgres_url: str) -> Iterator[str]:
    """A brand-new, empty PostgreSQL database (the session's `postgres_url` gates on a server)."""
    name = f"handoff_migrate_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def assert_upgrade_builds_the_model_schema(url: str) -> None:
    engine = make_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) == set(), "database is not empty"
        assert model_differences(engine) != [], "an empty database should differ from the models"
        upgrade(url)
        assert set(inspect(engine).get_table_names()) == {*MODEL_TABLES, "alembic_version"}
        assert model_differences(engine) == []
        with engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar_one() == head_revision()
        upgrade(url)  # a second upgrade is a no-op
        assert model_differences(engine) == []
    finally:
        engine.dispose()


def test_upgrading_an_empty_sqlite_file_gives_exactly_the_models(empty_sqlite_url: str) -> None:
    assert_upgrade_builds_the_model_schema(empty_sqlite_url)


@pytest.mark.postgres
def test_upgrading_an_empty_postgresql_database_gives_exactly_the_models(
    empty_postgres_url: str,
) -> None:
    assert_upgrade_builds_the_model_schema(empty_postgres_url)


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(
    empty_sqlite_url: str,
) -> None:
    engine = make_engine(empty_sqlite_url)
    try:
        with engine.connect() as connection:

            def pragma(name: str) -> object:
                return connection.exec_driver_sql(f"PRAGMA {name}").scalar_one()

            assert str(pragma("journal_mode")).lower() == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == SQLITE_BUSY_TIMEOUT_MS == 10_000
    finally:
        engine.dispose()
    database = empty_sqlite_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(database)) as plain:  # WAL is a property of the file: it persists
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_foreign_keys_are_enforced(empty_sqlite_url: str) -> None:
    upgrade(empty_sqlite_url)
    engine = make_engine(empty_sqlite_url)
    try:
        orphan = text(
            "INSERT INTO task_events (team_id, task_id, actor_id, action, at, reason)"
            " VALUES ('T0HANDOFF01', 999, 'U0ADMIN0001', 'created', '2026-12-01 15:00:00', '')"
        )
        with (
            pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"),
            engine.begin() as connection,
        ):
            connection.execute(orphan)
    finally:
        engine.dispose()


def test_bot_db_upgrade_creates_the_tables_in_the_configured_database(tmp_path: Path) -> None:
    database = tmp_path / "cli" / "handoff.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    result = subprocess.run(
        [str(BOT), "db", "upgrade"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "database is at head"
    with closing(sqlite3.connect(database)) as plain:
        tables = plain.execute("SELECT name FROM sqlite_master WHERE type='table'")
        names = {row[0] for row in tables}
        version = plain.execute("SELECT version_num FROM alembic_version").fetchone()
    assert names >= {*MODEL_TABLES, "alembic_version"}
    assert version == (head_revision(),)
    assert not (tmp_path / "var").exists(), "the default database was used instead"
