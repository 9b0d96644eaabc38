"""Integration fixtures: an engine, a migrated SQLite file, processes killed afterwards."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.config import load_practice
from bot.domain.practice import Practice
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.sync import sync_practice
from tests.support import PRACTICE_FILE, TUESDAY_10AM_NY


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test's database (SQLite or PostgreSQL, as `database_url` says)."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def database_file(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'handoff.db'}"
    upgrade(url)
    return url


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Processes a test starts; killed afterwards whatever happened."""
    started: list[subprocess.Popen[bytes]] = []
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture
def practice(engine: Engine) -> Practice:
    """The test practice, its people synced into the test's database at Tuesday 10:00 (a
    module may define its own)."""
    practice = load_practice(PRACTICE_FILE)
    sync_practice(engine, practice, TUESDAY_10AM_NY)
    return practice
