"""The config file and Slack edits: the file seeds, Slack edits stand until the file changes
that person, and `bot roster export` brings the file up to date (it passes `bot config check`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.cli import main
from bot.config import load_practice
from bot.domain.practice import Practice
from bot.storage.people import SqlPeople
from bot.storage.sync import sync_practice
from bot.storage.tables import PersonRow
from tests.support import JOSE, LENA, PRACTICE_FILE, TUESDAY_10AM_NY

LATER = TUESDAY_10AM_NY + timedelta(hours=1)


@pytest.fixture
def practice(engine: Engine) -> Practice:
    """The test practice synced, then Lena granted scheduling in Slack."""
    practice = load_practice(PRACTICE_FILE)
    sync_practice(engine, practice, TUESDAY_10AM_NY)
    lena = practice.people[LENA]
    with Session(engine) as session:
        SqlPeople(session).save(
            practice.team_id, replace(lena, scopes=lena.scopes | {"scheduling"}), LATER,
            replacing=lena,
        )  # fmt: skip
        session.commit()
    return practice


def roster(engine: Engine, practice: Practice) -> Practice:
    with Session(engine) as session:
        return practice.with_roster(SqlPeople(session).roster(practice.team_id))


def test_a_slack_edit_survives_a_restart_with_the_same_file(
    engine: Engine, practice: Practice
) -> None:
    assert sync_practice(engine, practice, LATER + timedelta(hours=1)) == 0
    assert roster(engine, practice).people[LENA].in_scope("scheduling")


def test_the_file_wins_for_a_person_it_changes_and_only_for_them(
    engine: Engine, practice: Practice
) -> None:
    jose = practice.people[JOSE]
    lena = practice.people[LENA]
    edited = replace(practice, people=practice.people | {
        JOSE: replace(jose, name="José R."),
    })  # fmt: skip
    sync_practice(engine, edited, LATER + timedelta(hours=1))
    assert roster(engine, edited).people[LENA].in_scope("scheduling")  # untouched by the file
    renamed = replace(edited, people=edited.people | {LENA: replace(lena, name="Lena K.")})
    sync_practice(engine, renamed, LATER + timedelta(hours=2))
    now = roster(engine, renamed).people[LENA]
    assert (now.name, now.scopes) == ("Lena K.", lena.scopes)  # the file changed her: it wins


def test_roster_export_passes_config_check_and_then_agrees_with_the_database(
    engine: Engine,
    practice: Practice,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PRACTICE_CONFIG", str(PRACTICE_FILE))
    assert main(["config", "check", str(PRACTICE_FILE)]) == 0
    [warning, advice] = [line for line in capsys.readouterr().out.splitlines() if "warning" in line]
    assert f"{LENA} (Lena" in warning
    assert "scopes: [records_request] → [records_request, scheduling]" in warning
    assert "bot roster export" in advice
    assert main(["roster", "export"]) == 0
    exported = tmp_path / "practice.yml"
    exported.write_text(capsys.readouterr().out)
    assert main(["config", "check", str(exported)]) == 0
    assert "warning" not in capsys.readouterr().out
    again = load_practice(exported)
    assert again.people[LENA].in_scope("scheduling")
    assert again.people[LENA].shift == practice.people[LENA].shift
    assert again.people == roster(engine, practice).people
    assert sync_practice(engine, again, LATER + timedelta(hours=1)) == 0
    with Session(engine) as session:
        current = session.exec(select(PersonRow).where(col(PersonRow.valid_to).is_(None))).all()
    assert {row.slack_id for row in current} == set(practice.people)
