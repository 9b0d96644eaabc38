"""PostgreSQL's pool pings a connection only after it sat idle, and replaces one that was cut."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, text

from bot.storage import engine as engines
from bot.storage.engine import make_engine
from tests.conftest import PG_ADMIN

pytestmark = pytest.mark.postgres


@pytest.fixture
def pool(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    yield engine
    engine.dispose()


def backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def pings_of(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    pings: list[Any] = []
    ping = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda c: pings.append(c) or ping(c))
    return pings


def test_a_connection_used_a_moment_ago_is_not_pinged(
    pool: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings = pings_of(pool, monkeypatch)
    backend_pid(pool)
    backend_pid(pool)
    assert pings == []


def test_an_idle_connection_cut_by_the_server_is_replaced_before_use(
    pool: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings = pings_of(pool, monkeypatch)
    first = backend_pid(pool)
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (first,))
    monkeypatch.setattr(engines, "PING_AFTER_IDLE_SECONDS", 0.0)  # as if idle long enough
    assert backend_pid(pool) != first
    assert len(pings) == 1  # the cut one's; its replacement is new
