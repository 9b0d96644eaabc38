"""A local stand-in for Slack's Web API and response URLs, recording what the app sends."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Any

from bot.devkit.checks import check_api_call, check_response_post
from bot.devkit.standin_files import FILE_METHODS, receive_upload
from bot.devkit.standin_http import Answer, StandInHandler, check_auth, parse_args
from bot.devkit.standin_methods import METHODS, ApiError, Workspace, apply_response
from bot.slack.manifest import BOT_SCOPES

ANY_METHOD = "*"
SCOPES_HEADER = "X-OAuth-Scopes"
POLL_SECONDS = 0.05  # how soon stop() takes effect


@dataclass(frozen=True)
class Call:
    """One Web API call as the stand-in received and answered it."""

    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    at: float
    response: dict[str, Any]
    status: int = 200


@dataclass(frozen=True)
class ResponsePost:
    """One message POSTed to a response URL."""

    token: str
    body: dict[str, Any]
    at: float


@dataclass
class _Fault:
    status: int
    retry_after: int
    remaining: int
    delay: float


class SlackStandIn:
    """Threaded HTTP stand-in for Slack: `url` for WebClient(base_url=...), records and checks."""

    def __init__(
        self,
        *,
        team_id: str = "T0HANDOFF01",
        bot_user_id: str = "U0HANDOFFBOT",
        users: dict[str, dict[str, Any]] | None = None,
        channels: dict[str, dict[str, Any]] | None = None,
        scopes: Iterable[str] = BOT_SCOPES,
        strict: bool = True,
    ) -> None:
        """`users` and `channels` override what users.info and conversations.info answer
        (e.g. `{"deleted": True}`, `{"is_member": False}`); `scopes` is what the token holds."""
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.users: dict[str, dict[str, Any]] = dict(users or {})
        self.channels: dict[str, dict[str, Any]] = dict(channels or {})
        self.scopes = list(scopes)
        self.strict = strict
        self.url = ""
        self.response_url_base = ""
        self.calls: list[Call] = []
        self.responses: list[ResponsePost] = []
        self.violations: list[str] = []
        self._faults: dict[str, list[_Fault]] = {}
        self._lock = threading.RLock()
        self._workspace = Workspace(team_id, bot_user_id, self.users, self.channels)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> SlackStandIn:
        server = ThreadingHTTPServer(("127.0.0.1", 0), StandInHandler)
        server.daemon_threads = True
        server.standin = self  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, args=(POLL_SECONDS,), name="slack-standin", daemon=True
        )
        self._thread.start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        self.url, self.response_url_base = f"{base}/api/", f"{base}/response/"
        self._workspace.upload_base = f"{base}/upload/"
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = self._thread = None

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- what tests look at -------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def calls_since(self, start: int) -> tuple[list[Call], int]:
        """The calls recorded from the `start`th on, and how many have been recorded in all."""
        with self._lock:
            return self.calls[start:], len(self.calls)

    def messages(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Messages currently held (posted, with updates applied), oldest first."""
        with self._lock:
            held = self._workspace.messages.items()
            return [{"channel": c, **m} for (c, _), m in held if channel in (None, c)]

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        """The Home tab view last published for `user_id`, if any."""
        with self._lock:
            view_id = self._workspace.home_views.get(user_id)
            return self._workspace.views.get(view_id) if view_id else None

    def files(self) -> dict[str, dict[str, Any]]:
        """Files issued by files.getUploadURLExternal: name, alt_txt, content, channels."""
        with self._lock:
            return {file_id: dict(held) for file_id, held in self._workspace.files.items()}

    def assert_clean(self) -> None:
        with self._lock:
            found = list(self.violations)
        if found:
            listing = "\n".join(f"  - {violation}" for violation in found)
            raise AssertionError(f"Slack stand-in saw {len(found)} violation(s):\n{listing}")

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        """Poll `predicate` until it holds or `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    # --- what tests arrange -------------------------------------------------------------

    def inject(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        delay: float = 0.0,
        queued: bool = False,
    ) -> None:
        """Fail the next `times` calls to `method` ("*" = any) after `delay` seconds.

        status 429 answers `ratelimited` with Retry-After; 5xx answers a server error;
        200 answers normally, only late (a slow Slack). `queued`: once the faults already
        set for `method` are used up, instead of replacing them.
        """
        fault = _Fault(status, retry_after, times, delay)
        with self._lock:
            kept = self._faults.get(method, []) if queued else []
            self._faults[method] = [*kept, fault]

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def reset(self) -> None:
        """Forget calls, responses, violations, messages, views and faults."""
        with self._lock:
            for store in (self.calls, self.responses, self.violations):
                store.clear()
            self._faults.clear()
            self._workspace.forget()

    def new_response_url(self, channel_id: str | None = None, message_ts: str | None = None) -> str:
        """A response URL; posts to it act on `message_ts` in `channel_id` when given."""
        token = secrets.token_hex(12)
        with self._lock:
            self._workspace.response_targets[token] = (channel_id, message_ts)
        return self.response_url_base + token

    def serve_socket_mode(self, issue_url: Callable[[], str] | None) -> None:
        """Answer apps.connections.open with `issue_url()` (a Socket Mode stand-in's URL)."""
        with self._lock:
            self._workspace.socket_url = issue_url

    def hold_user_message(self, event: Mapping[str, Any]) -> None:
        """Hold a user's message (from a message event) as Slack would."""
        message = {key: value for key, value in event.items() if key != "channel"}
        with self._lock:
            self._workspace.messages[(str(event["channel"]), str(event["ts"]))] = message

    # --- serving (called from the HTTP handler threads) ---------------------------------

    def answer_api(self, method: str, query: str, raw: bytes, headers: Mapping[str, str]) -> Answer:
        args: dict[str, Any] = {}
        try:
            args = parse_args(query, raw, headers.get("Content-Type", ""))
            check_auth(method, headers.get("Authorization"))
            answer = self._answer(method, args)
        except ApiError as error:
            self._violate(*([f"{method}: {error.violation}"] if error.violation else []))
            answer = Answer(200, {}, {"ok": False, "error": error.code})
        except Exception as error:  # a stand-in bug must surface, not hang the app under test
            self._violate(f"{method}: the stand-in failed: {error!r}")
            answer = Answer(500, {}, {"ok": False, "error": "internal_error"})
        call = Call(method, args, dict(headers), time.time(), answer.body, answer.status)
        with self._lock:
            self.calls.append(call)
        return answer

    def answer_response_url(self, token: str, raw: bytes, content_type: str) -> Answer:
        try:
            body = parse_args("", raw, content_type)
        except ApiError as error:
            self._violate(f"response_url: {error.violation}")
            return Answer(400, {}, {"ok": False, "error": "invalid_payload"})
        if self.strict:
            self._violate(*check_response_post(body))
        with self._lock:
            self.responses.append(ResponsePost(token, body, time.time()))
            apply_response(self._workspace, token, body)
        return Answer(200, {}, {"ok": True})

    def answer_upload(self, file_id: str, raw: bytes) -> Answer:
        """The POST of a file's bytes to the upload URL getUploadURLExternal gave."""
        with self._lock:
            violation = receive_upload(self._workspace, file_id, raw)
        if violation is None:
            return Answer(200, {}, {"ok": True})
        self._violate(f"file upload: {violation}")
        return Answer(400, {}, {"ok": False, "error": "invalid_upload"})

    def _answer(self, method: str, args: dict[str, Any]) -> Answer:
        """An injected fault if one is due, else the method's normal answer."""
        fault = self._take_fault(method)
        if fault is None or fault.status == 200:
            granted = {SCOPES_HEADER: ",".join(self.scopes)}  # Slack's header on every answer
            return Answer(200, granted, self._dispatch(method, args))
        if fault.status == 429:
            retry_after = {"Retry-After": str(fault.retry_after)}
            return Answer(429, retry_after, {"ok": False, "error": "ratelimited"})
        return Answer(fault.status, {}, {"ok": False, "error": "internal_error"})

    def _take_fault(self, method: str) -> _Fault | None:
        with self._lock:
            key = method if method in self._faults else ANY_METHOD
            faults = self._faults.get(key)
            if faults is None:
                return None
            fault = faults[0]
            fault.remaining -= 1
            if fault.remaining <= 0:
                faults.pop(0)
            if not faults:
                del self._faults[key]
        time.sleep(fault.delay)
        return fault

    def _dispatch(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        handler = METHODS.get(method) or FILE_METHODS.get(method)
        if handler is None:
            raise ApiError("unknown_method", "the stand-in does not know this method")
        if self.strict:
            self._violate(*check_api_call(method, args))
        with self._lock:
            return {"ok": True} | handler(self._workspace, args)

    def _violate(self, *violations: str) -> None:
        with self._lock:
            self.violations.extend(violations)
