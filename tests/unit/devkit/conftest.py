"""Fixtures: a running Slack stand-in, a WebClient on it, and a signature-checking fake app."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot.devkit import specs
from bot.devkit.sender import SlackSender
from bot.devkit.standin import SlackStandIn

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
USERS = {
    "U0ALICE001": {"name": "alice", "real_name": "Alice Ng", "tz": "America/Chicago"},
    "U0BOB00002": {"name": "bob", "real_name": "Bob Ray", "tz": "Europe/London"},
}


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn(users={key: dict(value) for key, value in USERS.items()}) as running:
        yield running


@pytest.fixture
def client(standin: SlackStandIn) -> WebClient:
    return WebClient(token="xoxb-test", base_url=standin.url)


@pytest.fixture
def spec_data() -> None:
    if not specs.available():
        pytest.skip("Slack spec folder not found (../shared/slack-specs or $SLACK_SPECS_DIR)")


@dataclass
class FakeApp:
    """Records what reaches it; answers 401 to requests whose signature does not verify."""

    url: str = ""
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


def _handler(app: FakeApp) -> type[BaseHTTPRequestHandler]:
    verifier = SignatureVerifier(SIGNING_SECRET)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            headers = dict(self.headers.items())
            app.received.append((headers, body))
            self.send_response(200 if verifier.is_valid_request(body, headers) else 401)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    return Handler


@pytest.fixture
def fake_app() -> Iterator[FakeApp]:
    app = FakeApp()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(app))
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    app.url = f"http://127.0.0.1:{server.server_address[1]}/slack/events"
    yield app
    server.shutdown()
    server.server_close()


@pytest.fixture
def sender(fake_app: FakeApp, standin: SlackStandIn) -> SlackSender:
    return SlackSender(fake_app.url, SIGNING_SECRET, standin=standin)
