"""Buttons and menus with values Handoff never sent, unknown action ids, unknown people."""

from __future__ import annotations

from typing import Any

import pytest

from bot.devkit import ids
from bot.devkit import slack_requests as shapes
from bot.devkit.sender import Reply
from bot.slack.ids import Button
from tests.conftest import RunningApp
from tests.e2e.helpers import card, delegate, ephemerals
from tests.e2e.sweep import (
    HUGE,
    ODD_IDS,
    assert_at_most_a_refusal,
    assert_clear,
    assert_slack_saw_no_internals,
    rows,
    send_payload,
)
from tests.support import MARIA, QUEUE

MISSING = None
VALUES = [MISSING, *ODD_IDS]
UNKNOWN_ACTIONS = [
    "",
    "nonsense",
    "task_claim:abc",
    "task_claim:",
    "task_claimx",
    "TASK_CLAIM",
    HUGE,
]
MENU_VALUES = ["claim:1", "bogus:1", "cancel:", "cancel:abc", ":1", "cancel:" + "9" * 40]
STRANGERS = ["U0STRANGER1", "", "W0GUEST0001"]
ACTING = [action for action in Button if action is not Button.OPEN_THREAD]
NO_CARD = {"ts": "1764600000.000100", "text": "T-0404 a card Handoff never posted", "blocks": []}


def element(action_id: str, value: str | None) -> dict[str, Any]:
    """One entry of `actions`: a button, or the ⋯ menu with an option chosen."""
    kind = "overflow" if action_id == Button.MORE else "button"
    entry = {"type": kind, "action_id": action_id, "block_id": "b0", "action_ts": "1.000001"}
    if value is None:
        return entry
    if kind == "overflow":
        option = {"text": {"type": "plain_text", "text": "?"}, "value": value}
        return entry | {"selected_option": option}
    return entry | {"value": value}


def press(app: RunningApp, message: dict[str, Any], action: dict[str, Any], user: str) -> Reply:
    """A signed block_actions payload for `action` on `message`, by `user`."""
    return send_payload(
        app.slack,
        "block_actions",
        user,
        trigger_id=ids.trigger_id(),
        response_url=app.slack.response_url(QUEUE, message["ts"]),
        state={"values": {}},
        actions=[action],
        **shapes.message_context(message, QUEUE),
    )


def assert_told_or_refused(
    app: RunningApp, message: dict[str, Any], action: dict[str, Any], user: str
) -> None:
    """A 4xx, or a 200 and one ephemeral saying why; at most a refusal written."""
    before, told = rows(app), len(ephemerals(app))
    reply = press(app, message, action, user)
    assert_clear(reply)
    assert_at_most_a_refusal(app, before)
    if reply.status == 200:
        assert len(ephemerals(app)) == told + 1
    assert_slack_saw_no_internals(app)


@pytest.mark.parametrize("action", ACTING)
def test_a_button_naming_no_task_is_answered(
    app: RunningApp, action: Button, subtests: pytest.Subtests
) -> None:
    for value in VALUES:
        with subtests.test(value=repr(value)[:20]):
            assert_told_or_refused(app, NO_CARD, element(action, value), MARIA)


def test_a_menu_option_handoff_never_offered_is_refused(
    app: RunningApp, subtests: pytest.Subtests
) -> None:
    for value in MENU_VALUES:
        with subtests.test(value=value[:20]):
            assert_told_or_refused(app, NO_CARD, element(Button.MORE, value), MARIA)


@pytest.mark.parametrize("action_id", UNKNOWN_ACTIONS, ids=lambda a: repr(a)[:14])
def test_an_unknown_action_id_is_a_4xx(app: RunningApp, action_id: str) -> None:
    before = rows(app)
    reply = press(app, NO_CARD, element(action_id, "1"), MARIA)
    assert 400 <= reply.status < 500
    assert_clear(reply)
    assert rows(app) == before


@pytest.mark.parametrize("action", ACTING)
def test_an_unknown_user_pressing_a_real_button_is_refused(
    app: RunningApp, action: Button, subtests: pytest.Subtests
) -> None:
    task_card = card(app, delegate(app, "scheduling book the annual visit").code)
    value = "cancel:1" if action is Button.MORE else "1"
    for user in STRANGERS:
        with subtests.test(user=user):
            assert_told_or_refused(app, task_card, element(action, value), user)


def test_the_thread_link_button_is_only_acknowledged(app: RunningApp) -> None:
    before = rows(app)
    reply = press(app, NO_CARD, element(Button.OPEN_THREAD, HUGE), MARIA)
    assert (reply.status, reply.text) == (200, "")
    assert rows(app) == before
