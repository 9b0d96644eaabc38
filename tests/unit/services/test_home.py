"""Publishing a person's App Home: the lists their role needs, from one read."""

from __future__ import annotations

from bot.domain.practice import Practice
from bot.domain.task import Status
from bot.services.home import AssistantHome, ClinicianHome, ManagerHome, publish_home
from tests.builders import GRACE, LUIS, MARIA, PATEL, make_task, ny
from tests.fakes import FakeStore, FakeUnitOfWork

NOW = ny(2026, 12, 1, 10)


def home_of(uow: FakeUnitOfWork, store: FakeStore, practice: Practice, user_id: str) -> object:
    publish_home(uow, practice, user_id=user_id, now=NOW)
    [(published_for, home)] = store.called("publish_home")
    assert published_for == user_id
    return home


def test_an_assistant_sees_what_they_hold_and_what_is_unclaimed_in_their_scopes(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    mine = store.put(make_task(1, status=Status.CLAIMED))
    open_ = store.put(make_task(2, status=Status.UNASSIGNED, assignee_id=None))
    store.put(make_task(3, status=Status.DONE))
    home = home_of(uow, store, practice, MARIA.slack_id)
    assert isinstance(home, AssistantHome)
    assert (list(home.in_hand.tasks), list(home.unclaimed.tasks)) == ([mine], [open_])


def test_a_clinician_sees_what_waits_on_them_apart_from_the_rest(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    returned = store.put(make_task(1, status=Status.RETURNED))
    assigned = store.put(make_task(2))
    home = home_of(uow, store, practice, PATEL.slack_id)
    assert isinstance(home, ClinicianHome)
    assert (list(home.returned.tasks), list(home.delegated.tasks)) == ([returned], [assigned])


def test_a_manager_sees_counts_and_what_is_overdue(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    late = store.put(make_task(1, due_at=NOW.replace(hour=9)))
    store.put(make_task(2))
    home = home_of(uow, store, practice, GRACE.slack_id)
    assert isinstance(home, ManagerHome)
    assert home.counts == {(Status.ASSIGNED, "scheduling"): 2}
    assert (list(home.overdue.tasks), home.overdue.total) == ([late], 1)


def test_people_not_set_up_or_inactive_get_the_not_set_up_home(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    assert home_of(uow, store, practice, LUIS.slack_id) is None
