"""People who leave: Slack deactivations are recorded, what they held is routed again."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.practice import Practice
from bot.domain.task import Status
from bot.services.offboarding import account_changed, reroute_orphans
from tests.builders import ANA, JOSE, LUIS, MARIA, make_task, ny
from tests.fakes import FakeStore, FakeUnitOfWork

NOW = ny(2026, 12, 1, 10)


def test_a_slack_deactivation_is_recorded_once(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    assert account_changed(uow, practice, slack_id=MARIA.slack_id, deleted=True, now=NOW)
    assert not account_changed(uow, practice, slack_id=MARIA.slack_id, deleted=True, now=NOW)
    assert uow.people.inactive_ids("T_TEST") == {MARIA.slack_id}


def test_someone_outside_the_config_changes_nothing(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    assert not account_changed(uow, practice, slack_id="USTRANGER", deleted=True, now=NOW)
    assert (store.slack_deleted, uow.commits) == ({}, 0)


def test_tasks_held_by_someone_who_left_are_routed_to_an_active_assistant(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    held = store.put(make_task(1, status=Status.CLAIMED, assignee_id=LUIS.slack_id))
    store.put(make_task(2, status=Status.CLAIMED, assignee_id=JOSE.slack_id))  # still active
    moves = reroute_orphans(uow, practice, NOW)
    [(before, after)] = moves
    assert before == held
    assert after.status is Status.ASSIGNED
    assert after.assignee_id in {MARIA.slack_id, JOSE.slack_id, ANA.slack_id}
    assert (after.claimed_at, after.clock_epoch) == (None, held.clock_epoch + 1)
    [event] = store.events
    assert (event.action, event.actor_id) == ("rerouted", "handoff")
    assert LUIS.slack_id in event.reason
    assert [c.name for c in store.calls] == ["task_rerouted", "people_left"]
    assert store.called("people_left") == [(moves,)]


def without(practice: Practice, *gone: str) -> Practice:
    return replace(practice, people={k: p for k, p in practice.people.items() if k not in gone})


def prior_auth_held_by_ana(store: FakeStore) -> None:
    task = make_task(type_id="prior_authorization", status=Status.CLAIMED, assignee_id=ANA.slack_id)
    store.put(task)


def test_a_task_goes_to_the_one_other_assistant_cleared_for_its_type(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    prior_auth_held_by_ana(store)
    [(_, after)] = reroute_orphans(uow, without(practice, ANA.slack_id), NOW)
    assert after.assignee_id == MARIA.slack_id


def test_with_no_one_else_cleared_the_task_goes_back_to_the_queue(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    prior_auth_held_by_ana(store)
    [(_, after)] = reroute_orphans(uow, without(practice, ANA.slack_id, MARIA.slack_id), NOW)
    assert (after.status, after.assignee_id) == (Status.UNASSIGNED, None)


def test_nothing_to_move_announces_nothing(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    store.put(make_task(status=Status.DONE, assignee_id=LUIS.slack_id))
    assert reroute_orphans(uow, practice, NOW) == []
    assert store.calls == []
