"""Bodies Slack never sends, and senders Handoff does not serve: a 4xx or a clear answer."""

from __future__ import annotations

import pytest

from bot.devkit.payloads import SlackContext
from bot.devkit.sender import FORM, JSON, Delivery, Outgoing, SlackSender
from bot.slack.ids import EVENTS_PATH
from tests.conftest import RunningApp
from tests.e2e.sweep import (
    ODD_TEXTS,
    assert_clear,
    rows,
    send_payload,
)
from tests.support import PATEL, QUEUE, SIGNING_SECRET

COMMAND = b"command=%2Fdelegate&text=help&team_id=T0HANDOFF01&user_id=U0DRPATEL01"
RAW = {
    "malformed-json": (b'{"type": "event_callback", "event": {', JSON, 400),
    "json-array": (b"[1, 2, 3]", JSON, 400),
    "json-string": (b'"event_callback"', JSON, 400),
    "json-in-a-form": (b'{"type": ', FORM, 400),
    "payload-not-json": (b"payload=%7Bnot+json", FORM, 400),
    "payload-a-list": (b"payload=%5B1%5D", FORM, 400),
    "payload-empty": (b"payload=", FORM, 400),
    "not-utf8": (b"payload=\xff\xfe\xfd", FORM, 400),
    "text-plain": (COMMAND, "text/plain", 415),
    "xml": (b"<command>/delegate</command>", "application/xml", 415),
    "no-content-type": (COMMAND, "", 415),
    "oversized": (b"text=" + b"x" * 2_000_000, FORM, 413),
}


@pytest.mark.parametrize("case", RAW)
def test_a_body_slack_never_sends_gets_a_4xx_and_changes_nothing(
    app: RunningApp, case: str
) -> None:
    body, content_type, status = RAW[case]
    before = rows(app)
    reply = app.slack.send(Outgoing(body, content_type))
    assert reply.status == status, reply.text
    assert_clear(reply)
    assert rows(app) == before
    assert app.standin.calls_to("chat.postMessage") == []


@pytest.mark.parametrize("body", [b"{not json", b"payload=%7B", b"[1]"])
def test_an_unsigned_malformed_body_is_refused_as_unsigned(app: RunningApp, body: bytes) -> None:
    reply = app.slack.send(Outgoing(body, JSON), Delivery(bad_signature=True))
    assert reply.status == 401


@pytest.mark.parametrize("body", [b"", b"foo=bar", b"{}", b'{"type": "no_such_type"}'])
def test_a_well_formed_body_from_no_workspace_is_a_4xx(app: RunningApp, body: bytes) -> None:
    before = rows(app)
    reply = app.slack.send(Outgoing(body, JSON if body.startswith(b"{") else FORM))
    assert 400 <= reply.status < 500
    assert_clear(reply)
    assert rows(app) == before


@pytest.mark.parametrize("challenge", [*ODD_TEXTS.values(), None])
def test_url_verification_echoes_any_challenge(app: RunningApp, challenge: str | None) -> None:
    body = {"token": "x", "type": "url_verification"}
    reply = app.slack.send_json(body | ({"challenge": challenge} if challenge is not None else {}))
    assert reply.status == 200
    assert reply.json().get("challenge") == challenge


@pytest.fixture
def stranger(app: RunningApp) -> SlackSender:
    """Slack requests from a workspace this deployment does not serve."""
    other = SlackContext(team_id="T0OTHERTEAM")
    return SlackSender(app.url + EVENTS_PATH, SIGNING_SECRET, standin=app.standin, context=other)


def test_a_command_from_an_unknown_workspace_says_it_is_not_set_up(
    app: RunningApp, stranger: SlackSender
) -> None:
    before = rows(app)
    reply = stranger.slash_command(
        "/delegate", "scheduling book it", user_id=PATEL, channel_id=QUEUE
    )
    assert reply.status == 200
    assert "not set up for this workspace" in reply.json()["text"]
    assert rows(app) == before


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("block_actions", {"actions": [{"action_id": "task_claim", "value": "1"}]}),
        ("view_submission", {"view": {"type": "modal", "callback_id": "delegate_modal"}}),
        ("message_action", {"callback_id": "delegate_message", "message": {"text": "hi"}}),
    ],
)
def test_an_interaction_from_an_unknown_workspace_is_forbidden(
    app: RunningApp, stranger: SlackSender, kind: str, fields: dict[str, object]
) -> None:
    before = rows(app)
    reply = send_payload(stranger, kind, PATEL, trigger_id="1.2.3", **fields)
    assert reply.status == 403
    assert "not set up for this workspace" in reply.json()["error"]
    assert rows(app) == before


def test_an_event_from_an_unknown_workspace_is_acknowledged_and_ignored(
    app: RunningApp, stranger: SlackSender
) -> None:
    before = rows(app)
    reply = stranger.app_home_opened(PATEL)
    assert (reply.status, reply.text) == (200, "")
    assert rows(app) == before
    assert app.standin.calls_to("views.publish") == []
