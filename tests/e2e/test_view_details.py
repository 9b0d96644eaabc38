"""View details: private fields for the task's people only, every look audited."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import Session

from bot.storage.tables import TaskRow
from tests.conftest import RunningApp
from tests.e2e.helpers import card, events, opened_view, replies, tasks
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


def in_thread(app: RunningApp, user: str, code: str, text: str) -> None:
    reply = app.slack.thread_reply(QUEUE, card(app, code)["ts"], text, user_id=user)
    assert reply.status == 200
    app.settle()


def details_text(app: RunningApp, viewer: str, code: str) -> str:
    """The text of every section of the details modal `viewer` opens on the task's card."""
    opened = len(app.standin.calls_to("views.open"))
    press_view_details(app, viewer, card(app, code))
    assert app.standin.wait_for(lambda: len(app.standin.calls_to("views.open")) > opened)
    view = opened_view(app, "task_details_modal")
    return "\n".join(block["text"]["text"] for block in view["blocks"])


@pytest.mark.parametrize("viewer", [PATEL, MARIA, KIM])
def test_the_done_note_return_reason_and_answer_are_under_view_details(
    app: RunningApp, viewer: str
) -> None:
    """Reproduction: the DMs said "see View details" but the modal showed none of the three."""
    delegated(app, f"scheduling {DETAILS}")
    [task] = tasks(app)
    in_thread(app, MARIA, task.code, "claim")
    in_thread(app, MARIA, task.code, "return which MRI site?")
    in_thread(app, PATEL, task.code, "The Main St one")
    in_thread(app, MARIA, task.code, "done booked Tue 9:00 & confirmed")
    text = details_text(app, viewer, task.code)
    assert "*Return reason*\nwhich MRI site?" in text
    assert "*Answer*\nThe Main St one" in text
    assert "*Done note*\nbooked Tue 9:00 &amp; confirmed" in text
    press_view_details(app, CHEN, card(app, task.code))
    app.settle()
    assert "booked" not in json.dumps(replies(app))


def test_a_cancelled_tasks_reason_is_under_view_details(app: RunningApp) -> None:
    delegated(app, f"scheduling {DETAILS}")
    [task] = tasks(app)
    in_thread(app, PATEL, task.code, "cancel she booked it herself")
    text = details_text(app, PATEL, task.code)
    assert "*Cancel reason*\nshe booked it herself" in text
    assert "Done note" not in text


def test_a_long_note_is_clipped_to_fit_its_section(app: RunningApp) -> None:
    """3,000 characters of `&` escape to 15,000: the section must still pass Block Kit limits."""
    delegated(app, f"scheduling {DETAILS}")
    [task] = tasks(app)
    in_thread(app, MARIA, task.code, "claim")
    in_thread(app, MARIA, task.code, "done " + "&" * 2990)
    text = details_text(app, MARIA, task.code)
    assert "*Done note*\n&amp;&amp;" in text
    assert text.endswith("…")


@pytest.mark.parametrize("other_team", [False, True])
def test_view_details_of_an_unknown_or_other_teams_task_is_refused_and_audited(
    app: RunningApp, other_team: bool
) -> None:
    """Reproduction: these refusals left no audit row, unlike every other refusal."""
    posted = delegated(app, f"scheduling {DETAILS}")
    task_id = add_other_team_task(app) if other_team else 987654
    button = app.slack.block_actions(
        "task_view_details", user_id=KIM, message=posted, value=str(task_id)
    )
    assert button.status == 200
    app.settle()
    assert "no longer exists" in replies(app)[-1]["text"]
    assert app.standin.calls_to("views.open") == []
    last = events(app)[-1]
    assert (last.team_id, last.task_id, last.actor_id, last.action, last.reason) == (
        tasks(app)[0].team_id,
        None,
        KIM,
        "details_refused",
        f"card; unknown task id {task_id}",
    )


def add_other_team_task(app: RunningApp) -> int:
    """A task of a workspace this practice is not, in the same database."""
    mine = tasks(app)[0].model_dump(exclude={"id"})
    other = TaskRow(**{**mine, "team_id": "T0OTHER0001", "details": "theirs"})
    with Session(app.handoff.engine) as session:
        session.add(other)
        session.commit()
        session.refresh(other)
    assert other.id is not None
    return other.id
