"""Buttons called directly: the press is parsed, handed to one service call, and acked."""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt import Ack

from bot.domain.lifecycle import Action
from bot.handlers import actions
from bot.handlers.modals import ACTION_FORM
from bot.services.lifecycle import ActionResult
from tests.support import MARIA, QUEUE
from tests.unit.handlers.conftest import Calls, acked, served


def press(action_id: str, value: str = "42", **body: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A button press's body and action, as Slack sends them."""
    pressed = {
        "type": "block_actions",
        "team": {"id": "T0HANDOFF01"},
        "user": {"id": MARIA},
        "channel": {"id": QUEUE},
        "response_url": "https://hooks.slack.com/actions/T0/1/x",
        "trigger_id": "9.8.7",
        **body,
    }
    return pressed, {"action_id": action_id, "value": value}


def test_claim_on_a_card_is_one_perform_call_then_the_ack(
    calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(actions, "perform", calls.fake("perform", ActionResult(True, None)))
    monkeypatch.setattr(actions, "publish_home", calls.fake("publish_home"))
    ack, context = Ack(), served()
    body, action = press("task_claim")
    actions.claim_or_release(ack, body, action, context)
    [(name, (uow, practice, request, now), _)] = calls.made
    assert (name, uow, practice, now) == ("perform", "uow", context["practice"], context["now"])
    assert (request.action, request.task_id, request.actor_id) == (Action.CLAIM, 42, MARIA)
    assert (request.team_id, request.reply_to.channel) == ("T0HANDOFF01", QUEUE)
    assert request.dedupe_key == "action:9.8.7"
    assert acked(ack) == {}


def test_release_pressed_on_the_app_home_also_refreshes_the_home(
    calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(actions, "perform", calls.fake("perform", ActionResult(True, None)))
    monkeypatch.setattr(actions, "publish_home", calls.fake("publish_home"))
    body, action = press("task_release:42", view={"type": "home"})
    actions.claim_or_release(Ack(), body, action, served())
    assert calls.names() == ["perform", "publish_home"]
    assert calls.made[0][1][2].action is Action.RELEASE
    assert calls.made[1][2]["user_id"] == MARIA


def test_a_refused_form_button_acks_without_asking_for_a_form(
    calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(actions, "precheck", calls.fake("precheck", None))  # refused, told
    ack, context = Ack(), served()
    body, action = press("task_more", value="", **{})
    action["selected_option"] = {"value": "cancel:42"}
    actions.ask_form(ack, body, action, context)
    [(_, (_, _, request, _), _)] = calls.made
    assert (request.action, request.task_id) == (Action.CANCEL, 42)
    assert ACTION_FORM not in context
    assert acked(ack) == {}
