"""WSGI entry: Slack's Request URL and the health check, served by gunicorn (gthread)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.bootstrap import Handoff
from bot.handlers import build_app
from bot.slack.ids import EVENTS_PATH
from bot.storage.engine import database_reachable

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def create_wsgi(handoff: Handoff) -> WsgiApp:
    slack = SlackRequestHandler(build_app(handoff), path=EVENTS_PATH)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") == "GET":
            healthy = database_reachable(handoff.engine)
            body = json.dumps({"database": "ok" if healthy else "unreachable"}).encode()
            status = "200 OK" if healthy else "503 Service Unavailable"
            start_response(
                status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
            )
            return [body]
        release = handoff.hold_delivery()
        try:
            return AfterResponse(slack(environ, start_response), release)
        except BaseException:
            release()
            raise

    return application


class AfterResponse:
    """A WSGI body that runs `then` once the server has sent it (WSGI calls close())."""

    def __init__(self, body: Iterable[bytes], then: Callable[[], None]) -> None:
        self.body = body
        self.then = then

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)

    def close(self) -> None:
        self.then()
