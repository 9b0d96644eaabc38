"""One error handler: known refusals become clear ephemeral messages, the rest a reference id."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from slack_bolt import App
from slack_bolt.response import BoltResponse

from bot.bootstrap import Handoff
from bot.services.errors import Refused
from bot.services.replies import tell
from bot.slack.ids import Field

log = logging.getLogger(__name__)


def user_message(error: Exception) -> str:
    if isinstance(error, Refused):
        return error.message
    reference = uuid.uuid4().hex[:8]
    log.error("unhandled error ref=%s: %s", reference, type(error).__name__, exc_info=error)
    return (
        f"Sorry, Handoff hit a problem (ref {reference}) and saved nothing. "
        "Please try again in a moment."
    )


def register(app: App, handoff: Handoff) -> None:
    @app.error
    def on_error(error: Exception, body: dict[str, Any], response: BoltResponse) -> None:
        message = user_message(error)
        response.status = 200
        if body.get("command"):
            _json(response, {"response_type": "ephemeral", "text": message})
        elif body.get("type") == "view_submission":
            _json(response, {"response_action": "errors", "errors": {Field.DETAILS: message}})
        elif body.get("response_url"):
            _tell_later(handoff, body, message)
        else:
            response.body = ""


def _json(response: BoltResponse, data: dict[str, Any]) -> None:
    response.body = json.dumps(data)
    response.headers["content-type"] = ["application/json;charset=utf-8"]


def _tell_later(handoff: Handoff, body: dict[str, Any], message: str) -> None:
    team_id = (body.get("team") or {}).get("id", "")
    try:
        tell(handoff.uow(), team_id=team_id, response_url=body["response_url"], text=message)
    except Exception:
        log.exception("could not queue an error reply")
