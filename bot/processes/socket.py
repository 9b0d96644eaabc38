"""`bot socket`: the same app over Socket Mode, for practices without a public URL."""

from __future__ import annotations

from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.bootstrap import Handoff
from bot.handlers import build_app

# How often the client checks its connection; a dropped one is replaced within about this long.
PING_SECONDS = 5.0


def socket_handler(handoff: Handoff) -> SocketModeHandler:
    """Bolt's Socket Mode handler for the app (slack_sdk's built-in client; it reconnects)."""
    app_token = handoff.settings.slack_app_token
    return SocketModeHandler(build_app(handoff), app_token, ping_interval=PING_SECONDS)


def run_socket(handoff: Handoff) -> None:
    """Start this process's sender, then serve Slack over Socket Mode until stopped."""
    handoff.start_delivery()
    socket_handler(handoff).start()  # type: ignore[no-untyped-call]
