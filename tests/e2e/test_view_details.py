"""View details: private fields for the task's people only, every look audited."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import RunningApp
from tests.e2e.helpers import events, opened_view, replies, tasks
from tests.support import ADMIN, CHEN, JOSE, KIM, LENA, MARIA, PATEL, QUEUE

DETAILS = "call Mrs. Okafor about her MRI slot"


def delegated(app: RunningApp, text: str) -> dict[str, Any]:
    app.slack.slash_command("/delegate", text, user_id=PATEL, channel_id=QUEUE)
    app.settle()
    return app.standin.messages(QUEUE)[0]


def press_view_details(app: RunningApp, user: str, card: dict[str, Any]) -> None:
    assert app.slack.block_actions("task_view_details", user_id=user, message=card).status == 200


@pytest.mark.parametrize("viewer", [PATEL, MARIA, KIM])
def test_requester_assignee_and_managers_see_the_details(app: RunningApp, viewer: str) -> None:
    card = delegated(app, f"scheduling {DETAILS}")
    press_view_details(app, viewer, card)
    view = opened_view(app, "task_details_modal")
    assert DETAILS in json.dumps(view)
    [task] = tasks(app)
    assert [(e.actor_id, e.action) for e in events(app, task.id)][-1] == (viewer, "viewed_details")


@pytest.mark.parametrize("viewer", [CHEN, JOSE, ADMIN, "U0STRANGER1"])
def test_everyone_else_is_refused_and_the_refusal_is_audited(app: RunningApp, viewer: str) -> None:
    card = delegated(app, f"scheduling {DETAILS}")
    press_view_details(app, viewer, card)
    app.settle()
    [refusal] = replies(app)
    assert refusal["response_type"] == "ephemeral"
    assert "private" in refusal["text"]
    assert DETAILS not in json.dumps(refusal)
    assert app.standin.calls_to("views.open") == []
    [task] = tasks(app)
    assert [(e.actor_id, e.action) for e in events(app, task.id)][-1] == (viewer, "details_refused")


def test_an_unassigned_task_is_refused_to_out_of_scope_assistants_but_shown_to_managers(
    app: RunningApp,
) -> None:
    card = delegated(app, "prior auth MRI lumbar spine")
    press_view_details(app, LENA, card)
    app.settle()
    assert "private" in replies(app)[0]["text"]
    press_view_details(app, KIM, card)
    assert "MRI lumbar spine" in json.dumps(opened_view(app, "task_details_modal"))
