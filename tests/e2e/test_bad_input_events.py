"""Events with odd text, of types Handoff does not handle, or about people it does not know."""

from __future__ import annotations

from typing import Any

import pytest

from bot.devkit import ids
from tests.conftest import RunningApp
from tests.e2e.helpers import card, delegate, ephemerals
from tests.e2e.sweep import (
    ODD_TEXTS,
    Rows,
    assert_at_most_a_refusal,
    assert_clear,
    assert_slack_saw_no_internals,
    rows,
)
from tests.support import MARIA, PATEL, QUEUE

COMMANDS = ["", "done ", "return ", "cancel ", "reassign ", "release "]  # all refused to Maria
UNKNOWN_EVENTS: list[dict[str, Any]] = [
    {"type": "reaction_added", "user": PATEL, "reaction": "thumbsup", "item": {}},
    {"type": "no_such_event"},
    {"type": ""},
    {},
]
ODD_USER_CHANGES: list[dict[str, Any]] = [
    {"type": "user_change"},
    {"type": "user_change", "user": None},
    {"type": "user_change", "user": {}},
    {"type": "user_change", "user": {"id": "U0STRANGER1", "deleted": True}},
    {"type": "user_change", "user": {"id": "", "deleted": True}},
]


@pytest.fixture
def thread_ts(app: RunningApp) -> str:
    """The thread of a task assigned to Maria, not yet claimed."""
    return str(card(app, delegate(app, "scheduling book the annual visit").code)["ts"])


@pytest.mark.parametrize("command", COMMANDS)
def test_odd_thread_replies_are_acknowledged_and_at_most_refused(
    app: RunningApp, thread_ts: str, command: str, subtests: pytest.Subtests
) -> None:
    for name, text in ODD_TEXTS.items():
        with subtests.test(text=name):
            before = rows(app)
            reply = app.slack.thread_reply(QUEUE, thread_ts, command + text, user_id=MARIA)
            assert (reply.status, reply.text) == (200, "")
            assert_at_most_a_refusal(app, before)
    assert_slack_saw_no_internals(app)


@pytest.mark.parametrize("user", ["U0STRANGER1", "W0GUEST0001"])
def test_an_unknown_user_in_a_task_thread_is_refused(
    app: RunningApp, thread_ts: str, user: str
) -> None:
    before, told = rows(app), len(ephemerals(app))
    assert app.slack.thread_reply(QUEUE, thread_ts, "claim", user_id=user).status == 200
    assert_at_most_a_refusal(app, before)
    assert "not an active member" in ephemerals(app)[told]


def test_odd_messages_outside_task_threads_are_left_alone(app: RunningApp) -> None:
    for text in ODD_TEXTS.values():
        for thread in (None, ids.ts_of(1_764_600_000)):
            reply = app.slack.thread_reply(QUEUE, thread or "", text, user_id=PATEL)
            assert (reply.status, reply.text) == (200, "")
    assert rows(app).outbox == 0


@pytest.mark.parametrize("event", UNKNOWN_EVENTS, ids=lambda e: str(e.get("type")))
def test_an_event_handoff_does_not_handle_is_answered_without_effect(
    app: RunningApp, event: dict[str, Any]
) -> None:
    reply = app.slack.event(event)
    assert_clear(reply)
    assert rows(app) == Rows(0, 0, 0)


@pytest.mark.parametrize("event", ODD_USER_CHANGES, ids=repr)
def test_a_user_change_about_nobody_handoff_knows_changes_nothing(
    app: RunningApp, event: dict[str, Any]
) -> None:
    reply = app.slack.event(event)
    assert (reply.status, reply.text) == (200, "")
    assert rows(app).outbox == 0


def test_an_unknown_user_opening_the_home_is_told_they_are_not_set_up(app: RunningApp) -> None:
    assert app.slack.app_home_opened("U0STRANGER1").status == 200
    app.settle()
    [published] = app.standin.calls_to("views.publish")
    assert "not set up" in str(published.args["view"])
