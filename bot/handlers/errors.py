"""One error handler: known refusals become clear ephemeral messages, the rest a reference id."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.webhook import WebhookClient
from sqlalchemy import exc

from bot.bootstrap import Handoff
from bot.services.errors import Refused
from bot.services.replies import tell
from bot.slack.ids import Field
from bot.slack.parse import Malformed, team_of
from bot.slack.trust import signed_by_slack

log = logging.getLogger(__name__)
UNREACHABLE = (exc.OperationalError, exc.InterfaceError, exc.TimeoutError)
REPLY_TIMEOUT_SECONDS = 3


def database_down(error: Exception) -> bool:
    """The database did not answer (down, refusing connections, or connections cut)."""
    if isinstance(error, UNREACHABLE):
        return True
    return isinstance(error, exc.DBAPIError) and error.connection_invalidated


def user_message(error: Exception) -> str:
    if isinstance(error, Refused):
        return error.message
    reference = uuid.uuid4().hex[:8]
    if database_down(error):
        log.error("database unreachable ref=%s: %s", reference, error)
        return (
            f"Handoff can't reach its database right now (ref {reference}), so nothing was "
            "saved. Please try again in a few minutes."
        )
    log.error("unhandled error ref=%s: %s", reference, type(error).__name__, exc_info=error)
    return (
        f"Sorry, Handoff hit a problem (ref {reference}) and saved nothing. "
        "Please try again in a moment."
    )


def replying(handoff: Handoff) -> Callable[..., None]:
    """The app's one error handler, for this process's Handoff."""

    def on_error(
        error: Exception, body: dict[str, Any], request: BoltRequest, response: BoltResponse
    ) -> None:
        reply(handoff, error, body, request, response)

    return on_error


def reply(
    handoff: Handoff,
    error: Exception,
    body: dict[str, Any],
    request: BoltRequest,
    response: BoltResponse,
) -> None:
    """Answer a failed request in the way its surface shows: ephemeral, form errors, or later."""
    if not from_slack(request, handoff.settings.slack_signing_secret):
        log.warning("error on a request Slack did not sign: %s", type(error).__name__)
        response.status, response.body = 401, ""
        return
    if isinstance(error, Malformed):
        log.warning("malformed %s payload refused: %s", body.get("type", "command"), error)
        _json(response, {"error": "malformed payload"}, status=400)
        return
    message = user_message(error)
    if body.get("command"):
        _json(response, {"response_type": "ephemeral", "text": message})
    elif body.get("type") == "view_submission":
        errors = {_error_block(body): message}
        _json(response, {"response_action": "errors", "errors": errors})
    elif body.get("response_url"):
        response.status, response.body = 200, ""
        _tell_later(handoff, body, message, now=database_down(error))
    else:  # events and Home buttons: a 503 has Slack deliver the event again later
        response.status, response.body = (503 if database_down(error) else 200), ""


def from_slack(request: BoltRequest, signing_secret: str) -> bool:
    """Over Socket Mode (Slack's own connection), or signed by Slack within five minutes."""
    if request.mode == "socket_mode":
        return True
    timestamp, signature = (
        (request.headers.get(name) or [""])[0]
        for name in ("x-slack-request-timestamp", "x-slack-signature")
    )
    raw = request.raw_body.encode()
    return signed_by_slack(signing_secret, raw, timestamp, signature, now=time.time())


def _json(response: BoltResponse, data: dict[str, Any], status: int = 200) -> None:
    response.status = status
    response.body = json.dumps(data)
    response.headers["content-type"] = ["application/json;charset=utf-8"]


def _error_block(body: dict[str, Any]) -> str:
    """Where the form shows the message: Details, else its first input."""
    values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
    return Field.DETAILS if Field.DETAILS in values else next(iter(values), Field.DETAILS)


def _tell_later(handoff: Handoff, body: dict[str, Any], message: str, *, now: bool) -> None:
    """Through the outbox; `now` (the database is down): straight to the response URL."""
    if now:
        if not handoff.deliverer.reply_hosts.allows(body["response_url"]):
            return
        threading.Thread(target=_post, args=(body["response_url"], message), daemon=True).start()
        return
    try:
        tell(handoff.uow(), team_id=team_of(body), response_url=body["response_url"], text=message)
    except Exception:
        log.exception("could not queue an error reply")


def _post(response_url: str, message: str) -> None:
    try:
        client = WebhookClient(response_url, timeout=REPLY_TIMEOUT_SECONDS)
        client.send(text=message, response_type="ephemeral")
    except Exception:
        log.exception("could not send an error reply")
