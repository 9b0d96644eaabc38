"""`bot doctor` against the Slack stand-in and a real database: all green, then each failure."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from sqlmodel import Session, col

from bot.cli import main
from bot.config import load_practice
from bot.devkit.standin import SlackStandIn
from bot.outbox.queue import enqueue
from bot.slack.manifest import BOT_SCOPES
from bot.storage.engine import make_engine
from bot.storage.ledger import SqlLedger
from bot.storage.migrate import head_revision, upgrade
from bot.storage.people import SqlPeople
from bot.storage.sync import sync_practice
from bot.storage.tables import OutboxRow
from tests.conftest import app_settings
from tests.support import MARIA, PATEL, PRACTICE_FILE, QUEUE

PRACTICE = load_practice(PRACTICE_FILE)
POST = "chat.postMessage"
ACTIVE = [person for person in PRACTICE.people.values() if person.active]


def slack_users() -> dict[str, dict[str, Any]]:
    """Every configured person as Slack knows them, in their configured time zone."""
    return {p.slack_id: {"name": p.name, "tz": p.tz.key} for p in PRACTICE.people.values()}


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn(team_id=PRACTICE.team_id, users=slack_users()) as server:
        yield server


@pytest.fixture
def setup(
    database_url: str, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The environment points at the stand-in and the database; the worker beat just now."""
    for name, value in app_settings(database_url, standin).items():
        monkeypatch.setenv(name, value)
    beat(database_url, datetime.now(UTC))
    yield database_url
    standin.assert_clean()


def beat(url: str, at: datetime) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        SqlLedger(session).beat("worker", at)
        session.commit()
    engine.dispose()


def doctor(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, dict[str, str]]]:
    """Exit code and each check by name, from `bot doctor --json`."""
    code = main(["doctor", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is (code == 0)
    return code, {check["name"]: check for check in report["checks"]}


def failures(checks: dict[str, dict[str, str]]) -> dict[str, str]:
    return {name: c["detail"] for name, c in checks.items() if c["outcome"] == "fail"}


def test_a_working_setup_passes_every_check(setup: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, checks = doctor(capsys)

    assert (code, failures(checks)) == (0, {})
    assert [c["outcome"] for c in checks.values()] == ["pass"] * len(checks)
    assert len([name for name in checks if name.startswith("Person ")]) == len(ACTIVE)
    assert {
        "Slack token",
        "Workspace",
        "Scopes",
        "Database",
        "Migrations",
        "Outbox",
        "Worker",
    } < set(checks)


def test_the_text_checklist_marks_each_check_and_says_how_to_fix_failures(
    setup: str, standin: SlackStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    standin.channels[QUEUE] = {"name": "front-desk-queue", "is_member": False}

    code = main(["doctor"])
    out = capsys.readouterr().out

    assert code == 1
    assert "✓ Slack token: valid (bot user U0HANDOFFBOT)" in out
    assert f"✗ Channel queue ({QUEUE}): the bot is not a member of #front-desk-queue" in out
    assert "    fix: invite @Handoff to #front-desk-queue" in out
    assert re.fullmatch(r"1 failed, 0 warning\(s\), \d+ checks", out.splitlines()[-1])


def test_a_missing_scope_is_named(
    setup: str, standin: SlackStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    standin.scopes = [s for s in BOT_SCOPES if s not in ("groups:read", "reactions:write")]

    code, checks = doctor(capsys)

    assert (code, failures(checks)) == (1, {"Scopes": "missing groups:read, reactions:write"})
    assert "reinstall the app" in checks["Scopes"]["fix"]


def test_a_channel_the_bot_is_not_in_says_whom_to_invite(
    setup: str, standin: SlackStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    standin.channels[QUEUE] = {"name": "queue", "is_member": False}

    code, checks = doctor(capsys)

    name = f"Channel queue ({QUEUE})"
    assert (code, failures(checks)) == (1, {name: "the bot is not a member of #queue"})
    assert checks[name]["fix"].startswith("invite @Handoff to #queue")


def test_a_deleted_user_fails_a_bot_fails_and_another_time_zone_warns(
    setup: str, standin: SlackStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    standin.users[PATEL] |= {"deleted": True}
    standin.users["U0MGRKIM001"] |= {"is_bot": True}
    standin.users[MARIA] |= {"tz": "Asia/Tokyo"}

    code, checks = doctor(capsys)

    assert (code, failures(checks)) == (
        1,
        {
            f"Person Dr. Priya Patel ({PATEL})": "deactivated in Slack",
            "Person Kim Alvarez (U0MGRKIM001)": "a bot, not a person",
        },
    )
    maria = checks[f"Person Maria Santos ({MARIA})"]
    assert maria["outcome"] == "warn"
    assert maria["detail"] == "Slack's time zone is Asia/Tokyo, the config says Asia/Manila"


def test_the_people_checked_are_the_roster_the_practice_serves_slack_edits_included(
    setup: str, standin: SlackStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone added in Slack is checked; someone deactivated in Slack is not."""
    standin.users[PATEL] |= {"deleted": True}
    newcomer = replace(PRACTICE.people[MARIA], slack_id="U0VANIA0001", name="Nia Okafor")
    engine = make_engine(setup)
    sync_practice(engine, PRACTICE, datetime.now(UTC))
    with Session(engine) as session:
        people = SqlPeople(session)
        patel = PRACTICE.people[PATEL]
        people.save(PRACTICE.team_id, replace(patel, active=False), datetime.now(UTC),
                    replacing=patel)  # fmt: skip
        people.save(PRACTICE.team_id, newcomer, datetime.now(UTC), replacing=None)
        session.commit()
    engine.dispose()

    code, checks = doctor(capsys)

    assert (code, failures(checks)) == (
        1, {"Person Nia Okafor (U0VANIA0001)": "Slack knows no such user (user_not_found)"},
    )  # fmt: skip


def test_a_token_of_another_workspace_fails_and_skips_the_workspace_checks(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with SlackStandIn(team_id="T0ELSEWHERE", users=slack_users()) as other:
        for name, value in app_settings(database_url, other).items():
            monkeypatch.setenv(name, value)
        beat(database_url, datetime.now(UTC))
        code, checks = doctor(capsys)
        other.assert_clean()

    expected = f"the token is for workspace T0ELSEWHERE, the config says {PRACTICE.team_id}"
    assert (code, failures(checks)) == (1, {"Workspace": expected})
    assert not any(name.startswith(("Channel", "Person", "Scopes")) for name in checks)


def test_a_refused_token_fails(
    setup: str,
    monkeypatch: pytest.MonkeyPatch,
    standin: SlackStandIn,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked_token")

    code, checks = doctor(capsys)

    assert (code, failures(checks)) == (
        1,
        {"Slack token": "Slack refused the token (invalid_auth)"},
    )
    standin.violations.clear()  # the stand-in flags the malformed token; that is the point here


def test_a_stale_worker_heartbeat_fails(setup: str, capsys: pytest.CaptureFixture[str]) -> None:
    beat(setup, datetime.now(UTC) - timedelta(minutes=5))

    code, checks = doctor(capsys)

    assert (code, failures(checks)) == (1, {"Worker": "no heartbeat for 5 min (limit 2 min)"})
    assert checks["Worker"]["fix"].startswith("start `bot worker`")


def test_dead_and_late_outbox_messages_fail(setup: str, capsys: pytest.CaptureFixture[str]) -> None:
    engine = make_engine(setup)
    with Session(engine) as session:
        late, dead = (
            enqueue(session, team_id=PRACTICE.team_id, method=POST, payload={}) for _ in "ld"
        )
        half_hour_ago = datetime.now(UTC) - timedelta(minutes=30)
        session.execute(
            update(OutboxRow).where(col(OutboxRow.id) == late).values(created_at=half_hour_ago)
        )
        session.execute(update(OutboxRow).where(col(OutboxRow.id) == dead).values(status="dead"))
        session.commit()
    engine.dispose()

    code, checks = doctor(capsys)

    expected = "1 dead message(s); a message pending for 30 min (limit 10 min)"
    assert (code, failures(checks)) == (1, {"Outbox": expected})


def test_an_unmigrated_database_fails_with_the_revision_it_is_at(
    tmp_path: Path,
    standin: SlackStandIn,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0006")
    for name, value in app_settings(url, standin).items():
        monkeypatch.setenv(name, value)

    code, checks = doctor(capsys)

    expected = f"the database is at revision 0006; the code needs {head_revision()}"
    assert (code, failures(checks)) == (1, {"Migrations": expected})
    assert checks["Migrations"]["fix"] == "run `bot db upgrade`"
