"""Fixtures: throwaway SQLite and PostgreSQL databases, the Slack stand-in, the app over HTTP."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import text

from bot.bootstrap import Handoff, build
from bot.devkit.appserver import LocalAppServer
from bot.devkit.sender import SlackSender
from bot.devkit.standin import SlackStandIn
from bot.processes.web import create_wsgi
from bot.settings import load_settings
from bot.slack.ids import EVENTS_PATH
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.sync import sync_practice
from tests.support import BOT_TOKEN, PRACTICE_FILE, SIGNING_SECRET, FakeClock

PG_ADMIN = os.environ.get("HANDOFF_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
TABLES = (
    "absences",
    "clock_notices",
    "digest_runs",
    "heartbeats",
    "channel_pace",
    "processed_events",
    "outbox",
    "task_events",
    "tasks",
    "people",
    "teams",
)


def _postgres_or_skip() -> None:
    try:
        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        if os.environ.get("HANDOFF_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required here but unreachable at {PG_ADMIN}: {error}")
        pytest.skip(f"no PostgreSQL server reachable at {PG_ADMIN} (set HANDOFF_TEST_PG)")


@contextmanager
def throwaway_postgres(prefix: str = "handoff_test") -> Iterator[str]:
    """A new PostgreSQL database, migrated, dropped afterwards; skips without a server."""
    _postgres_or_skip()
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/" + name
    try:
        upgrade(url)
        yield url
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL database for this test session."""
    with throwaway_postgres() as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'handoff.db'}"
    upgrade(url)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test that uses it runs on SQLite and on PostgreSQL, starting from empty tables."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    empty_tables(url)
    return url


def empty_tables(url: str) -> None:
    """Delete every row (and restart PostgreSQL's id sequences)."""
    engine = make_engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        else:
            for table in TABLES:
                connection.execute(text(f"DELETE FROM {table}"))
    engine.dispose()


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn() as server:
        yield server


@dataclass
class RunningApp:
    handoff: Handoff
    standin: SlackStandIn
    slack: SlackSender
    clock: FakeClock
    url: str

    def settle(self, timeout: float = 5.0) -> None:
        """Wait until every answered request's after-ack work (a modal) is done and nothing
        deliverable is left in the outbox."""
        assert self.handoff.after_ack.wait_idle(timeout), "after-ack work did not finish"
        deadline = time.monotonic() + timeout
        while self.handoff.deliverer.pending() and time.monotonic() < deadline:
            self.handoff.deliverer.deliver_ready()
            time.sleep(0.01)
        assert not self.handoff.deliverer.pending(), "outbox did not drain"


def app_settings(database_url: str, standin: SlackStandIn) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": standin.url,
        "DATABASE_URL": database_url,
        "PRACTICE_CONFIG": str(PRACTICE_FILE),
        "LOG_LEVEL": "WARNING",
        "HANDOFF_OUTBOX_PACE_SECONDS": "0",  # the stand-in has no rate limits; keep call order
    }


@pytest.fixture
def app(database_url: str, standin: SlackStandIn) -> Iterator[RunningApp]:
    """The real app over HTTP on a free port, talking to the stand-in, clock frozen."""
    clock = FakeClock()
    handoff = build(load_settings(app_settings(database_url, standin)), clock=clock)
    for practice in handoff.practices.values():
        sync_practice(handoff.engine, practice, clock())
    handoff.start_delivery()
    server = LocalAppServer(create_wsgi(handoff)).start()
    slack = SlackSender(server.url + EVENTS_PATH, SIGNING_SECRET, standin=standin)
    yield RunningApp(handoff, standin, slack, clock, server.url)
    server.stop()
    handoff.close()
    standin.assert_clean()


@pytest.fixture
def env(app: RunningApp, monkeypatch: pytest.MonkeyPatch) -> RunningApp:
    """The CLI's settings point at the app's database and stand-in."""
    url = str(app.handoff.engine.url.render_as_string(hide_password=False))
    for name, value in app_settings(url, app.standin).items():
        monkeypatch.setenv(name, value)
    return app
