"""Database engines: SQLite with WAL, a busy timeout and foreign keys; PostgreSQL via psycopg."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from bot.storage.sqlite_writers import queued_writers

SQLITE_BUSY_TIMEOUT_MS = 10_000
READ_ONLY = "handoff_read_only"  # execution option: only reads (on SQLite: no write lock)
SNAPSHOT = "handoff_snapshot"  # with READ_ONLY on SQLite: one snapshot for every read (BEGIN)


def set_sqlite_pragmas(dbapi_connection: Any, _record: Any = None) -> None:
    """Handoff's SQLite settings on a new sqlite3 connection (also a pool "connect" listener)."""
    dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below control transactions
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    """Writers queue, then take the lock up front (no deadlocked upgrades); readers don't block
    (each statement reads on its own, as at READ COMMITTED, unless they asked for a snapshot)."""
    options = conn.get_execution_options()
    if options.get(READ_ONLY, False):
        if options.get(SNAPSHOT, False):
            conn.exec_driver_sql("BEGIN")
        return
    writer = conn.connection.dbapi_connection
    writer.wait_to_write()
    try:
        writer.begin_immediate()
    except BaseException:
        writer.done_writing()
        raise


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get their folder created and WAL pragmas set."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url,
            hide_parameters=True,  # a failed statement's error would quote task text
            pool_pre_ping=True,
            pool_size=10,
            max_overflow=10,
            connect_args={"connect_timeout": 3},  # a silent host answers 503, not a hang
        )
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        hide_parameters=True,
        connect_args={
            "check_same_thread": False,
            "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
            "factory": queued_writers(SQLITE_BUSY_TIMEOUT_MS / 1000),
        },
    )
    event.listen(engine, "connect", set_sqlite_pragmas)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def reader(engine: Engine, *, streaming: bool = False) -> Engine:
    """The same engine for read-only work, without BEGIN and ROLLBACK (PostgreSQL: two round
    trips; SQLite: two statements; at READ COMMITTED each statement sees the latest commits
    either way) and without SQLite's write lock, unless `streaming`: a server-side cursor needs
    a transaction (and on SQLite an export reads one snapshot)."""
    if streaming:
        return engine.execution_options(**{READ_ONLY: True, SNAPSHOT: True})
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{READ_ONLY: True})
    return engine.execution_options(**{READ_ONLY: True}, isolation_level="AUTOCOMMIT")


def database_reachable(engine: Engine) -> bool:
    """True when a trivial query succeeds (for /healthz)."""
    try:
        with reader(engine).connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


@contextmanager
def command_session(url: str, *, read_only: bool = False) -> Iterator[Session]:
    """A session on an engine of its own (one CLI command), disposed afterwards (read-only:
    in a transaction, as an export streams its rows)."""
    engine = make_engine(url)
    try:
        with Session(reader(engine, streaming=True) if read_only else engine) as session:
            yield session
    finally:
        engine.dispose()
