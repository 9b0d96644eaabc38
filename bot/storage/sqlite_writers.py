"""One SQLite writer at a time in this process, handed the lock the moment the one before ends.

SQLite lets one connection write at a time; another that asks meanwhile is put to sleep by the
busy handler for 1, 2, 5, 10, ... ms between tries, so under a burst each write costs
milliseconds after the lock is free again. Writers of other processes still meet SQLite's busy
timeout.
"""

from __future__ import annotations

import sqlite3
import threading

from sqlalchemy.exc import OperationalError


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
