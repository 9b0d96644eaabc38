"""`bot socket`: the same app over Socket Mode, for practices without a public URL."""

from __future__ import annotations

from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.bootstrap import Handoff
from bot.handlers import build_app


def run_socket(handoff: Handoff) -> None:
    """Start this process's sender, then serve Slack over Socket Mode until stopped."""
    handoff.start_delivery()
    app_token = handoff.settings.slack_app_token
    SocketModeHandler(build_app(handoff), app_token).start()  # type: ignore[no-untyped-call]
