"""The Web API stand-in, driven by a real slack_sdk WebClient."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from slack_sdk import WebClient, WebhookClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.devkit import ids, specs
from bot.devkit.standin import SlackStandIn
from bot.devkit.standin_methods import METHODS

CHANNEL = "C0FRONTDESK1"
TRIGGER = "1234567890.123456.0123456789abcdef"


def section(text: str = "hello") -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def button(action_id: str, label: str = "Go") -> dict[str, Any]:
    return {"type": "button", "action_id": action_id, "text": {"type": "plain_text", "text": label}}


def test_post_update_permalink_round_trip(standin: SlackStandIn, client: WebClient) -> None:
    posted = client.chat_postMessage(channel=CHANNEL, text="New task", blocks=[section()])
    assert ids.TS_RE.match(posted["ts"])
    assert posted["channel"] == CHANNEL
    reply = client.chat_postMessage(channel=CHANNEL, text="Done", thread_ts=posted["ts"])
    assert reply["ts"] > posted["ts"]
    client.chat_update(channel=CHANNEL, ts=posted["ts"], text="Task taken", blocks=[section("x")])
    link = client.chat_getPermalink(channel=CHANNEL, message_ts=reply["ts"])["permalink"]
    expected = f"https://handoff-demo.slack.com/archives/{CHANNEL}/p{reply['ts'].replace('.', '')}"
    assert link == f"{expected}?thread_ts={posted['ts']}&cid={CHANNEL}"
    held = standin.messages(CHANNEL)
    assert [m["text"] for m in held] == ["Task taken", "Done"]
    assert held[0]["blocks"][0]["text"]["text"] == "x"
    assert held[0]["blocks"][0]["block_id"]
    standin.assert_clean()


def test_update_needs_a_posted_message(standin: SlackStandIn, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.chat_update(channel=CHANNEL, ts="1700000000.000100", text="x")
    assert raised.value.response["error"] == "message_not_found"


def test_posting_to_a_user_id_goes_to_the_dm(standin: SlackStandIn, client: WebClient) -> None:
    posted = client.chat_postMessage(channel="U0ALICE001", text="Hi Alice")
    opened = client.conversations_open(users="U0ALICE001")
    assert posted["channel"] == opened["channel"]["id"] == "D0ALICE001"
    client.reactions_add(channel=posted["channel"], name="eyes", timestamp=posted["ts"])
    assert standin.messages("D0ALICE001")[0]["reactions"][0]["name"] == "eyes"
    assert client.chat_postEphemeral(channel=CHANNEL, user="U0ALICE001", text="psst")["message_ts"]
    standin.assert_clean()


def test_bad_channels_are_violations(standin: SlackStandIn, client: WebClient) -> None:
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="#front-desk", text="hi")
    assert standin.calls[0].response == {"ok": False, "error": "channel_not_found"}
    assert standin.violations == ["chat.postMessage: channel '#front-desk' is not a channel id"]


def test_blocks_without_text_are_a_violation(standin: SlackStandIn, client: WebClient) -> None:
    with pytest.warns(UserWarning, match="top-level `text`"):
        client.chat_postMessage(channel=CHANNEL, blocks=[section()])
    assert standin.violations == [
        "chat.postMessage: text: top-level `text` is required when `blocks` are present"
    ]
    with pytest.raises(AssertionError, match="1 violation"):
        standin.assert_clean()


def test_too_many_blocks_and_duplicate_action_ids(standin: SlackStandIn, client: WebClient) -> None:
    client.chat_postMessage(channel=CHANNEL, text="x", blocks=[section()] * 51)
    actions = {"type": "actions", "elements": [button("claim"), button("claim")]}
    client.chat_postMessage(channel=CHANNEL, text="x", blocks=[actions])
    assert standin.violations == [
        "chat.postMessage: blocks: 51 items (max 50)",
        "chat.postMessage: action_id 'claim' used 2 times"
        " (must be unique within a message or view)",
    ]


def test_invalid_blocks_fail_the_schema(standin: SlackStandIn, client: WebClient) -> None:
    client.chat_postMessage(channel=CHANNEL, text="x", blocks=[{"type": "section"}])
    actions = {"type": "actions", "elements": [button("go", "x" * 100)]}
    client.chat_update(channel=CHANNEL, ts=standin.messages()[0]["ts"], text="x", blocks=[actions])
    assert standin.violations == [
        "chat.postMessage: blocks[0]: matches no allowed shape for type 'section'"
        " (Must have text or fields (or both).)",
        "chat.update: blocks[0].elements[0].text.text: 100 characters (max 75)",
    ]


def test_long_modal_title_is_a_violation(standin: SlackStandIn, client: WebClient) -> None:
    title = {"type": "plain_text", "text": "A title of thirty characters!!"}
    opened = client.views_open(
        trigger_id=TRIGGER, view={"type": "modal", "title": title, "blocks": [section()]}
    )
    assert opened["view"]["id"].startswith("V0")
    assert opened["view"]["title"] == title
    assert standin.violations == ["views.open: title.text: 30 characters (max 24)"]


def test_missing_channel_is_a_spec_violation(standin: SlackStandIn) -> None:
    standin.strict = True
    answer = _raw_call(standin, "chat.postMessage", {"text": "hi"})
    assert answer == {"ok": False, "error": "channel_not_found"}
    assert standin.violations == [
        "chat.postMessage: missing required argument `channel`",
        "chat.postMessage: channel '' is not a channel id",
    ]


def test_views_lifecycle(standin: SlackStandIn, client: WebClient) -> None:
    title = {"type": "plain_text", "text": "Hand off"}
    view = {"type": "modal", "title": title, "blocks": [section()], "external_id": "task-1"}
    opened = client.views_open(trigger_id=TRIGGER, view=view)["view"]
    with pytest.raises(SlackApiError, match="exchanged_trigger_id"):
        client.views_open(trigger_id=TRIGGER, view=view)
    updated = client.views_update(external_id="task-1", view=view | {"callback_id": "handoff"})
    assert updated["view"]["id"] == opened["id"]
    assert updated["view"]["callback_id"] == "handoff"
    with pytest.raises(SlackApiError, match="hash_conflict"):
        client.views_update(view_id=opened["id"], view=view, hash=opened["hash"])
    home = {"type": "home", "blocks": [section()]}
    first = client.views_publish(user_id="U0ALICE001", view=home)["view"]
    again = client.views_publish(user_id="U0ALICE001", view=home)["view"]
    assert first["id"] == again["id"] == standin.home_view("U0ALICE001")["id"]  # type: ignore[index]
    standin.assert_clean()


def test_users_info(client: WebClient) -> None:
    user = client.users_info(user="U0ALICE001")["user"]
    assert (user["id"], user["name"], user["real_name"], user["deleted"]) == (
        "U0ALICE001",
        "alice",
        "Alice Ng",
        False,
    )
    assert user["tz"] == "America/Chicago"
    assert user["tz_offset"] in (-21600, -18000)
    assert user["profile"]["display_name"] == "alice"
    with pytest.raises(SlackApiError, match="user_not_found"):
        client.users_info(user="U0NOBODY01")


def test_auth_and_unknown_methods(standin: SlackStandIn) -> None:
    with pytest.raises(SlackApiError, match="invalid_auth"):
        WebClient(token="xoxp-user", base_url=standin.url).auth_test()
    with pytest.raises(SlackApiError, match="unknown_method"):
        WebClient(token="xoxb-test", base_url=standin.url).api_call("chat.sparkle")
    assert _raw_call(standin, "auth.test", {}, token=None)["error"] == "not_authed"
    assert len(standin.violations) == 3


def test_form_bodies_and_get_queries(standin: SlackStandIn, client: WebClient) -> None:
    blocks = json.dumps([section()])
    posted = client.api_call(
        "chat.postMessage", data={"channel": CHANNEL, "text": "x", "blocks": blocks}
    )
    assert posted["message"]["blocks"][0]["type"] == "section"
    get = urllib.request.Request(
        standin.url + "users.info?user=U0BOB00002", headers={"Authorization": "Bearer xoxb-test"}
    )
    with urllib.request.urlopen(get) as response:
        assert json.loads(response.read())["user"]["name"] == "bob"
    standin.assert_clean()


def test_a_stand_in_failure_is_reported(
    standin: SlackStandIn, client: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(workspace: object, args: object) -> dict[str, Any]:
        raise KeyError("boom")

    monkeypatch.setitem(METHODS, "auth.test", broken)
    with pytest.raises(SlackApiError, match="internal_error"):
        client.auth_test()
    assert standin.violations == ["auth.test: the stand-in failed: KeyError('boom')"]


def test_injected_429_then_retry(standin: SlackStandIn, client: WebClient) -> None:
    standin.inject("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel=CHANNEL, text="x")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"
    standin.inject("*", status=429, retry_after=0)
    patient = WebClient(
        token="xoxb-test",
        base_url=standin.url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    assert patient.chat_postMessage(channel=CHANNEL, text="x")["ok"]
    assert [c.status for c in standin.calls_to("chat.postMessage")] == [429, 429, 200]
    standin.assert_clean()


def test_injected_500_and_slow_answers(standin: SlackStandIn, client: WebClient) -> None:
    standin.inject("auth.test", status=500)
    with pytest.raises(SlackApiError) as raised:
        client.auth_test()
    assert raised.value.response.status_code == 500
    standin.inject("auth.test", status=200, delay=0.3)
    started = time.monotonic()
    assert client.auth_test()["ok"]
    assert time.monotonic() - started >= 0.3
    standin.inject("auth.test", status=500, times=5)
    standin.clear_faults()
    assert client.auth_test()["ok"]


def test_queued_faults_follow_one_another(standin: SlackStandIn, client: WebClient) -> None:
    standin.inject("auth.test", status=429, times=2)
    standin.inject("auth.test", status=500, queued=True)
    for _ in range(3):
        with pytest.raises(SlackApiError):
            client.auth_test()
    assert client.auth_test()["ok"]
    assert [c.status for c in standin.calls_to("auth.test")] == [429, 429, 500, 200]


def test_response_url_posts_are_recorded_and_checked(
    standin: SlackStandIn, client: WebClient
) -> None:
    posted = client.chat_postMessage(channel=CHANNEL, text="Task: call Mrs. Smith")
    url = standin.new_response_url(CHANNEL, posted["ts"])
    assert url.startswith(standin.response_url_base)
    hook = WebhookClient(url)
    assert hook.send(text="Claimed by Bob", replace_original=True).status_code == 200
    assert standin.messages(CHANNEL)[0]["text"] == "Claimed by Bob"
    hook.send(text="Everyone: Bob took it", response_type="in_channel")
    hook.send_dict({"text": "x", "response_type": "loud", "colour": "red"})
    assert [r.body["text"] for r in standin.responses] == [
        "Claimed by Bob",
        "Everyone: Bob took it",
        "x",
    ]
    assert len(standin.messages(CHANNEL)) == 2
    assert standin.violations == [
        "response_url: unknown field `colour`",
        "response_url: response_type 'loud' is not one of ['ephemeral', 'in_channel']",
    ]
    hook.send(delete_original=True)
    assert [m["text"] for m in standin.messages(CHANNEL)] == ["Everyone: Bob took it"]


def test_wait_for_and_reset(standin: SlackStandIn, client: WebClient) -> None:
    assert not standin.wait_for(lambda: bool(standin.calls), timeout=0.05)
    client.chat_postMessage(channel=CHANNEL, text="x", blocks=[section()] * 51)
    assert standin.wait_for(lambda: len(standin.calls_to("chat.postMessage")) >= 1)
    standin.reset()
    assert (standin.calls, standin.violations, standin.messages()) == ([], [], [])


def test_a_missing_spec_folder_fails_the_call_rather_than_skipping_validation(
    standin: SlackStandIn, client: WebClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Before: a missing spec folder passed every payload the spec checks would have judged."""
    monkeypatch.setenv(specs.SPECS_ENV, str(tmp_path / "missing"))
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel=CHANNEL, text="x", blocks=[{"type": "section"}])
    assert standin.violations == [
        "chat.postMessage: the stand-in failed: FileNotFoundError("
        f"'Slack spec folder {tmp_path / 'missing'} (SLACK_SPECS_DIR) does not exist')"
    ]


def test_not_strict_skips_payload_checks(client: WebClient, standin: SlackStandIn) -> None:
    standin.strict = False
    client.chat_postMessage(channel=CHANNEL, text="x", blocks=[section()] * 51)
    standin.assert_clean()


def _raw_call(
    standin: SlackStandIn, method: str, args: dict[str, Any], token: str | None = "xoxb-test"
) -> dict[str, Any]:
    """A call slack_sdk would refuse to make (e.g. without required arguments)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        standin.url + method, data=json.dumps(args).encode(), headers=headers, method="POST"
    )
    with urllib.request.urlopen(request) as response:
        return dict(json.loads(response.read()))
