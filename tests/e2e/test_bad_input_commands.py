"""/delegate and "Delegate this message" with odd text, unknown ids and unknown people."""

from __future__ import annotations

import json

import pytest

from bot.devkit.sender import Reply
from bot.slack.ids import Shortcut
from tests.conftest import RunningApp
from tests.e2e.helpers import ephemerals, opened_view, tasks
from tests.e2e.sweep import (
    HUGE,
    ODD_TEXTS,
    Rows,
    assert_at_most_a_refusal,
    assert_clear,
    assert_slack_saw_no_internals,
    assert_whole_or_nothing,
    rows,
)
from tests.support import CHEN, PATEL, QUEUE

STRANGERS = ["U0STRANGER1", "W0GUEST0001", "", "U" + "9" * 40]
SHORTCUT = Shortcut.DELEGATE_MESSAGE


def delegate(app: RunningApp, text: str, user: str = PATEL) -> Reply:
    return app.slack.slash_command("/delegate", text, user_id=user, channel_id=QUEUE)


def forms_opened(app: RunningApp) -> int:
    return len(app.standin.calls_to("views.open"))


def answered(app: RunningApp, reply: Reply) -> bool:
    """An ephemeral text in the ack, or the delegate modal opened right after it."""
    if reply.text:
        return bool(reply.json()["text"])
    return app.standin.wait_for(lambda: forms_opened(app) > 0)


@pytest.mark.parametrize("prefix", ["", "scheduling ", "help "])
@pytest.mark.parametrize("text", ODD_TEXTS.values(), ids=ODD_TEXTS.keys())
def test_odd_quick_text_is_answered_and_leaves_whole_state(
    app: RunningApp, prefix: str, text: str
) -> None:
    before = rows(app)
    reply = delegate(app, prefix + text)
    assert reply.status == 200
    assert_clear(reply)
    assert answered(app, reply)
    assert_whole_or_nothing(app, before)
    assert_slack_saw_no_internals(app)


def test_forty_thousand_characters_of_details_are_kept_whole(app: RunningApp) -> None:
    reply = delegate(app, "scheduling " + HUGE)
    assert "T-0001" in reply.json()["text"]
    [task] = tasks(app)
    assert task.details == HUGE.strip()


@pytest.mark.parametrize("invisible", ["\u200b\u200b", "\u202e\u202c", "\ufeff \u2060"])
def test_details_with_nothing_visible_open_the_form_asking_for_them(
    app: RunningApp, invisible: str
) -> None:
    assert delegate(app, "scheduling " + invisible).text == ""
    assert "Say what needs doing" in json.dumps(opened_view(app)["blocks"][0])
    assert rows(app) == Rows(0, 0, 0)


@pytest.mark.parametrize("user", STRANGERS)
@pytest.mark.parametrize("text", ["", "scheduling book the annual visit"])
def test_an_unknown_user_is_told_they_are_not_set_up(app: RunningApp, user: str, text: str) -> None:
    before = rows(app)
    reply = delegate(app, text, user=user)
    assert reply.status == 200
    assert "not set up in Handoff" in reply.json()["text"]
    assert_at_most_a_refusal(app, before)
    assert forms_opened(app) == 0


def shortcut(app: RunningApp, text: str, user: str = PATEL, callback: str = SHORTCUT) -> Reply:
    message = {"ts": "1764600000.000200", "channel": QUEUE, "user": CHEN, "text": text}
    return app.slack.message_action(callback, message, user_id=user)


def test_the_shortcut_on_an_odd_message_opens_the_form_and_writes_nothing(
    app: RunningApp,
) -> None:
    for text in ODD_TEXTS.values():
        reply = shortcut(app, text)
        assert (reply.status, reply.text) == (200, "")
    assert app.standin.wait_for(lambda: forms_opened(app) == len(ODD_TEXTS))
    assert rows(app) == Rows(0, 0, 0)
    assert_slack_saw_no_internals(app)


@pytest.mark.parametrize("callback", ["", "no_such_shortcut", SHORTCUT.upper(), HUGE])
def test_an_unknown_shortcut_is_a_4xx(app: RunningApp, callback: str) -> None:
    reply = shortcut(app, "please call the patient back", callback=callback)
    assert 400 <= reply.status < 500
    assert_clear(reply)
    assert rows(app) == Rows(0, 0, 0)


@pytest.mark.parametrize("user", STRANGERS)
def test_an_unknown_user_running_the_shortcut_is_told(app: RunningApp, user: str) -> None:
    reply = shortcut(app, "please call the patient back", user=user)
    assert (reply.status, reply.text) == (200, "")
    assert_at_most_a_refusal(app, Rows(0, 0, 0))
    assert "not set up in Handoff" in ephemerals(app)[0]
    assert forms_opened(app) == 0
