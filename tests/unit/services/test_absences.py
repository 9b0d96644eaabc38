"""Time off on fakes: who may set it, and the start-of-absence sweep moving work exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.practice import Practice
from bot.domain.task import Status
from bot.services.absences import AbsenceRequest, set_absence, start_absences
from bot.services.errors import InvalidFields
from bot.services.offboarding import reroute
from tests.builders import GRACE, JOSE, MARIA, PATEL, make_task, ny
from tests.fakes import FakeStore, FakeUnitOfWork

NOW = ny(2026, 12, 1, 10)
DAY = timedelta(days=1)


def away(actor: str, who: str = MARIA.slack_id, starts: timedelta = timedelta()) -> AbsenceRequest:
    return AbsenceRequest("T_TEST", actor, who, NOW + starts, NOW + starts + DAY, note="flu")


@pytest.mark.parametrize("actor", [MARIA.slack_id, GRACE.slack_id], ids=["herself", "manager"])
def test_an_assistant_or_a_manager_sets_time_off_audited_without_the_note(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice, actor: str
) -> None:
    absence = set_absence(uow, practice, away(actor), NOW)
    assert (absence.slack_id, absence.created_by, absence.note) == (MARIA.slack_id, actor, "flu")
    [event] = store.events
    assert (event.action, event.actor_id, event.task_id) == ("absence_set", actor, None)
    assert "flu" not in event.reason


@pytest.mark.parametrize(
    ("actor", "who", "says"),
    [
        (JOSE.slack_id, MARIA.slack_id, "Only managers can set someone else's time off."),
        (PATEL.slack_id, MARIA.slack_id, "Only managers can set someone else's time off."),
        (GRACE.slack_id, PATEL.slack_id, "Time off is for active assistants."),
        ("UNOBODY", MARIA.slack_id, "You're not set up in Handoff."),
    ],
)
def test_time_off_for_someone_else_is_refused_unless_a_manager_sets_it(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice, actor: str, who: str, says: str
) -> None:
    with pytest.raises(InvalidFields) as refused:
        set_absence(uow, practice, away(actor, who), NOW)
    assert refused.value.errors == {"person": says}
    assert (store.absences, store.events) == ({}, [])


def test_the_start_of_an_absence_moves_unclaimed_work_and_lists_claimed_work_once(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    unclaimed = store.put(make_task(1))
    claimed = store.put(make_task(2, status=Status.CLAIMED))
    set_absence(uow, practice, away(GRACE.slack_id, starts=timedelta(hours=1)), NOW)
    assert start_absences(uow.factory, practice, NOW) == []  # not begun
    [started] = start_absences(uow.factory, practice, NOW + timedelta(hours=1))
    assert start_absences(uow.factory, practice, NOW + timedelta(hours=2)) == []
    assert store.tasks[unclaimed.id].assignee_id not in (None, MARIA.slack_id)
    assert store.tasks[claimed.id] == claimed
    [(absence, moves, in_hand)] = store.called("absence_started")
    assert absence == started
    assert [before.id for before, _ in moves] == [unclaimed.id]
    assert in_hand == [claimed]


def test_routing_again_never_picks_an_assistant_who_is_away(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    set_absence(uow, practice, away(MARIA.slack_id), NOW)
    held = store.put(make_task(1, assignee_id=JOSE.slack_id))
    with uow:
        after = reroute(uow, practice, held, NOW, action="rerouted", cause="test")
    assert after is not None
    assert after.assignee_id not in (MARIA.slack_id, JOSE.slack_id)
