"""Requests Slack did not sign (now): 401 with an empty body, nothing written, nobody called.

Reproduction (issue 8): `X-Slack-Request-Timestamp: not-a-number` made Bolt's verifier raise;
the error handler then queued "Sorry, Handoff hit a problem" for the unverified body's
response_url, and the relay POSTed it to whatever host the sender named.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from slack_bolt import BoltRequest

from bot.devkit import ids
from bot.devkit import slack_requests as shapes
from bot.devkit.sender import FORM, JSON, Outgoing
from bot.devkit.signing import sign
from bot.devkit.standin import SlackStandIn
from bot.handlers import build_app
from bot.slack.ids import Button, Callback
from tests.conftest import RunningApp
from tests.e2e.sweep import rows
from tests.support import PATEL, QUEUE, SIGNING_SECRET

TIMESTAMP, SIGNATURE = "X-Slack-Request-Timestamp", "X-Slack-Signature"
Headers = Callable[[bytes], dict[str, str]]


def at(timestamp: str, secret: str = SIGNING_SECRET) -> Headers:
    """Both headers, the signature a true HMAC of the body at `timestamp` (whatever it is)."""
    return lambda body: {TIMESTAMP: timestamp, SIGNATURE: sign(secret, timestamp, body)}


def seconds_from_now(seconds: int) -> str:
    return str(int(time.time()) + seconds)


UNSIGNED: dict[str, Headers] = {
    "timestamp-not-a-number": lambda body: at("not-a-number")(body),
    "timestamp-empty": lambda body: at("")(body),
    "timestamp-with-a-plus": lambda body: at("+" + seconds_from_now(0))(body),
    "timestamp-fractional": lambda body: at(seconds_from_now(0) + ".5")(body),
    "timestamp-six-minutes-old": lambda body: at(seconds_from_now(-360))(body),
    "timestamp-six-minutes-ahead": lambda body: at(seconds_from_now(360))(body),
    "wrong-secret": lambda body: at(seconds_from_now(0), "not-the-secret")(body),
    "signature-of-another-body": lambda body: at(seconds_from_now(0))(body + b"&x=1"),
    "signature-missing": lambda body: {TIMESTAMP: seconds_from_now(0)},
    "timestamp-missing": lambda body: {SIGNATURE: at(seconds_from_now(0))(body)[SIGNATURE]},
    "no-headers": lambda body: {},
}


@pytest.fixture
def attacker() -> Iterator[SlackStandIn]:
    """Another server on this host: the response_url a forged body names."""
    with SlackStandIn() as server:
        yield server


def command(app: RunningApp, response_url: str) -> Outgoing:
    fields = shapes.slash_command(
        app.slack.ctx,
        "/delegate",
        "scheduling book the annual visit",
        user_id=PATEL,
        channel_id=QUEUE,
        response_url=response_url,
        trigger_id=ids.trigger_id(),
    )
    return Outgoing(urllib.parse.urlencode(fields).encode(), FORM)


def interaction(app: RunningApp, kind: str, **fields: Any) -> Outgoing:
    payload = shapes.interaction(app.slack.ctx, kind, PATEL, trigger_id=ids.trigger_id(), **fields)
    return Outgoing(urllib.parse.urlencode({"payload": json.dumps(payload)}).encode(), FORM)


def bodies(app: RunningApp, hook: str) -> dict[str, Outgoing]:
    """Bodies of every kind, each naming `hook` as its response_url where it has one."""
    view = {"callback_id": Callback.DELEGATE, "state": {"values": {}}}  # no view.type
    event = shapes.event_callback(
        app.slack.ctx, shapes.app_home_opened_event(PATEL), event_id=ids.event_id()
    )
    return {
        "slash-command": command(app, hook),
        "view-without-type": interaction(
            app, "view_submission", view=view, response_urls=[{"response_url": hook}]
        ),
        "block-action": interaction(
            app,
            "block_actions",
            actions=[{"action_id": Button.CLAIM, "value": "1"}],
            response_url=hook,
        ),
        "ssl-check": Outgoing(b"ssl_check=1&token=x", FORM),
        "event": Outgoing(json.dumps(event).encode(), JSON),
        "url-verification": Outgoing(b'{"type": "url_verification", "challenge": "c"}', JSON),
        "malformed-json": Outgoing(b'{"type": ', JSON),
        "not-utf8": Outgoing(b"payload=\xff\xfe", FORM),
    }


def post(app: RunningApp, request: Outgoing, headers: dict[str, str]) -> tuple[int, bytes]:
    """POST `request` with exactly these Slack headers; the status and the body."""
    sent = urllib.request.Request(
        app.slack.app_url,
        data=request.body,
        headers={"Content-Type": request.content_type, **headers},
        method="POST",
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(sent, timeout=10) as answer:
            return int(answer.status), bytes(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("case", UNSIGNED)
def test_an_unsigned_request_gets_an_empty_401_and_writes_and_sends_nothing(
    app: RunningApp, attacker: SlackStandIn, case: str, subtests: pytest.Subtests
) -> None:
    before, calls = rows(app), len(app.standin.calls)
    for name, request in bodies(app, attacker.new_response_url()).items():
        with subtests.test(body=name):
            assert post(app, request, UNSIGNED[case](request.body)) == (401, b"")
    app.settle()
    assert rows(app) == before
    assert before.outbox == 0
    assert len(app.standin.calls) == calls
    assert app.standin.responses == []
    assert attacker.responses == []


def test_the_error_handler_ignores_a_request_that_reaches_bolt_unsigned(
    app: RunningApp, attacker: SlackStandIn
) -> None:
    """The second line: a request past the endpoint unverified gets no reply and no row."""
    bolt, before = build_app(app.handoff), rows(app)
    request = command(app, attacker.new_response_url())
    headers = {"content-type": FORM} | {
        name.lower(): value for name, value in at("not-a-number")(request.body).items()
    }
    response = bolt.dispatch(BoltRequest(body=request.body.decode(), headers=headers))
    assert (response.status, response.body) == (401, "")
    app.settle()
    assert rows(app) == before
    assert attacker.responses == []


def test_a_signed_action_naming_a_foreign_response_url_gets_no_reply_there(
    app: RunningApp, attacker: SlackStandIn
) -> None:
    """Slack never sends such a URL; if one came, the refusal is dropped and counted."""
    before = rows(app)
    claim = {"action_id": Button.CLAIM, "value": "999"}  # no such task: a refusal to tell
    request = interaction(
        app,
        "block_actions",
        actions=[claim],
        channel={"id": QUEUE},
        response_url=attacker.new_response_url(),
    )
    reply = app.slack.send(request)
    assert reply.status == 200, reply.text
    app.settle()
    assert rows(app).outbox == before.outbox + 1
    assert attacker.responses == []
    assert app.handoff.deliverer.reply_hosts.dropped == 1


def test_a_signed_ssl_check_is_still_answered(app: RunningApp) -> None:
    request = Outgoing(b"ssl_check=1&token=x", FORM)
    status, _ = post(app, request, at(seconds_from_now(0))(request.body))
    assert status == 200


def test_over_socket_mode_unsigned_requests_still_reach_the_error_handler(app: RunningApp) -> None:
    """Socket Mode is not signed (Slack's own connection): a malformed menu is still a 400."""
    menu = {"action_id": Button.MORE, "selected_option": {"value": "no-such-verb:1"}}
    payload = shapes.interaction(
        app.slack.ctx, "block_actions", PATEL, actions=[menu], channel={"id": QUEUE}
    )
    response = build_app(app.handoff).dispatch(BoltRequest(body=payload, mode="socket_mode"))
    assert response.status == 400
