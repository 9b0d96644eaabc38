"""SQLite writers of one process queue for each other instead of sleeping in the busy handler."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import OperationalError

from bot.storage.engine import make_engine, reader
from tests.processes import wait_until


@pytest.fixture
def impatient(database_file: str) -> Iterator[Engine]:
    """An engine whose SQLite busy timeout is 0: a writer that reached SQLite while another
    held the lock would fail at once, so a write that succeeds here waited in the queue."""
    engine = make_engine(database_file)
    event.listen(engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA busy_timeout=0"))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE scratch (k TEXT)"))
    yield engine
    engine.dispose()


def waiting_in_queue(thread: threading.Thread) -> bool:
    """Whether `thread` is blocked on the writer queue's lock."""
    frame = sys._current_frames().get(thread.ident or 0)
    while frame is not None:
        if frame.f_code.co_name == "wait_to_write":
            return True
        frame = frame.f_back
    return False


def write_in_thread(engine: Engine, outcome: list[str]) -> threading.Thread:
    def write() -> None:
        try:
            with engine.begin() as connection:
                connection.execute(text("INSERT INTO scratch (k) VALUES ('second')"))
            outcome.append("committed")
        except Exception as error:  # the test reads what happened
            outcome.append(type(error).__name__)

    thread = threading.Thread(target=write)
    thread.start()
    return thread


def hold_write(connection: Connection) -> None:
    connection.execute(text("INSERT INTO scratch (k) VALUES ('first')"))


@pytest.mark.parametrize("end", ["commit", "rollback"])
def test_a_second_writer_waits_for_the_first_to_end_then_writes(
    impatient: Engine, end: str
) -> None:
    outcome: list[str] = []
    with impatient.connect() as first:
        transaction = first.begin()
        hold_write(first)
        second = write_in_thread(impatient, outcome)
        assert wait_until(lambda: waiting_in_queue(second), 10)
        assert outcome == []
        getattr(transaction, end)()
    second.join(10)
    assert outcome == ["committed"]


def test_a_reader_does_not_queue_behind_a_writer(impatient: Engine) -> None:
    with impatient.begin() as writer:
        hold_write(writer)
        with reader(impatient).connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM scratch")).scalar() == 0


def test_a_begin_refused_by_another_process_is_a_database_error_and_frees_the_queue(
    impatient: Engine, database_file: str
) -> None:
    other_process = make_engine(database_file)  # another engine: another process's writers
    try:
        with other_process.begin() as held:
            hold_write(held)
            with impatient.connect() as connection:
                with pytest.raises(OperationalError, match="locked"):
                    connection.begin()
                outcome: list[str] = []
                write_in_thread(impatient, outcome).join(5)  # the queue would hold it for 10 s
                assert outcome == ["OperationalError"]  # SQLite's lock refused it at once
    finally:
        other_process.dispose()
    with impatient.begin() as connection:
        connection.execute(text("INSERT INTO scratch (k) VALUES ('after')"))


def test_a_writer_that_waits_too_long_in_the_queue_gets_a_database_error(
    impatient: Engine,
) -> None:
    with impatient.connect() as first:
        first.begin()
        hold_write(first)
        queue = type(first.connection.dbapi_connection)
        queue.wait_seconds, waited = 0.01, queue.wait_seconds  # type: ignore[union-attr]
        try:
            outcome: list[str] = []
            write_in_thread(impatient, outcome).join(10)
        finally:
            queue.wait_seconds = waited  # type: ignore[union-attr]
    assert outcome == ["OperationalError"]


def test_a_connection_closed_mid_write_frees_the_queue(impatient: Engine) -> None:
    with impatient.connect() as first:
        first.begin()
        hold_write(first)
        first.invalidate()  # closes the DB-API connection without a commit or rollback
    with impatient.begin() as connection:
        connection.execute(text("INSERT INTO scratch (k) VALUES ('after')"))


def test_a_writer_retries_while_another_process_writes_then_restores_its_busy_timeout(
    database_file: str,
) -> None:
    engine, other_process = make_engine(database_file), make_engine(database_file)
    tries: list[str] = []
    busy: list[int] = []

    def write() -> None:
        with engine.connect() as connection:
            connection.connection.dbapi_connection.set_trace_callback(tries.append)  # type: ignore[union-attr]
            with connection.begin():
                connection.execute(text("CREATE TABLE IF NOT EXISTS later (k TEXT)"))
            busy.append(connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one())

    try:
        with other_process.begin() as held:
            held.execute(text("CREATE TABLE held (k TEXT)"))
            writer = threading.Thread(target=write)
            writer.start()
            assert wait_until(lambda: tries.count("BEGIN IMMEDIATE") >= 2, 10)  # ours, not SQLite's
        writer.join(10)
        assert busy == [10_000]
    finally:
        engine.dispose()
        other_process.dispose()
