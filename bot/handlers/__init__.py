"""Bolt listeners, one module per Slack surface."""

from __future__ import annotations

from slack_bolt import App

from bot.bootstrap import Handoff
from bot.handlers import (
    actions,
    commands,
    errors,
    events,
    home,
    lifecycle,
    middleware,
    shortcuts,
    views,
)


def build_app(handoff: Handoff) -> App:
    """The Bolt app: acks after one short transaction; modals open in lazy listeners."""
    settings = handoff.settings
    app = App(
        name="handoff",
        signing_secret=settings.slack_signing_secret,
        client=handoff.client,
        process_before_response=True,
    )
    for surface in (
        errors,
        middleware,
        commands,
        views,
        shortcuts,
        actions,
        lifecycle,
        home,
        events,
    ):
        surface.register(app, handoff)
    return app
