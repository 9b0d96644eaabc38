"""Integration fixtures: an engine, a migrated SQLite file, processes killed afterwards."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade


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
