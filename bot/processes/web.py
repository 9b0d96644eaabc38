"""WSGI entry: Slack's Request URL and the health check, served by gunicorn (gthread)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from http import HTTPStatus
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest

from bot.bootstrap import Handoff
from bot.handlers import build_app
from bot.handlers.modals import modal_after_ack
from bot.processes.probes import probes
from bot.processes.requests import record_request
from bot.slack.ids import EVENTS_PATH
from bot.slack.trust import signed_by_slack

log = logging.getLogger(__name__)
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
MAX_BODY_BYTES = 1_000_000  # Slack's payloads are a few kB; 1 MB is generous
DRAIN_MAX = 16 * MAX_BODY_BYTES  # beyond this a refused body is not read; the client sees a reset
AFTER_ACK = "handoff.after_ack"  # environ key: the modal to open once the answer is sent
SLACK_MEDIA_TYPES = frozenset({"application/x-www-form-urlencoded", "application/json"})


def create_wsgi(handoff: Handoff) -> WsgiApp:
    slack = SlackEndpoint(build_app(handoff), handoff.settings.slack_signing_secret)

    routes = probes(handoff)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        probe = routes.get(environ.get("PATH_INFO", ""))
        if probe is not None and environ.get("REQUEST_METHOD") == "GET":
            status, content_type, body = probe()
            headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
            start_response(f"{status} {HTTPStatus(status).phrase}", headers)
            return [body]
        release = handoff.hold_delivery()
        handoff.after_ack.request_started()
        try:
            answer = slack(environ, start_response)
        except BaseException:
            release()
            handoff.after_ack.request_finished(None)
            raise
        finish = partial(handoff.after_ack.request_finished, environ.get(AFTER_ACK))
        return AfterResponse(answer, release, finish)

    return application


class SlackEndpoint(SlackRequestHandler):
    """Bolt's WSGI handler behind a strict signature check; 4xx to bodies Bolt would fail on."""

    def __init__(self, app: App, signing_secret: str) -> None:
        super().__init__(app, path=EVENTS_PATH)
        self.signing_secret = signing_secret

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        started = time.perf_counter()
        answer, body = self._answer(request)
        record_request(body, answer.status, time.perf_counter() - started)
        return answer

    def _answer(self, request: WsgiHttpRequest) -> tuple[BoltResponse, dict[str, Any]]:
        """Bolt's answer and the payload it read; an empty payload if refused before reading."""
        environ, headers = request.environ, request.get_headers()
        length, stream = _content_length(environ), environ["wsgi.input"]
        refusal = _refuse_envelope(environ, length)
        if refusal is not None:
            _drain(stream, length or 0)
            return refusal, {}
        raw = stream.read(length)
        if not self._signed(raw, headers):  # before Bolt parses, logs or answers anything
            log.warning("request to %s without a valid Slack signature refused", EVENTS_PATH)
            return BoltResponse(status=401, body=""), {}
        try:
            body = raw.decode()
        except UnicodeDecodeError:
            return _error(400, "Slack requests are UTF-8"), {}
        try:  # Bolt trusts the payload's shape
            bolt_request = BoltRequest(body=body, query=request.query_string, headers=headers)
            answer = self.app.dispatch(bolt_request)
        except Exception:
            log.warning("unreadable request to %s refused", EVENTS_PATH, exc_info=True)
            return _error(400, "the body is not a Slack request"), {}
        if answer.status == 200:
            environ[AFTER_ACK] = modal_after_ack(bolt_request.context, bolt_request.body)
        return answer, bolt_request.body

    def _signed(self, raw: bytes, headers: dict[str, Any]) -> bool:
        timestamp = str(headers.get("x-slack-request-timestamp", ""))
        signature = str(headers.get("x-slack-signature", ""))
        return signed_by_slack(self.signing_secret, raw, timestamp, signature, now=time.time())


def _content_length(environ: dict[str, Any]) -> int | None:
    raw = str(environ.get("CONTENT_LENGTH") or "0").strip()
    return int(raw) if raw.isdecimal() else None


def _refuse_envelope(environ: dict[str, Any], length: int | None) -> BoltResponse | None:
    """A 4xx for a body too large to read or of a type Slack never sends; None if fine."""
    if length is None:
        return _error(400, "invalid Content-Length")
    if length > MAX_BODY_BYTES:
        return _error(413, f"Slack requests are under {MAX_BODY_BYTES:,} bytes")
    media_type = str(environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    if media_type not in SLACK_MEDIA_TYPES:
        return _error(415, "Slack requests are form-encoded or JSON")
    return None


def _drain(stream: Any, length: int) -> None:
    """Read a refused body (up to a limit) so the client hears the refusal, not a reset."""
    left = min(length, DRAIN_MAX)
    while left > 0 and (chunk := stream.read(min(left, 65_536))):
        left -= len(chunk)


def _error(status: int, message: str) -> BoltResponse:
    return BoltResponse(status=status, body={"error": message})


class AfterResponse:
    """A WSGI body that runs `then`, in order, once the server has sent it (WSGI calls close())."""

    def __init__(self, body: Iterable[bytes], *then: Callable[[], None]) -> None:
        self.body = body
        self.then = then

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)

    def close(self) -> None:
        for step in self.then:
            step()
