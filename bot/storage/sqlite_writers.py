"""One SQLite writer at a time in this process, handed the lock the moment the one before ends.

SQLite lets one connection write at a time; another that asks meanwhile is put to sleep by the
busy handler for 1, 2, 5, 10, ... ms between tries, so under a burst each write costs
milliseconds after the lock is free again. Between processes (the worker, a second web process)
BEGIN IMMEDIATE is retried every half millisecond instead, for as long as the busy timeout.
"""

from __future__ import annotations

import sqlite3
import threading
import time

from sqlalchemy.exc import OperationalError

RETRY_SECONDS = 0.0005  # between tries of BEGIN IMMEDIATE while another process writes


class QueuedWriterConnection(sqlite3.Connection):
    """A SQLite connection whose write transactions wait for the process's other writers."""

    lock: threading.Lock  # one per engine: the writers of one database in this process
    wait_seconds: float
    writing = False

    def wait_to_write(self) -> None:
        """Wait until no other writer of this process is in a transaction (then BEGIN)."""
        if not self.lock.acquire(timeout=self.wait_seconds):
            locked = sqlite3.OperationalError("database is locked")
            raise OperationalError("BEGIN IMMEDIATE", None, locked)  # as SQLite's own would be
        self.writing = True

    def begin_immediate(self) -> None:
        """BEGIN IMMEDIATE, retried while another process holds the write lock (as long as the
        connection's busy timeout)."""
        busy_ms = self.execute("PRAGMA busy_timeout").fetchone()[0]
        deadline = time.monotonic() + busy_ms / 1000
        self.execute("PRAGMA busy_timeout=0")
        try:
            while not self._began(deadline):
                time.sleep(RETRY_SECONDS)
        except sqlite3.Error as error:
            raise OperationalError("BEGIN IMMEDIATE", None, error) from error
        finally:
            self.execute(f"PRAGMA busy_timeout={busy_ms}")

    def _began(self, deadline: float) -> bool:
        """True once BEGIN IMMEDIATE went through; False while busy until `deadline`."""
        try:
            self.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            busy = error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY  # or BUSY_RECOVERY, ...
            if not busy or time.monotonic() > deadline:
                raise
            return False
        return True

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.done_writing()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.done_writing()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.done_writing()

    def done_writing(self) -> None:
        if self.writing:
            self.writing = False
            self.lock.release()


def queued_writers(wait_seconds: float) -> type[QueuedWriterConnection]:
    """A connection class (sqlite3's `factory`) with a queue of its own, for one engine."""
    attributes = {"lock": threading.Lock(), "wait_seconds": wait_seconds}
    return type("QueuedWriters", (QueuedWriterConnection,), attributes)
