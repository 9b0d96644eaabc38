"""Storage on SQLite and PostgreSQL: UTC datetimes, task numbers, dedupe, people history."""

from __future__ import annotations

import dataclasses
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func
from sqlalchemy.exc import StatementError
from sqlmodel import Session, col, select

from bot.config import load_practice
from bot.domain.practice import Practice
from bot.domain.task import Priority, Status
from bot.services.ports import NewTask
from bot.storage.sync import sync_practice
from bot.storage.tables import PersonRow, TaskRow, TeamRow
from bot.storage.uow import SqlUnitOfWork
from tests.fakes import FakeStore, RecordingNotifier
from tests.support import CHEN, JOSE, LENA, PATEL, PRACTICE_FILE, TUESDAY_10AM_NY

OTHER_TEAM = "T0OTHERTEAM1"


@pytest.fixture(scope="module")
def practice() -> Practice:
    return load_practice(PRACTICE_FILE)


@pytest.fixture
def teams(engine: Engine, practice: Practice) -> tuple[str, str]:
    """Two synced teams: the test practice and a copy under another team id."""
    sync_practice(engine, practice, TUESDAY_10AM_NY)
    other = dataclasses.replace(practice, team_id=OTHER_TEAM, name="Other Practice")
    sync_practice(engine, other, TUESDAY_10AM_NY)
    return practice.team_id, OTHER_TEAM


def uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine, lambda _session: RecordingNotifier(FakeStore()))


def new_task(team_id: str, title: str = "Call the payer") -> NewTask:
    return NewTask(
        team_id=team_id,
        type_id="insurance_verification",
        priority=Priority.ROUTINE,
        status=Status.ASSIGNED,
        requester_id=PATEL,
        assignee_id=JOSE,
        title=title,
        details="",
        patient_ref="",
        due_at=TUESDAY_10AM_NY + timedelta(days=1),
        created_at=TUESDAY_10AM_NY,
    )


def create_task(engine: Engine, team_id: str, title: str = "Call the payer") -> str:
    with uow(engine) as work:
        task = work.tasks.add(new_task(team_id, title))
        work.commit()
    return task.code


def current_people(engine: Engine, team_id: str) -> dict[str, PersonRow]:
    with Session(engine) as session:
        query = select(PersonRow).where(
            PersonRow.team_id == team_id, col(PersonRow.valid_to).is_(None)
        )
        return {row.slack_id: row for row in session.exec(query)}


def people_rows(engine: Engine, slack_id: str) -> list[PersonRow]:
    with Session(engine) as session:
        query = select(PersonRow).where(PersonRow.slack_id == slack_id).order_by(col(PersonRow.id))
        return list(session.exec(query))


def count_people(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(PersonRow)).one())


# --- UTCDateTime -----------------------------------------------------------------------------


def test_an_aware_datetime_comes_back_as_the_same_instant_in_utc(engine: Engine) -> None:
    manila = datetime(2026, 12, 2, 7, 30, 15, 123456, tzinfo=ZoneInfo("Asia/Manila"))
    with Session(engine) as session:
        session.add(TeamRow(team_id="T0UTCCHECK1", name="UTC check", created_at=manila))
        session.commit()
    with Session(engine) as session:
        loaded = session.get_one(TeamRow, "T0UTCCHECK1").created_at
    assert loaded == manila
    assert loaded.tzinfo is UTC
    assert (loaded.hour, loaded.minute, loaded.second, loaded.microsecond) == (23, 30, 15, 123456)
    assert loaded.date().isoformat() == "2026-12-01"


def test_a_naive_datetime_is_refused(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(TeamRow(team_id="T0NAIVE0001", name="naive", created_at=datetime(2026, 12, 1)))
        with pytest.raises(StatementError, match="naive datetime"):
            session.commit()
    with Session(engine) as session:
        assert session.get(TeamRow, "T0NAIVE0001") is None


# --- task numbers ----------------------------------------------------------------------------


def test_task_numbers_are_sequential_codes_per_team(engine: Engine, teams: tuple[str, str]) -> None:
    ours, other = teams
    codes = [
        create_task(engine, ours),
        create_task(engine, ours),
        create_task(engine, other),
        create_task(engine, ours),
        create_task(engine, other),
    ]
    assert codes == ["T-0001", "T-0002", "T-0001", "T-0003", "T-0002"]
    with Session(engine) as session:
        assert session.get_one(TeamRow, ours).next_task_number == 4
        assert session.get_one(TeamRow, other).next_task_number == 3


def test_a_rolled_back_task_does_not_use_up_its_number(
    engine: Engine, teams: tuple[str, str]
) -> None:
    ours, _ = teams
    with uow(engine) as work:
        assert work.tasks.add(new_task(ours)).code == "T-0001"  # never committed
    assert create_task(engine, ours) == "T-0001"


def test_a_task_for_a_team_never_synced_is_refused(engine: Engine) -> None:
    with uow(engine) as work, pytest.raises(LookupError, match="T0NOSUCHTEAM"):
        work.tasks.add(new_task("T0NOSUCHTEAM"))


def test_concurrent_task_creation_gives_distinct_numbers_without_gaps(
    engine: Engine, teams: tuple[str, str]
) -> None:
    ours, _ = teams
    threads, per_thread = 8, 10
    start = threading.Barrier(threads, timeout=30)

    def create_several(worker: int) -> list[str]:
        start.wait()
        return [create_task(engine, ours, f"worker {worker} task {i}") for i in range(per_thread)]

    with ThreadPoolExecutor(threads) as pool:
        codes = [code for batch in pool.map(create_several, range(threads)) for code in batch]

    assert len(codes) == threads * per_thread
    assert sorted(codes) == [f"T-{n:04d}" for n in range(1, threads * per_thread + 1)]
    with Session(engine) as session:
        numbers = session.exec(select(TaskRow.number).where(TaskRow.team_id == ours)).all()
    assert sorted(numbers) == list(range(1, threads * per_thread + 1))


# --- dedupe ----------------------------------------------------------------------------------


def test_dedupe_says_first_time_once_per_key(engine: Engine) -> None:
    team = "T0HANDOFF01"
    with uow(engine) as work:
        assert work.dedupe.first_time(team, "Ev0001", TUESDAY_10AM_NY) is True
        assert work.dedupe.first_time(team, "Ev0001", TUESDAY_10AM_NY) is False
        work.commit()
    with uow(engine) as work:
        assert work.dedupe.first_time(team, "Ev0001", TUESDAY_10AM_NY) is False
        assert work.dedupe.first_time(team, "Ev0002", TUESDAY_10AM_NY) is True
        assert work.dedupe.first_time(OTHER_TEAM, "Ev0001", TUESDAY_10AM_NY) is True
        work.commit()


def test_an_uncommitted_first_time_is_forgotten_on_rollback(engine: Engine) -> None:
    with uow(engine) as work:
        assert work.dedupe.first_time("T0HANDOFF01", "Ev0003", TUESDAY_10AM_NY) is True
    with uow(engine) as work:
        assert work.dedupe.first_time("T0HANDOFF01", "Ev0003", TUESDAY_10AM_NY) is True


def test_dedupe_remembers_the_task_a_key_created(engine: Engine, teams: tuple[str, str]) -> None:
    ours, _ = teams
    with uow(engine) as work:
        task = work.tasks.add(new_task(ours))
        assert work.dedupe.first_time(ours, "trigger-1", TUESDAY_10AM_NY, task.id)
        work.commit()
    with uow(engine) as work:
        assert work.dedupe.task_for(ours, "trigger-1") == task.id
        assert work.dedupe.task_for(ours, "trigger-2") is None


@pytest.mark.parametrize(
    ("first_commits", "second_sees_first_time"), [(True, False), (False, True)]
)
def test_a_second_session_waits_for_the_first_and_follows_its_outcome(
    engine: Engine, first_commits: bool, second_sees_first_time: bool
) -> None:
    """The second insert blocks on the first's open transaction (PostgreSQL row lock, SQLite
    write lock) and then answers by what the first did: committed = seen, rolled back = new."""
    with uow(engine) as first:
        assert first.dedupe.first_time("T0HANDOFF01", "Ev0WAIT01", TUESDAY_10AM_NY) is True

        def second_session() -> bool:
            with uow(engine) as second:
                seen = second.dedupe.first_time("T0HANDOFF01", "Ev0WAIT01", TUESDAY_10AM_NY)
                second.commit()
            return seen

        with ThreadPoolExecutor(1) as pool:
            answer = pool.submit(second_session)
            if first_commits:
                first.commit()
            else:
                first.session.rollback()
            assert answer.result(timeout=30) is second_sees_first_time


def test_of_eight_concurrent_sessions_exactly_one_sees_a_key_first(engine: Engine) -> None:
    sessions = 8
    start = threading.Barrier(sessions, timeout=30)

    def try_key(_: int) -> bool:
        with uow(engine) as work:
            start.wait()
            first = work.dedupe.first_time("T0HANDOFF01", "Ev0RACE01", TUESDAY_10AM_NY)
            work.commit()
        return first

    with ThreadPoolExecutor(sessions) as pool:
        results = list(pool.map(try_key, range(sessions)))

    assert results.count(True) == 1, results
    assert results.count(False) == sessions - 1


# --- people history --------------------------------------------------------------------------


def test_the_first_sync_inserts_one_current_row_per_person(
    engine: Engine, practice: Practice
) -> None:
    assert sync_practice(engine, practice, TUESDAY_10AM_NY) == len(practice.people) == 8
    current = current_people(engine, practice.team_id)
    assert set(current) == set(practice.people)
    assert count_people(engine) == 8
    lena = current[LENA]
    assert (lena.role, lena.scopes, lena.timezone, lena.active) == (
        "assistant",
        ["records_request"],
        "Europe/Berlin",
        True,
    )
    assert lena.valid_from == TUESDAY_10AM_NY
    assert current[PATEL].assistants == ["U0VAMARIA01", JOSE]
    with Session(engine) as session:
        team = session.get_one(TeamRow, practice.team_id)
    assert (team.name, team.next_task_number) == ("Test Family Practice", 1)


def test_syncing_the_same_config_again_changes_nothing(engine: Engine, practice: Practice) -> None:
    sync_practice(engine, practice, TUESDAY_10AM_NY)
    before = {row.slack_id: row.id for row in current_people(engine, practice.team_id).values()}
    assert sync_practice(engine, practice, TUESDAY_10AM_NY + timedelta(hours=1)) == 0
    after = {row.slack_id: row.id for row in current_people(engine, practice.team_id).values()}
    assert after == before
    assert count_people(engine) == 8


def test_a_changed_person_gets_the_old_row_closed_and_a_new_current_row(
    engine: Engine, practice: Practice
) -> None:
    first, later = TUESDAY_10AM_NY, TUESDAY_10AM_NY + timedelta(days=3)
    sync_practice(engine, practice, first)
    people = dict(practice.people)
    people[LENA] = dataclasses.replace(people[LENA], active=False)
    people[JOSE] = dataclasses.replace(people[JOSE], scopes=people[JOSE].scopes | {"scheduling2"})
    changed = dataclasses.replace(practice, people=people)

    assert sync_practice(engine, changed, later) == 4  # two closed, two opened

    for slack_id in (LENA, JOSE):
        old, new = people_rows(engine, slack_id)
        assert (old.valid_from, old.valid_to) == (first, later)
        assert (new.valid_from, new.valid_to) == (later, None)
    assert [row.active for row in people_rows(engine, LENA)] == [True, False]
    assert "scheduling2" not in people_rows(engine, JOSE)[0].scopes
    assert "scheduling2" in people_rows(engine, JOSE)[1].scopes
    assert len(current_people(engine, practice.team_id)) == 8
    assert count_people(engine) == 10
    assert sync_practice(engine, changed, later + timedelta(hours=1)) == 0


def test_a_removed_person_gets_the_row_closed_and_no_new_row(
    engine: Engine, practice: Practice
) -> None:
    first, later = TUESDAY_10AM_NY, TUESDAY_10AM_NY + timedelta(days=1)
    sync_practice(engine, practice, first)
    without_chen = dataclasses.replace(
        practice, people={k: v for k, v in practice.people.items() if k != CHEN}
    )

    assert sync_practice(engine, without_chen, later) == 1

    [row] = people_rows(engine, CHEN)
    assert (row.valid_from, row.valid_to) == (first, later)
    assert CHEN not in current_people(engine, practice.team_id)
    assert len(current_people(engine, practice.team_id)) == 7
    assert sync_practice(engine, without_chen, later + timedelta(hours=1)) == 0
