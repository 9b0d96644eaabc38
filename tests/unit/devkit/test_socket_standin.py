"""The Socket Mode stand-in, driven by slack_sdk's WebClient and a bare websockets client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from bot.devkit.sender import FORM, JSON, Outgoing
from bot.devkit.socket_sender import envelope_type
from bot.devkit.socket_standin import SocketModeStandIn
from bot.devkit.standin import SlackStandIn

APP_TOKEN = "xapp-1-A0HANDOFF01-0000-test"


@pytest.fixture
def socket_mode(standin: SlackStandIn) -> Iterator[SocketModeStandIn]:
    with SocketModeStandIn(standin) as running:
        yield running


@pytest.fixture
def app_socket(standin: SlackStandIn, socket_mode: SocketModeStandIn) -> Iterator[ClientConnection]:
    """An app connected the way slack_sdk connects: apps.connections.open, then the URL."""
    url = WebClient(base_url=standin.url).apps_connections_open(app_token=APP_TOKEN)["url"]
    with connect(url, open_timeout=5, close_timeout=1) as connection:
        yield connection


def received(connection: ClientConnection) -> dict[str, Any]:
    return dict(json.loads(connection.recv(timeout=5)))


def test_a_connection_is_greeted_with_hello_and_its_acks_are_recorded(
    socket_mode: SocketModeStandIn, app_socket: ClientConnection
) -> None:
    assert received(app_socket)["type"] == "hello"
    socket_mode.wait_connected()
    envelope_id = socket_mode.push("slash_commands", {"text": "x"}, accepts_response_payload=True)
    envelope = received(app_socket)
    assert (envelope["envelope_id"], envelope["payload"]) == (envelope_id, {"text": "x"})
    app_socket.send(json.dumps({"envelope_id": envelope_id, "payload": {"text": "ok"}}))
    assert socket_mode.wait_ack(envelope_id).payload == {"text": "ok"}
    socket_mode.assert_clean()


def test_a_late_ack_a_payload_nobody_reads_and_a_missing_ack_are_problems(
    standin: SlackStandIn,
) -> None:
    """ack_within=0 makes every ack late without waiting on the clock."""
    with SocketModeStandIn(standin, ack_within=0.0) as socket_mode:
        url = WebClient(base_url=standin.url).apps_connections_open(app_token=APP_TOKEN)["url"]
        with connect(url, open_timeout=5, close_timeout=1) as app:
            received(app)
            socket_mode.wait_connected()
            acked = socket_mode.push("events_api", {}, accepts_response_payload=False)
            socket_mode.push("interactive", {}, accepts_response_payload=False)
            app.send(json.dumps({"envelope_id": acked, "payload": {"text": "?"}}))
            socket_mode.wait_ack(acked)
            with pytest.raises(AssertionError) as raised:
                socket_mode.assert_clean()
    problems = str(raised.value)
    assert "acked after" in problems
    assert "events_api ack carries a payload Slack ignores" in problems
    assert "interactive envelope" in problems
    assert "never acked" in problems


def test_a_dropped_connection_is_closed_and_its_url_cannot_be_reused(
    socket_mode: SocketModeStandIn, app_socket: ClientConnection
) -> None:
    received(app_socket)
    socket_mode.wait_connected()
    socket_mode.drop()
    with pytest.raises(ConnectionClosed):
        app_socket.recv(timeout=5)
    with (
        connect(socket_mode.urls[0], open_timeout=5, close_timeout=1) as again,
        pytest.raises(ConnectionClosed),
    ):
        again.recv(timeout=5)
    assert "unknown or used ticket" in socket_mode.violations[0]


def test_refresh_asks_the_app_to_reconnect(
    socket_mode: SocketModeStandIn, app_socket: ClientConnection
) -> None:
    received(app_socket)
    socket_mode.wait_connected()
    socket_mode.refresh()
    assert received(app_socket) | {"debug_info": None} == {
        "type": "disconnect",
        "reason": "refresh_requested",
        "debug_info": None,
    }


def test_apps_connections_open_takes_the_app_token_only(standin: SlackStandIn) -> None:
    with pytest.raises(SlackApiError) as raised:
        WebClient(base_url=standin.url).apps_connections_open(app_token="xoxb-not-an-app-token")
    assert raised.value.response["error"] == "not_allowed_token_type"
    with pytest.raises(SlackApiError) as no_server:
        WebClient(base_url=standin.url).apps_connections_open(app_token=APP_TOKEN)
    assert no_server.value.response["error"] == "invalid_auth"
    assert standin.violations == [
        "apps.connections.open: this method takes a `xapp-…` token",
        "apps.connections.open: no Socket Mode stand-in runs",
    ]


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        (Outgoing(b"command=%2Fdelegate&text=x", FORM), ("slash_commands", True)),
        (Outgoing(b"payload=%7B%22type%22%3A%22block_actions%22%7D", FORM), ("interactive", False)),
        (
            Outgoing(b"payload=%7B%22type%22%3A%22view_submission%22%7D", FORM),
            ("interactive", True),
        ),
        (Outgoing(b'{"type": "event_callback"}', JSON), ("events_api", False)),
    ],
)
def test_each_request_becomes_its_envelope_type(
    request_: Outgoing, expected: tuple[str, bool]
) -> None:
    assert envelope_type(request_) == expected
