"""`bot socket`: the same app over Socket Mode, for practices without a public URL."""

from __future__ import annotations

import time

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.socket_mode.internals import run_bolt_app, send_response
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.bootstrap import Handoff
from bot.handlers import build_app
from bot.processes.requests import record_request

# How often the client checks its connection; a dropped one is replaced within about this long.
PING_SECONDS = 5.0


class RecordedSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler, logging and timing each request as `bot serve` does."""

    def handle(self, client: BaseSocketModeClient, req: SocketModeRequest) -> None:
        started, wall = time.perf_counter(), time.time()
        answer = run_bolt_app(self.app, req)
        send_response(client, req, answer, wall)
        record_request(req.payload, answer.status, time.perf_counter() - started)


def socket_handler(handoff: Handoff) -> SocketModeHandler:
    """Bolt's Socket Mode handler for the app (slack_sdk's built-in client; it reconnects)."""
    app_token = handoff.settings.slack_app_token
    return RecordedSocketModeHandler(build_app(handoff), app_token, ping_interval=PING_SECONDS)


def run_socket(handoff: Handoff) -> None:
    """Start this process's sender, then serve Slack over Socket Mode until stopped."""
    handoff.start_delivery()
    socket_handler(handoff).start()  # type: ignore[no-untyped-call]
