"""Middleware: what every listener reads from `context`; clean text; unknown workspaces refused."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltRequest
from slack_bolt.response import BoltResponse

from bot.bootstrap import Handoff
from bot.slack.parse import printable_payload

log = logging.getLogger(__name__)
Middleware = Callable[..., Any]

UNKNOWN_TEAM = (
    "Handoff is not set up for this workspace. Ask your practice's Handoff admin to add "
    "its team id to the practice config."
)


def serving(handoff: Handoff) -> Middleware:
    """Puts this process's Handoff and the request's moment into `context`."""

    def handoff_and_now(context: BoltContext, next: Callable[[], Any]) -> Any:
        context["handoff"], context["now"] = handoff, handoff.clock()
        return next()

    return handoff_and_now


def printable_text(req: BoltRequest, next: Callable[[], Any]) -> Any:
    """Every string a listener reads loses its control characters (PostgreSQL refuses NUL)."""
    req.body = printable_payload(req.body)
    return next()


def known_team(context: BoltContext, body: dict[str, Any], next: Callable[[], Any]) -> Any:
    """Puts the team's practice into `context`; refuses workspaces not served here."""
    practice = context["handoff"].practice(context.team_id)
    if practice is not None:
        context["practice"] = practice
        return next()
    log.warning("request from unknown team %s refused", context.team_id)
    if body.get("command"):
        message = {"response_type": "ephemeral", "text": UNKNOWN_TEAM}
        return BoltResponse(
            status=200,
            body=json.dumps(message),
            headers={"content-type": "application/json;charset=utf-8"},
        )
    if body.get("type") == "event_callback":
        return BoltResponse(status=200, body="")  # acknowledged, so Slack does not retry
    return BoltResponse(status=403, body={"error": UNKNOWN_TEAM})  # buttons, forms, shortcuts
