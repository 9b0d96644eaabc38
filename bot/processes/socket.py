"""`bot socket`: the same app over Socket Mode, for practices without a public URL."""

from __future__ import annotations

import time

from slack_bolt import BoltRequest
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.socket_mode.internals import build_headers, send_response
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.bootstrap import Handoff
from bot.handlers import build_app
from bot.handlers.modals import modal_after_ack
from bot.processes.after_ack import AfterAck
from bot.processes.requests import record_request

# How often the client checks its connection; a dropped one is replaced within about this long.
PING_SECONDS = 5.0


class RecordedSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler, logging and timing each request as `bot serve` does."""

    after_ack: AfterAck  # set by socket_handler

    def handle(self, client: BaseSocketModeClient, req: SocketModeRequest) -> None:
        started, wall = time.perf_counter(), time.time()
        self.after_ack.request_started()
        request = BoltRequest(mode="socket_mode", body=req.payload, headers=build_headers(req))
        try:
            answer = self.app.dispatch(request)
            send_response(client, req, answer, wall)
        except BaseException:
            self.after_ack.request_finished(None)
            raise
        record_request(req.payload, answer.status, time.perf_counter() - started)
        ok = answer.status == 200
        self.after_ack.request_finished(
            modal_after_ack(request.context, req.payload) if ok else None
        )


def socket_handler(handoff: Handoff) -> SocketModeHandler:
    """Bolt's Socket Mode handler for the app (slack_sdk's built-in client; it reconnects)."""
    app_token = handoff.settings.slack_app_token
    handler = RecordedSocketModeHandler(build_app(handoff), app_token, ping_interval=PING_SECONDS)
    handler.after_ack = handoff.after_ack
    return handler


def run_socket(handoff: Handoff) -> None:
    """Start this process's sender, then serve Slack over Socket Mode until stopped."""
    handoff.start_delivery()
    socket_handler(handoff).start()  # type: ignore[no-untyped-call]
