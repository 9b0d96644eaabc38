"""One current row per person, whoever saves at the same moment (SQLite and PostgreSQL): the
database refuses a second one, and the losing manager is told and audited, nothing written."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import time
from time import monotonic, sleep

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.domain.practice import Practice
from bot.domain.roster import RosterEdit, description, edit_of
from bot.services.errors import Conflict
from bot.services.roster import SAME_MOMENT, add_person, change_person
from bot.slack.notifier import OutboxNotifier
from bot.storage.people import SqlPeople
from bot.storage.sync import snapshot
from bot.storage.tables import PersonRow, TaskEventRow
from bot.storage.uow import SqlUnitOfWork
from tests.integration.roster import LATER, NIA
from tests.support import ADMIN, KIM, LENA


def current_rows(engine: Engine, slack_id: str) -> list[PersonRow]:
    with Session(engine) as session:
        query = select(PersonRow).where(
            PersonRow.slack_id == slack_id, col(PersonRow.valid_to).is_(None)
        )
        return list(session.exec(query))


def roster_events(engine: Engine) -> list[tuple[str, str, str]]:
    with Session(engine) as session:
        rows = session.exec(select(TaskEventRow).order_by(col(TaskEventRow.id)))
        return [(e.actor_id, e.action, e.reason) for e in rows if e.action.startswith("roster")]


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Run `calls` in threads released together; each one's result or the exception it raised."""
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = calls[index]()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_managers_adding_the_same_person_at_once_exactly_one_wins(
    engine: Engine, practice: Practice
) -> None:
    def adding(actor: str, name: str) -> Callable[[], object]:
        uow = SqlUnitOfWork(engine, OutboxNotifier)
        person = replace(NIA, name=name)
        return lambda: add_person(uow, practice, actor_id=actor, person=person, problems={},
                                  now=LATER)  # fmt: skip

    results = at_once(adding(KIM, "Nia by Kim"), adding(ADMIN, "Nia by Alex"))
    [lost] = [result for result in results if isinstance(result, Conflict)]
    assert lost.message == f"Someone changed <@{NIA.slack_id}> at the same moment; look again."
    [row] = current_rows(engine, NIA.slack_id)
    winner, loser = (KIM, ADMIN) if row.name == "Nia by Kim" else (ADMIN, KIM)
    said = f"{NIA.slack_id} {'; '.join(description(NIA))}"
    assert sorted(roster_events(engine)) == sorted(
        [(winner, "roster_added", said), (loser, "roster_add_refused", said + SAME_MOMENT)]
    )


def test_two_managers_editing_the_same_person_at_once_exactly_one_wins(
    engine: Engine, practice: Practice
) -> None:
    lena = practice.people[LENA]
    assert lena.shift is not None
    nights = replace(edit_of(lena), shift=replace(lena.shift, start=time(22)))
    scoped = replace(edit_of(lena), scopes=lena.scopes | {"scheduling"})

    def editing(actor: str, edit: RosterEdit) -> Callable[[], object]:
        uow = SqlUnitOfWork(engine, OutboxNotifier)
        return lambda: change_person(uow, practice, actor_id=actor, slack_id=LENA,
                                     edit=edit, now=LATER)  # fmt: skip

    results = at_once(editing(KIM, nights), editing(ADMIN, scoped))
    assert [isinstance(result, Conflict) for result in results].count(True) == 1
    [row] = current_rows(engine, LENA)
    kim_won = not isinstance(results[0], Conflict)
    assert (row.shift_start == time(22), "scheduling" in row.scopes) == (kim_won, not kim_won)
    actions = sorted(action for _, action, _ in roster_events(engine))
    assert actions == ["roster_change_refused", "roster_changed"]


@pytest.mark.parametrize("edit", [False, True], ids=["an addition", "an edit"])
def test_a_second_session_that_read_before_the_first_wrote_saves_nothing(
    engine: Engine, practice: Practice, edit: bool
) -> None:
    """Both read the person's current row before either wrote: once the first commits, the
    unique index (an addition) or the guarded close (an edit) refuses the second."""
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite writers take the write lock before reading: the second reads later")
    before = practice.people[LENA] if edit else None
    person = replace(before, scopes=before.scopes | {"scheduling"}) if before else NIA
    with Session(engine) as first, Session(engine) as second:
        assert SqlPeople(first).save(practice.team_id, person, LATER, replacing=before)
        result = in_thread(lambda: SqlPeople(second).save(
            practice.team_id, replace(person, name="Second"), LATER, replacing=before))  # fmt: skip
        wait_for_a_waiting_lock(engine)
        first.commit()
        assert result() is False
        second.commit()  # its transaction is still usable, and wrote nothing
    [row] = current_rows(engine, person.slack_id)
    assert (row.name, row.scopes) == (person.name, sorted(person.scopes))


def test_the_database_refuses_a_second_current_row_for_a_person(
    engine: Engine, practice: Practice
) -> None:
    with Session(engine) as session:
        values = snapshot(practice.people[LENA])
        session.add(PersonRow(team_id=practice.team_id, slack_id=LENA, valid_from=LATER,
                              **values))  # type: ignore[arg-type]  # fmt: skip
        with pytest.raises(IntegrityError):
            session.commit()


def in_thread(call: Callable[[], object]) -> Callable[[], object]:
    """Start `call` in a thread; a function that waits (up to 30 s) for what it returned."""
    box: list[object] = []
    thread = threading.Thread(target=lambda: box.append(call()))
    thread.start()

    def result() -> object:
        thread.join(timeout=30)
        assert box, "the call never returned"
        return box[0]

    return result


WAITING_HERE = text(  # in this test's database: other xdist workers' waits do not count
    "SELECT count(*) FROM pg_locks WHERE NOT granted"
    " AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())"
)


def wait_for_a_waiting_lock(engine: Engine) -> None:
    """Until a session on this database waits on a lock (the second save, behind the first)."""
    deadline = monotonic() + 10
    with engine.connect() as connection:
        while monotonic() < deadline:
            waiting = connection.execute(WAITING_HERE)
            if waiting.scalar_one():
                return
            connection.rollback()
            sleep(0.01)  # polling a condition, not betting on timing
    raise AssertionError("the second save never waited for the first")
