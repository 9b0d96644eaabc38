"""The App Home tab: published fresh, for the person's role, each time they open it."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext

from bot.bootstrap import Handoff
from bot.handlers.common import practice_of
from bot.services.home import publish_home


def register(app: App, handoff: Handoff) -> None:
    @app.event("app_home_opened")
    def on_home_opened(event: dict[str, Any], context: BoltContext) -> None:
        if event.get("tab", "home") != "home":
            return  # the Messages tab
        publish_home(
            handoff.uow(),
            practice_of(handoff, context),
            user_id=event["user"],
            now=handoff.clock(),
        )
