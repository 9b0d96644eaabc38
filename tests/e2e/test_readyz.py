"""/readyz: 200 only when the config is loaded and the database is migrated to head."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from bot.bootstrap import build
from bot.devkit.standin import SlackStandIn
from bot.processes.probes import probes
from bot.settings import load_settings
from bot.storage.migrate import head_revision, upgrade
from tests.conftest import RunningApp, app_settings


def readyz_of(url: str, standin: SlackStandIn) -> tuple[int, dict[str, object]]:
    handoff = build(load_settings(app_settings(url, standin)))
    try:
        status, _type, body = probes(handoff)["/readyz"]()
    finally:
        handoff.close()
    return status, json.loads(body)


def test_a_migrated_database_is_ready(app: RunningApp) -> None:
    with urllib.request.urlopen(app.url + "/readyz", timeout=5) as answer:
        assert (answer.status, json.loads(answer.read())) == (200, {"ready": True})


def test_a_database_behind_head_is_not_ready_and_says_what_to_run(
    tmp_path: Path, standin: SlackStandIn
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0006")
    status, body = readyz_of(url, standin)
    reason = f"database at migration 0006, code needs {head_revision()}: run `bot db upgrade`"
    assert (status, body) == (503, {"ready": False, "reason": reason})


def test_an_empty_database_is_not_ready(tmp_path: Path, standin: SlackStandIn) -> None:
    status, body = readyz_of(f"sqlite:///{tmp_path / 'new.db'}", standin)
    assert status == 503
    assert str(body["reason"]).startswith("database at migration none")


def test_an_unreachable_database_is_not_ready(standin: SlackStandIn) -> None:
    status, body = readyz_of("postgresql+psycopg://postgres@127.0.0.1:1/handoff", standin)
    assert (status, body) == (503, {"ready": False, "reason": "database unreachable"})
