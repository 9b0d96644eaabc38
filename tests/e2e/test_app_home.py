"""App Home: each role's lists over HTTP, PHI-free, and Claim working from the Home."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import Session

from bot.devkit.slack_requests import app_home_opened_event
from bot.domain.task import Status
from bot.storage.tables import TaskRow
from tests.conftest import RunningApp
from tests.e2e import helpers
from tests.e2e.helpers import block_ids, tasks
from tests.support import ADMIN, CHEN, KIM, MARIA, PATEL, QUEUE

SECRET = "for Jane Doe DOB 1961"


def delegate(app: RunningApp, kind: str, options: str = "", user: str = PATEL) -> int:
    """Delegate a `kind` task with private text holding SECRET; the new task's id."""
    text = f"{kind} follow up {SECRET} {options}"
    reply = app.slack.slash_command("/delegate", text, user_id=user, channel_id=QUEUE)
    assert reply.status == 200, reply.text
    return max(task.id for task in tasks(app) if task.id is not None)


def force_status(app: RunningApp, task_id: int, status: Status) -> None:
    """Arrange a state directly; the lifecycle that reaches it is tested on its own."""
    with Session(app.handoff.engine) as session:
        row = session.get(TaskRow, task_id)
        assert row is not None
        row.status = status
        session.commit()


def open_home(app: RunningApp, user: str) -> dict[str, Any]:
    """Open `user`'s Home tab; the view published for it, with no private detail in it."""
    view = helpers.open_home(app, user)
    assert SECRET not in json.dumps(view)
    return view


def listed(view: dict[str, Any], key: str) -> list[int]:
    """Ids of the tasks the view lists under `key`, in order."""
    return [int(b.split(":")[1]) for b in block_ids(view) if b.startswith(f"{key}:")]


def text_of(view: dict[str, Any], block_id: str) -> str:
    return str(next(b for b in view["blocks"] if b["block_id"] == block_id)["text"]["text"])


def test_an_assistant_sees_their_claimed_tasks_and_the_unclaimed_ones_in_their_scopes(
    app: RunningApp,
) -> None:
    insurance = delegate(app, "insurance", "by tue")  # to Maria
    delegate(app, "refill")  # Jose's scope only
    delegate(app, "prior auth")  # nobody active holds the scope
    scheduling = delegate(app, "scheduling", "urgent")  # in both their scopes
    force_status(app, insurance, Status.CLAIMED)
    view = open_home(app, MARIA)
    assert (listed(view, "in_hand"), listed(view, "unclaimed")) == ([insurance], [scheduling])
    assert "🔴 *Urgent*" in text_of(view, f"unclaimed:{scheduling}")
    buttons = next(b for b in view["blocks"] if b["block_id"] == f"unclaimed_actions:{scheduling}")
    assert [e["action_id"] for e in buttons["elements"]] == [
        f"task_claim:{scheduling}",
        f"task_view_details:{scheduling}",
    ]


def test_a_clinician_sees_what_they_delegated_and_what_was_returned_to_them(
    app: RunningApp,
) -> None:
    later = delegate(app, "insurance", "by tue")
    sooner = delegate(app, "scheduling")
    returned = delegate(app, "refill")
    delegate(app, "records", user=CHEN)
    force_status(app, returned, Status.RETURNED)
    view = open_home(app, PATEL)
    assert (listed(view, "returned"), listed(view, "delegated")) == ([returned], [sooner, later])
    assert "Returned — needs clinician input" in text_of(view, f"returned:{returned}")


@pytest.mark.parametrize("manager", [KIM, ADMIN])
def test_managers_and_admins_see_counts_by_status_and_type_and_the_overdue_list(
    app: RunningApp, manager: str
) -> None:
    delegate(app, "insurance", "by tue")
    overdue = delegate(app, "scheduling", "urgent")
    delegate(app, "prior auth")
    app.clock.advance(hours=5)
    view = open_home(app, manager)
    assert text_of(view, "open_counts").split("\n")[1:] == [
        "*All types*: 3 open — 1 unassigned · 2 assigned",
        "*Insurance verification*: 1 open — 1 assigned",
        "*Prior authorization*: 1 open — 1 unassigned",
        "*Scheduling*: 1 open — 1 assigned",
    ]
    assert listed(view, "overdue") == [overdue]


def test_someone_not_in_the_practice_is_told_they_are_not_set_up(app: RunningApp) -> None:
    delegate(app, "scheduling")
    view = open_home(app, "U0STRANGER1")
    assert block_ids(view) == ["home_header", "not_set_up"]
    assert "not set up in Handoff" in text_of(view, "not_set_up")


def test_opening_the_messages_tab_publishes_nothing(app: RunningApp) -> None:
    event = app_home_opened_event(MARIA) | {"tab": "messages"}
    assert app.slack.event(event).status == 200
    app.settle()
    assert app.standin.calls_to("views.publish") == []


def test_an_assistant_can_claim_from_their_home(app: RunningApp) -> None:
    task_id = delegate(app, "scheduling")
    open_home(app, MARIA)
    home = app.standin.home_view(MARIA)
    reply = app.slack.block_actions(f"task_claim:{task_id}", user_id=MARIA, view=home)
    assert reply.status == 200
    app.settle()
    assert next(t for t in tasks(app) if t.id == task_id).status == Status.CLAIMED
    refreshed = app.standin.calls_to("views.publish")[-1].args["view"]
    assert f"task_claim:{task_id}" not in json.dumps(refreshed)
