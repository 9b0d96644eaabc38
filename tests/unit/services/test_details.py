"""Viewing a task's private details: allowed or refused, every look audited."""

from __future__ import annotations

import pytest

from bot.domain.practice import Practice
from bot.services.details import view_details
from bot.services.errors import Refused
from tests.builders import ANA, GRACE, MARIA, make_task, ny
from tests.fakes import FakeStore, FakeUnitOfWork

NOW = ny(2026, 12, 1, 10)


def test_the_assignee_sees_the_details_and_the_look_is_audited(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    task = store.put(make_task(details="secret"))
    assert view_details(uow, practice, viewer_id=MARIA.slack_id, task_id=1, now=NOW) == task
    assert store.actions() == ["viewed_details"]
    assert uow.commits == 1


def test_a_manager_sees_the_details(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    store.put(make_task())
    view_details(uow, practice, viewer_id=GRACE.slack_id, task_id=1, now=NOW)
    assert store.actions() == ["viewed_details"]


def test_someone_else_is_refused_and_the_refusal_is_audited(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    store.put(make_task())
    with pytest.raises(Refused, match="private"):
        view_details(uow, practice, viewer_id=ANA.slack_id, task_id=1, now=NOW)
    assert store.actions() == ["details_refused"]


def test_an_unknown_task_is_refused_and_audited_without_a_task(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    with pytest.raises(Refused, match="no longer exists"):
        view_details(uow, practice, viewer_id=MARIA.slack_id, task_id=99, now=NOW)
    [event] = store.events
    assert (event.task_id, event.action) == (None, "details_refused")
