"""Shifts and additions made in Slack, stored on the people rows (SQLite and PostgreSQL):
read back as saved, kept across restarts with the same file, and exported."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session

from bot.cli import main
from bot.config import load_practice
from bot.domain.hours import WeeklyHours
from bot.domain.people import Person
from bot.domain.practice import Practice
from bot.storage.people import SqlPeople
from bot.storage.sync import sync_practice
from bot.storage.tables import PersonRow
from tests.integration.roster import LATER, NIA
from tests.support import LENA, PRACTICE_FILE


def save(engine: Engine, practice: Practice, person: Person, at: timedelta = timedelta()) -> None:
    """`person` saved over whoever the roster holds under their id (nobody: an addition)."""
    replacing = people(engine, practice).get(person.slack_id)
    with Session(engine) as session:
        assert SqlPeople(session).save(practice.team_id, person, LATER + at, replacing=replacing)
        session.commit()


def people(engine: Engine, practice: Practice) -> dict[str, Person]:
    with Session(engine) as session:
        return practice.with_roster(SqlPeople(session).roster(practice.team_id)).people


def weekdays_at_night(person: Person) -> Person:
    return replace(person, shift=WeeklyHours(frozenset(range(5)), time(23), time(6), person.tz))


def test_a_shift_edited_in_slack_reads_back_and_survives_a_restart(
    engine: Engine, practice: Practice
) -> None:
    moved = weekdays_at_night(practice.people[LENA])
    save(engine, practice, moved)
    assert people(engine, practice)[LENA] == moved
    assert sync_practice(engine, practice, LATER + timedelta(hours=1)) == 0
    assert people(engine, practice)[LENA].shift == moved.shift


def test_a_person_added_in_slack_stays_until_the_file_names_them(
    engine: Engine, practice: Practice
) -> None:
    save(engine, practice, NIA)
    assert people(engine, practice)[NIA.slack_id] == NIA
    assert sync_practice(engine, practice, LATER + timedelta(hours=1)) == 0
    assert people(engine, practice)[NIA.slack_id] == NIA
    written = replace(NIA, scopes=frozenset({"records_request"}))
    named = replace(practice, people=practice.people | {NIA.slack_id: written})
    sync_practice(engine, named, LATER + timedelta(hours=2))
    assert people(engine, named)[NIA.slack_id].scopes == written.scopes  # the file wins


def test_someone_the_file_dropped_and_slack_added_again_stays(
    engine: Engine, practice: Practice
) -> None:
    lena = practice.people[LENA]
    without = replace(practice, people={k: p for k, p in practice.people.items() if k != LENA})
    sync_practice(engine, without, LATER)
    assert LENA not in people(engine, without)
    save(engine, without, lena, timedelta(minutes=5))
    assert sync_practice(engine, without, LATER + timedelta(hours=1)) == 0
    assert people(engine, without)[LENA] == lena


def test_a_slack_edit_from_before_rows_held_shifts_keeps_its_edit_and_the_files_shift(
    engine: Engine, practice: Practice
) -> None:
    lena = practice.people[LENA]
    save(engine, practice, replace(lena, scopes=lena.scopes | {"scheduling"}))
    with Session(engine) as session:  # as migration 0011 left the rows
        blank = dict.fromkeys(("shift_days", "shift_start", "shift_end"))
        session.exec(update(PersonRow).where(PersonRow.slack_id == LENA).values(**blank))  # type: ignore[call-overload]
        session.commit()
    assert sync_practice(engine, practice, LATER + timedelta(hours=1)) == 0
    now = people(engine, practice)[LENA]
    assert (now.scopes, now.shift) == (lena.scopes | {"scheduling"}, lena.shift)


def test_roster_export_writes_the_shifts_and_the_people_added_in_slack(
    engine: Engine,
    practice: Practice,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    moved = weekdays_at_night(practice.people[LENA])
    save(engine, practice, moved)
    save(engine, practice, NIA)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PRACTICE_CONFIG", str(PRACTICE_FILE))
    assert main(["config", "check", str(PRACTICE_FILE)]) == 0
    warnings = capsys.readouterr().out
    assert f"{LENA} (Lena" in warnings
    assert "shift: sat, sun 09:00 to 17:00 → mon, tue, wed, thu, fri 23:00 to 06:00" in warnings
    assert f"{NIA.slack_id} (Nia Okafor) is in the database, not the file" in warnings
    assert main(["roster", "export"]) == 0
    exported = tmp_path / "practice.yml"
    exported.write_text(capsys.readouterr().out)
    assert main(["config", "check", str(exported)]) == 0
    again = load_practice(exported)
    assert (again.people[LENA].shift, again.people[NIA.slack_id]) == (moved.shift, NIA)
