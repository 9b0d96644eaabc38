"""Delegating a task: who may, what they may write, where it goes, and that it is stored once."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from bot.domain.people import Person
from bot.domain.practice import Practice
from bot.domain.task import Status
from bot.services.delegation import DelegationRequest, delegate
from bot.services.errors import InvalidFields, Refused
from tests.builders import ANA, GRACE, JOSE, LUIS, MARIA, PATEL, ny
from tests.fakes import FakeStore, FakeUnitOfWork

NOW = ny(2026, 12, 1, 10)  # Tuesday 10:00 New York: Maria and Jose are on shift


def request(**fields: Any) -> DelegationRequest:
    values: dict[str, Any] = {
        "team_id": "T_TEST",
        "requester_id": PATEL.slack_id,
        "type_key": "insurance",
        "details": "Verify coverage before Friday's visit",
        "dedupe_key": "view:V1",
        "title": "Verify coverage",
    }
    return DelegationRequest(**(values | fields))


def test_delegating_routes_stores_audits_and_announces_the_task_in_one_commit(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    delegated = delegate(uow, practice, request(), NOW)
    task = store.tasks[delegated.task.id]
    assert (task.code, task.status, task.assignee_id) == ("T-0001", Status.ASSIGNED, MARIA.slack_id)
    assert delegated.decision is not None
    assert delegated.decision.rule == "preferred"
    assert store.actions() == ["created", "assigned"]
    assert [call.name for call in store.calls] == ["task_created"]
    assert uow.commits == 1


def test_a_form_with_a_response_url_is_confirmed_there_too(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    delegate(uow, practice, request(response_url="https://hooks.slack.test/1"), NOW)
    assert [c.name for c in store.calls] == ["task_created"]
    assert store.called("task_created")[0][2] == "https://hooks.slack.test/1"


def test_a_new_task_starts_its_claim_clock(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    task = delegate(uow, practice, request(), NOW).task
    assert task.clock_epoch == 1
    assert task.clock_target_at == NOW + timedelta(hours=2)  # insurance: claim within 2h
    assert task.next_check_at == task.clock_target_at
    assert task.assigned_at == NOW


@pytest.mark.parametrize("who", [MARIA, replace(PATEL, active=False), LUIS])
def test_people_who_may_not_delegate_are_refused_and_nothing_is_written(
    who: Person, store: FakeStore, uow: FakeUnitOfWork, practice: Practice
) -> None:
    practice = replace(practice, people=practice.people | {who.slack_id: who})
    with pytest.raises(Refused):
        delegate(uow, practice, request(requester_id=who.slack_id), NOW)
    assert (store.tasks, store.events, store.calls, uow.commits) == ({}, [], [], 0)


def test_someone_not_in_the_config_is_told_to_ask_their_manager(
    uow: FakeUnitOfWork, practice: Practice
) -> None:
    with pytest.raises(Refused, match="practice manager"):
        delegate(uow, practice, request(requester_id="USTRANGER"), NOW)


@pytest.mark.parametrize(
    ("title", "problem"),
    [
        ("x" * 151, "under 150 characters"),
        ("Call Jane re MRN 448812", "looks like it holds"),
        ("See https://example.test/chart", "can't contain links"),
    ],
)
def test_a_title_the_channel_must_not_see_is_refused_before_anything_is_written(
    title: str, problem: str, uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    with pytest.raises(InvalidFields) as refused:
        delegate(uow, practice, request(title=title), NOW)
    assert problem in refused.value.errors["title"]
    assert store.tasks == {}
    assert store.seen == set()


def test_every_field_to_fix_is_named_at_once(uow: FakeUnitOfWork, practice: Practice) -> None:
    bad = request(type_key="astrology", details="  ", due_at=NOW - timedelta(minutes=1))
    with pytest.raises(InvalidFields) as refused:
        delegate(uow, practice, bad, NOW)
    assert set(refused.value.errors) == {"task_type", "details", "due"}


def test_a_repeated_request_returns_the_first_task_and_stores_nothing_new(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    first = delegate(uow, practice, request(), NOW)
    again = delegate(uow, practice, request(title="Another title"), NOW + timedelta(seconds=3))
    assert again.duplicate
    assert again.decision is None
    assert again.task == first.task
    assert len(store.tasks) == 1
    assert len(store.calls) == 1


def test_a_repeat_is_the_first_task_even_if_its_assistant_could_no_longer_take_it(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    first = delegate(uow, practice, request(assignee_id=JOSE.slack_id), NOW)
    gone = replace(practice, people=practice.people | {JOSE.slack_id: replace(JOSE, active=False)})
    again = delegate(uow, gone, request(assignee_id=JOSE.slack_id), NOW + timedelta(seconds=3))
    assert again.duplicate
    assert again.task == first.task
    assert len(store.tasks) == 1


def test_an_assistant_chosen_outside_their_scope_is_refused_with_who_could_take_it(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    with pytest.raises(InvalidFields) as refused:
        delegate(uow, practice, request(assignee_id=ANA.slack_id), NOW)
    assert "Could take it:" in refused.value.errors["assignee"]
    assert JOSE.name in refused.value.errors["assignee"]
    assert store.tasks == {}
    assert store.seen == set()


def test_a_manager_may_delegate_too(uow: FakeUnitOfWork, practice: Practice) -> None:
    task = delegate(uow, practice, request(requester_id=GRACE.slack_id), NOW).task
    assert task.requester_id == GRACE.slack_id


def test_routing_reads_before_the_write_and_the_write_is_one_commit(
    uow: FakeUnitOfWork, practice: Practice
) -> None:
    delegate(uow, practice, request(), NOW)
    assert (uow.reads_opened, uow.commits) == (1, 1)


def test_routing_weighs_only_active_assistants_cleared_for_the_type(practice: Practice) -> None:
    cleared = practice.cleared_for("insurance_verification")
    assert cleared
    assert all(practice.people[who].in_scope("insurance_verification") for who in cleared)
    others = set(practice.people) - set(cleared)
    assert not any(practice.people[who].in_scope("insurance_verification") for who in others)
