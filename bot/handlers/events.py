"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.bootstrap import Handoff


def register(app: App, handoff: Handoff) -> None:
    @app.event("message")
    def on_message() -> None:
        """Channel conversation is the people's own; thread commands arrive with the lifecycle."""
