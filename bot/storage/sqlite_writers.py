"""One SQLite writer at a time in this process, handed the lock the moment the one before ends.

SQLite lets one connection write at a time; another that asks meanwhile is put to sleep by the
busy handler for 1, 2, 5, 10, ... ms between tries, so under a burst each write costs
milliseconds after the lock is free again. Writers of other processes still meet SQLite's busy
timeout.
"""

from __future__ import annotations

import sqlite3
import threading


class QueuedWriterConnection(sqlite3.Connection):
    """A SQLite connection whose write transactions wait for the process's other writers."""

    lock: threading.Lock  # one per engine: the writers of one database in this process
    wait_seconds: float
    writing = False

    def begin_immediate(self) -> None:
        """BEGIN IMMEDIATE once no other writer of this process is in a transaction."""
        if not self.lock.acquire(timeout=self.wait_seconds):
            raise sqlite3.OperationalError("database is locked")
        self.writing = True  # from here SQLAlchemy ends the transaction, even a failed BEGIN
        self.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._done()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._done()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._done()

    def _done(self) -> None:
        if self.writing:
            self.writing = False
            self.lock.release()


def queued_writers(wait_seconds: float) -> type[QueuedWriterConnection]:
    """A connection class (sqlite3's `factory`) with a queue of its own, for one engine."""
    attributes = {"lock": threading.Lock(), "wait_seconds": wait_seconds}
    return type("QueuedWriters", (QueuedWriterConnection,), attributes)
