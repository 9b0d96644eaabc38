"""Acting on a task: one guarded transition, its audit row and its announcement, or a refusal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.domain.lifecycle import Action
from bot.domain.practice import Practice
from bot.domain.task import Status, Task
from bot.services.lifecycle import ActionRequest, perform, precheck
from bot.services.ports import ReplyTo
from tests.builders import GRACE, JOSE, MARIA, PATEL, make_task, ny, with_clock
from tests.fakes import FakeStore, FakeUnitOfWork

NOW = ny(2026, 12, 1, 10)
REPLY_TO = ReplyTo(response_url="https://hooks.slack.test/1")


def stored(store: FakeStore, practice: Practice, status: Status, **fields: Any) -> Task:
    """Task 1 (insurance, Dr. Patel's, Maria's unless unassigned) with its clock running."""
    values: dict[str, Any] = {
        "type_id": "insurance_verification",
        "status": status,
        "created_at": NOW - timedelta(hours=1),
        "assignee_id": None if status is Status.UNASSIGNED else MARIA.slack_id,
    }
    task = make_task(**(values | fields))
    return store.put(with_clock(practice, task, task.created_at))


def act(action: Action, actor: str, key: str = "action:1", **fields: Any) -> ActionRequest:
    return ActionRequest(
        team_id="T_TEST", actor_id=actor, task_id=1, action=action, reply_to=REPLY_TO,
        dedupe_key=key, **fields,
    )  # fmt: skip


def moved(status: Status, who: str | None) -> Callable[[FakeStore], object]:
    """Another worker's committed change of task 1, for `store.meanwhile`."""
    return lambda store: store.put(replace(store.tasks[1], status=status, assignee_id=who))


def test_claiming_an_assigned_task_records_the_claim_and_announces_it(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    before = stored(store, practice, Status.ASSIGNED)
    result = perform(uow, practice, act(Action.CLAIM, MARIA.slack_id), NOW)
    after = store.tasks[1]
    assert result.done
    assert (after.status, after.assignee_id, after.claimed_at) == (
        Status.CLAIMED,
        MARIA.slack_id,
        NOW,
    )
    assert after.clock_epoch == before.clock_epoch + 1  # the resolve clock starts
    assert after.last_activity_at == NOW
    [event] = store.events
    assert (event.action, event.from_status, event.to_status) == (
        "claim",
        Status.ASSIGNED,
        Status.CLAIMED,
    )
    assert store.called("task_changed") == [(before, after, Action.CLAIM, MARIA.slack_id)]
    assert uow.commits == 1


def test_an_assistant_not_cleared_for_the_type_is_refused_and_the_refusal_audited(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    before = stored(store, practice, Status.UNASSIGNED, type_id="prior_authorization")
    result = perform(uow, practice, act(Action.CLAIM, JOSE.slack_id), NOW)
    assert not result.done
    assert result.refusal
    assert store.tasks[1] == before
    assert store.actions() == ["claim_refused"]
    [(reply_to, task, action, verdict)] = store.called("refused")
    assert (reply_to, task, action, verdict.why) == (REPLY_TO, before, Action.CLAIM, result.refusal)


def test_done_without_a_note_is_refused_as_needing_one(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, Status.CLAIMED)
    result = perform(uow, practice, act(Action.DONE, MARIA.slack_id, text="  "), NOW)
    assert "add a note" in result.refusal
    assert store.tasks[1].status is Status.CLAIMED


def test_a_claim_that_loses_the_race_is_judged_again_and_refused_as_taken(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, Status.UNASSIGNED)
    store.meanwhile.append(moved(Status.CLAIMED, JOSE.slack_id))
    result = perform(uow, practice, act(Action.CLAIM, MARIA.slack_id), NOW)
    assert not result.done
    assert store.tasks[1].assignee_id == JOSE.slack_id
    assert store.actions() == ["claim_refused"]


def test_a_cancel_that_loses_the_race_but_is_still_allowed_is_applied_to_the_fresh_task(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, Status.ASSIGNED)
    store.meanwhile.append(moved(Status.CLAIMED, MARIA.slack_id))
    result = perform(uow, practice, act(Action.CANCEL, PATEL.slack_id, text="Not needed"), NOW)
    assert result.done
    [event] = store.events
    assert (event.from_status, event.to_status) == (Status.CLAIMED, Status.CANCELLED)


def test_a_task_that_keeps_changing_is_refused_with_try_again(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, Status.ASSIGNED)
    store.meanwhile += [moved(Status.CLAIMED, MARIA.slack_id), moved(Status.UNASSIGNED, None)]
    result = perform(uow, practice, act(Action.CANCEL, PATEL.slack_id, text="Not needed"), NOW)
    assert "kept changing" in result.refusal
    assert store.tasks[1].status is Status.UNASSIGNED


def test_a_repeated_action_does_nothing_the_second_time(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, Status.ASSIGNED)
    perform(uow, practice, act(Action.CLAIM, MARIA.slack_id), NOW)
    again = perform(uow, practice, act(Action.CLAIM, MARIA.slack_id), NOW)
    assert (again.done, again.task) == (False, None)
    assert len(store.events) == 1
    assert len(store.calls) == 1


def test_snoozing_moves_the_next_check_and_the_target_by_the_snoozed_time(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    before = stored(store, practice, Status.ASSIGNED)
    until = NOW + timedelta(hours=3)
    request = act(Action.SNOOZE, GRACE.slack_id, text="Waiting on the payer", until=until)
    assert perform(uow, practice, request, NOW).done
    after = store.tasks[1]
    assert (after.status, after.snoozed_until, after.next_check_at) == (
        Status.ASSIGNED,
        until,
        until,
    )
    assert before.clock_target_at is not None
    assert after.clock_target_at == before.clock_target_at + timedelta(hours=3)


def test_checking_before_a_form_writes_nothing_when_allowed(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    task = stored(store, practice, Status.CLAIMED)
    assert precheck(uow, practice, act(Action.DONE, MARIA.slack_id), NOW) == task
    assert (store.events, store.calls, uow.commits) == ([], [], 0)


def test_checking_before_a_form_audits_and_tells_a_refusal(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, Status.CLAIMED)
    assert precheck(uow, practice, act(Action.DONE, JOSE.slack_id), NOW) is None
    assert store.actions() == ["done_refused"]
    assert len(store.called("refused")) == 1


def test_acting_on_another_teams_task_is_refused_as_gone(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    stored(store, practice, Status.ASSIGNED, team_id="T_OTHER")
    result = perform(uow, practice, act(Action.CLAIM, MARIA.slack_id), NOW)
    assert result.refusal == "that task no longer exists"
    assert store.tasks[1].status is Status.ASSIGNED
