"""Migration 0014 on a database that already has people (SQLite and PostgreSQL): two current
rows left by an old race become one, nothing else changes, and a third is refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.config import load_practice
from bot.storage.engine import make_engine
from bot.storage.migrate import alembic_config, model_differences, upgrade
from bot.storage.sync import snapshot, sync_practice
from bot.storage.tables import PersonRow
from tests.conftest import throwaway_postgres
from tests.support import LENA, PRACTICE_FILE, TUESDAY_10AM_NY

BEFORE = "0013"
PRACTICE = load_practice(PRACTICE_FILE)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine_before(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database at the revision before one current row per person was enforced."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
        upgrade(url, BEFORE)
        engine = make_engine(url)
        yield engine
        engine.dispose()
        return
    with throwaway_postgres("handoff_migrate") as url:
        command.downgrade(alembic_config(url), BEFORE)
        engine = make_engine(url)
        yield engine
        engine.dispose()


def rows(engine: Engine) -> list[PersonRow]:
    with Session(engine) as session:
        return list(session.exec(select(PersonRow).order_by(col(PersonRow.id))))


def add_current_row(engine: Engine, slack_id: str, at: timedelta) -> None:
    with Session(engine) as session:
        session.add(PersonRow(team_id=PRACTICE.team_id, slack_id=slack_id,
                              valid_from=TUESDAY_10AM_NY + at,
                              **snapshot(PRACTICE.people[slack_id])))  # type: ignore[arg-type]  # fmt: skip
        session.commit()


def test_upgrading_keeps_the_newest_of_two_current_rows_and_then_refuses_a_third(
    engine_before: Engine,
) -> None:
    sync_practice(engine_before, PRACTICE, TUESDAY_10AM_NY)
    add_current_row(engine_before, LENA, timedelta(minutes=5))  # what a race used to leave
    before = rows(engine_before)
    url = engine_before.url.render_as_string(hide_password=False)

    upgrade(url)

    after = rows(engine_before)
    *older, newest = [row for row in before if row.slack_id == LENA]
    closed = {row.id: row.valid_to for row in after if row.valid_to is not None}
    assert closed == {row.id: newest.valid_from for row in older}
    assert [row.id for row in after if row.valid_to is None] == [
        row.id for row in before if row.id not in closed
    ]
    assert [row.model_dump(exclude={"valid_to"}) for row in after] == [
        row.model_dump(exclude={"valid_to"}) for row in before
    ]
    assert model_differences(engine_before) == []
    with pytest.raises(IntegrityError):
        add_current_row(engine_before, LENA, timedelta(minutes=10))
