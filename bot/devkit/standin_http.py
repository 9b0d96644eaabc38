"""HTTP plumbing of the stand-in: request parsing, auth, and the request handler."""

from __future__ import annotations

import json
import re
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

from bot.devkit.standin_methods import ApiError

if TYPE_CHECKING:
    from bot.devkit.standin import SlackStandIn

TOKEN_RE = re.compile(r"^Bearer (xoxb|xapp)-[A-Za-z0-9-]+$")
APP_LEVEL_METHODS = frozenset({"apps.connections.open"})  # called with the xapp- token
# Arguments an app may send as JSON-encoded strings in a form body.
JSON_ARGS = ("blocks", "view", "attachments", "metadata")
INSPECT_PATH = "/inspect/calls"


class Answer(NamedTuple):
    status: int
    headers: dict[str, str]
    body: dict[str, Any]


def parse_args(query: str, raw: bytes, content_type: str) -> dict[str, Any]:
    """Arguments from the query string plus a JSON or form body; JSON-string args decoded."""
    args: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    if content_type.split(";")[0].strip() == "application/json":
        try:
            body = json.loads(raw or b"{}")
        except ValueError as error:
            raise ApiError("invalid_json", f"body is not JSON: {error}") from error
        if not isinstance(body, dict):
            raise ApiError("invalid_json", "JSON body is not an object")
        args |= body
    else:
        args |= dict(parse_qsl(raw.decode(errors="replace"), keep_blank_values=True))
    for key in JSON_ARGS:
        if isinstance(args.get(key), str) and args[key]:
            args[key] = _decode(key, args[key])
    return args


def check_auth(method: str, authorization: str | None) -> None:
    """Slack's answer to a missing or malformed token, or the wrong kind for `method`."""
    wanted = "xapp" if method in APP_LEVEL_METHODS else "xoxb"
    if not authorization:
        raise ApiError("not_authed", f"no `Authorization: Bearer {wanted}-…` header")
    token = TOKEN_RE.match(authorization)
    if token is None:
        raise ApiError("invalid_auth", f"Authorization is not `Bearer {wanted}-…`")
    if token[1] != wanted:
        raise ApiError("not_allowed_token_type", f"this method takes a `{wanted}-…` token")


def inspect_calls(standin: SlackStandIn, query: str) -> Answer:
    """`GET /inspect/calls?since=N[&method=M]`: recorded calls from the Nth on, read-only.

    For a process that did not start the stand-in (the bench); `next` is the `since` of the
    following read. Headers are left out (they carry the token).
    """
    args = dict(parse_qsl(query))
    since = args.get("since", "0")
    if not since.isdigit():
        return Answer(400, {}, {"ok": False, "error": "invalid_arguments"})
    calls, total = standin.calls_since(int(since))
    wanted = args.get("method")
    listed = [
        {"method": call.method, "args": call.args, "at": call.at, "status": call.status}
        for call in calls
        if wanted in (None, call.method)
    ]
    return Answer(200, {}, {"ok": True, "calls": listed, "next": total})


def _decode(key: str, text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        code = "invalid_blocks" if key == "blocks" else "invalid_arguments"
        raise ApiError(code, f"`{key}` is not valid JSON: {error}") from error


class StandInHandler(BaseHTTPRequestHandler):
    """Routes /api/<method>, /upload/<file>, /response/<token> and GET /inspect/calls; quiet."""

    def do_POST(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """No per-request logging."""

    def _serve(self) -> None:
        standin: SlackStandIn = self.server.standin  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name.title(): value for name, value in self.headers.items()}
        if url.path == INSPECT_PATH and self.command == "GET":
            answer = inspect_calls(standin, url.query)
        elif url.path.startswith("/api/"):
            answer = standin.answer_api(url.path.removeprefix("/api/"), url.query, raw, headers)
        elif url.path.startswith("/upload/"):
            answer = standin.answer_upload(url.path.removeprefix("/upload/"), raw)
        elif url.path.startswith("/response/"):
            token = url.path.removeprefix("/response/")
            answer = standin.answer_response_url(token, raw, headers.get("Content-Type", ""))
        else:
            answer = Answer(404, {}, {"ok": False, "error": "not_found"})
        data = json.dumps(answer.body).encode()
        self.send_response(answer.status)
        for name, value in {
            **answer.headers,
            "Content-Type": "application/json; charset=utf-8",
        }.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
