"""The sender: requests shaped and signed as Slack sends them."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qs

from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot.devkit import ids
from bot.devkit.sender import Delivery, Outgoing, SlackSender
from bot.devkit.signing import sign
from bot.devkit.standin import SlackStandIn

from .fake_app import SIGNING_SECRET, FakeApp

CHANNEL = "C0FRONTDESK1"
CLAIM = {
    "type": "actions",
    "block_id": "task_actions",
    "elements": [
        {
            "type": "button",
            "action_id": "claim",
            "value": "task-7",
            "text": {"type": "plain_text", "text": "Claim"},
        }
    ],
}
MODAL = {
    "type": "modal",
    "callback_id": "handoff",
    "private_metadata": '{"task": 7}',
    "title": {"type": "plain_text", "text": "Hand off"},
    "submit": {"type": "plain_text", "text": "Send"},
    "blocks": [
        {
            "type": "input",
            "block_id": "note_block",
            "label": {"type": "plain_text", "text": "Note"},
            "element": {"type": "plain_text_input", "action_id": "note"},
        },
        {
            "type": "input",
            "block_id": "who_block",
            "label": {"type": "plain_text", "text": "Who"},
            "element": {
                "type": "static_select",
                "action_id": "who",
                "options": [
                    {"text": {"type": "plain_text", "text": "Bob"}, "value": "U0BOB00002"},
                ],
            },
        },
    ],
}


def received_form(app: FakeApp) -> dict[str, Any]:
    """The last request's payload, decoded as an app would (independently of the sender)."""
    headers, body = app.received[-1]
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    fields = {key: values[0] for key, values in parse_qs(body.decode()).items()}
    return dict(json.loads(fields["payload"])) if "payload" in fields else fields


def test_signature_matches_slacks_verifier(sender: SlackSender, fake_app: FakeApp) -> None:
    body = b"token=x&text=hello"
    timestamp = str(int(time.time()))
    verifier = SignatureVerifier(SIGNING_SECRET)
    assert verifier.is_valid(body, timestamp, sign(SIGNING_SECRET, timestamp, body))
    assert (
        sender.slash_command("/handoff", "help", user_id="U0ALICE001", channel_id=CHANNEL).status
        == 200
    )
    headers, _ = fake_app.received[-1]
    assert headers["X-Slack-Signature"].startswith("v0=")
    assert abs(int(headers["X-Slack-Request-Timestamp"]) - time.time()) < 5


def test_bad_and_stale_signatures_are_rejected(sender: SlackSender) -> None:
    assert sender.url_verification("abc", Delivery(bad_signature=True)).status == 401
    assert sender.url_verification("abc", Delivery(age_seconds=360)).status == 401
    assert sender.url_verification("abc", Delivery(age_seconds=60)).status == 200


def test_slash_command_form(sender: SlackSender, fake_app: FakeApp, standin: SlackStandIn) -> None:
    sender.slash_command("/handoff", "to @bob", user_id="U0ALICE001", channel_id=CHANNEL)
    form = received_form(fake_app)
    assert set(form) >= {
        "token", "team_id", "team_domain", "channel_id", "channel_name", "user_id",
        "user_name", "command", "text", "api_app_id", "response_url", "trigger_id",
    }  # fmt: skip
    assert (form["command"], form["text"], form["user_name"]) == ("/handoff", "to @bob", "alice")
    assert ids.TRIGGER_RE.match(form["trigger_id"])
    assert form["response_url"].startswith(standin.response_url_base)


def test_block_actions_from_a_posted_message(
    sender: SlackSender, fake_app: FakeApp, standin: SlackStandIn, client: WebClient
) -> None:
    client.chat_postMessage(channel=CHANNEL, text="Task 7", blocks=[CLAIM])
    [message] = standin.messages(CHANNEL)
    sender.block_actions("claim", user_id="U0BOB00002", message=message, trigger_id="1.2.ab")
    payload = received_form(fake_app)
    assert payload["type"] == "block_actions"
    assert payload["trigger_id"] == "1.2.ab"
    assert payload["user"]["id"] == "U0BOB00002"
    assert payload["team"]["id"] == "T0HANDOFF01"
    assert payload["container"] == {
        "type": "message",
        "message_ts": message["ts"],
        "channel_id": CHANNEL,
        "is_ephemeral": False,
    }
    assert payload["channel"]["id"] == CHANNEL
    assert payload["message"]["ts"] == message["ts"]
    [action] = payload["actions"]
    assert (action["action_id"], action["block_id"], action["value"]) == (
        "claim",
        "task_actions",
        "task-7",
    )
    assert payload["response_url"].startswith(standin.response_url_base)


def test_view_submission_fills_state_from_the_opened_view(
    sender: SlackSender, fake_app: FakeApp, standin: SlackStandIn, client: WebClient
) -> None:
    view = client.views_open(trigger_id=ids.trigger_id(), view=MODAL)["view"]
    sender.view_submission(
        view, {"note": "Call Mrs. Smith", "who": "U0BOB00002"}, user_id="U0ALICE001"
    )
    submitted = received_form(fake_app)["view"]
    assert submitted["id"] == view["id"]
    assert submitted["callback_id"] == "handoff"
    assert submitted["private_metadata"] == '{"task": 7}'
    values = submitted["state"]["values"]
    assert values["note_block"]["note"] == {"type": "plain_text_input", "value": "Call Mrs. Smith"}
    assert values["who_block"]["who"]["selected_option"]["value"] == "U0BOB00002"


def test_block_actions_in_a_view(sender: SlackSender, fake_app: FakeApp) -> None:
    view = {"id": "V0ABCDEFGHI", "type": "home", "blocks": [CLAIM]}
    sender.block_actions("claim", user_id="U0ALICE001", view=view)
    payload = received_form(fake_app)
    assert payload["container"] == {"type": "view", "view_id": "V0ABCDEFGHI"}
    assert "response_url" not in payload


def test_message_action(sender: SlackSender, fake_app: FakeApp) -> None:
    message = {
        "channel": CHANNEL,
        "ts": "1712345678.000100",
        "text": "Fax from lab",
        "user": "U0BOB00002",
    }
    sender.message_action("make_task", message, user_id="U0ALICE001")
    payload = received_form(fake_app)
    assert (payload["type"], payload["callback_id"], payload["message_ts"]) == (
        "message_action",
        "make_task",
        "1712345678.000100",
    )
    assert payload["channel"]["id"] == CHANNEL
    assert "channel" not in payload["message"]
    assert payload["response_url"]
    assert payload["trigger_id"]


def test_events_and_retries(sender: SlackSender, fake_app: FakeApp, standin: SlackStandIn) -> None:
    reply = sender.thread_reply(CHANNEL, "1712345678.000100", "done!", user_id="U0BOB00002")
    headers, body = fake_app.received[-1]
    envelope = json.loads(body)
    assert headers["Content-Type"] == "application/json"
    assert envelope["type"] == "event_callback"
    assert envelope["event_id"].startswith("Ev0")
    event = envelope["event"]
    assert (event["type"], event["thread_ts"], event["text"]) == (
        "message",
        "1712345678.000100",
        "done!",
    )
    assert ids.TS_RE.match(event["ts"])
    assert standin.messages(CHANNEL)[0]["text"] == "done!"
    again = sender.send(reply.request, Delivery(retry_num=1, retry_reason="http_timeout"))
    assert again.status == 200
    assert fake_app.received[-1][1] == body
    assert fake_app.received[-1][0]["X-Slack-Retry-Num"] == "1"
    assert fake_app.received[-1][0]["X-Slack-Retry-Reason"] == "http_timeout"


def test_fixed_event_ids_replay(sender: SlackSender, fake_app: FakeApp) -> None:
    sender.app_home_opened("U0ALICE001", event_id="Ev0FIXED0001")
    sender.app_home_opened("U0ALICE001", event_id="Ev0FIXED0001")
    first, second = (json.loads(body) for _, body in fake_app.received)
    assert first["event_id"] == second["event_id"] == "Ev0FIXED0001"
    assert first["event"]["type"] == "app_home_opened"
    assert first["event"]["tab"] == "home"


def test_user_change_updates_the_standin(
    sender: SlackSender, fake_app: FakeApp, client: WebClient
) -> None:
    sender.user_change("U0ALICE001", {"tz": "Asia/Tokyo", "deleted": True})
    event = json.loads(fake_app.received[-1][1])["event"]
    assert event["type"] == "user_change"
    assert event["user"]["tz_offset"] == 32400
    assert client.users_info(user="U0ALICE001")["user"]["deleted"] is True


def test_url_verification(sender: SlackSender, fake_app: FakeApp) -> None:
    reply = sender.url_verification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    assert reply.json() == {"challenge": reply.request.payload()["challenge"]}
    assert json.loads(fake_app.received[-1][1])["type"] == "url_verification"


def test_outgoing_payload_decodes_form_and_json() -> None:
    form = Outgoing(
        b"payload=%7B%22type%22%3A+%22block_actions%22%7D", "application/x-www-form-urlencoded"
    )
    assert form.payload() == {"type": "block_actions"}
    assert Outgoing(b'{"a": 1}', "application/json").payload() == {"a": 1}
