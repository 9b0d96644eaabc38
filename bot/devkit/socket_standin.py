"""A local stand-in for Slack's Socket Mode: one-use ws:// URLs, envelopes pushed, acks timed."""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from bot.devkit import ids

if TYPE_CHECKING:
    from bot.devkit.standin import SlackStandIn

ACK_WITHIN = 3.0  # seconds Slack gives an app to acknowledge an envelope
WAIT_SECONDS = 10.0  # how long helpers wait for a connection or an ack before failing
CLOSE_SECONDS = 1.0  # how long a closing handshake may take
_DEBUG = {"host": "applink-standin"}


@dataclass(frozen=True)
class Ack:
    """The app's acknowledgement of one envelope; `payload` is its response, if any."""

    envelope_id: str
    payload: dict[str, Any] | None
    seconds: float


@dataclass(frozen=True)
class _Sent:
    kind: str
    accepts_response_payload: bool
    at: float


class SocketModeStandIn:
    """Slack's Socket Mode server on loopback; the Web API stand-in hands out its URLs."""

    def __init__(self, web: SlackStandIn, *, ack_within: float = ACK_WITHIN) -> None:
        self.web = web
        self.ack_within = ack_within
        self.urls: list[str] = []
        self.hellos = 0
        self.open_connections = 0
        self.acks: dict[str, Ack] = {}
        self.violations: list[str] = []
        self._tickets: set[str] = set()
        self._sent: dict[str, _Sent] = {}
        self._connection: ServerConnection | None = None
        self._changed = threading.Condition()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> SocketModeStandIn:
        server = serve(
            self._serve_connection,
            "127.0.0.1",
            0,
            compression=None,
            close_timeout=CLOSE_SECONDS,
        )
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, name="socket-mode-standin", daemon=True
        )
        self._thread.start()
        self.web.serve_socket_mode(self.new_url)
        return self

    def stop(self) -> None:
        """Stop serving: close every connection, wait for the server thread."""
        self.web.serve_socket_mode(None)
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(WAIT_SECONDS)
        self._server = self._thread = None

    def __enter__(self) -> SocketModeStandIn:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- what the Web API stand-in and tests call ---------------------------------------

    def new_url(self) -> str:
        """A fresh WebSocket URL with a one-use ticket (apps.connections.open's answer)."""
        assert self._server is not None, "the Socket Mode stand-in is not started"
        port = self._server.socket.getsockname()[1]
        ticket = secrets.token_hex(16)
        url = f"ws://127.0.0.1:{port}/link/?ticket={ticket}&app_id={ids.APP_ID}"
        with self._changed:
            self._tickets.add(ticket)
            self.urls.append(url)
        return url

    def wait_connected(self, hellos: int = 1, timeout: float = WAIT_SECONDS) -> None:
        """Wait until `hellos` connections in all were greeted and the app holds just one."""

        def settled() -> bool:
            current = self._connection is not None and self.open_connections == 1
            return self.hellos >= hellos and current

        with self._changed:
            done = self._changed.wait_for(settled, timeout)
        assert done, f"no settled Socket Mode connection #{hellos} within {timeout:g} s"

    def push(self, kind: str, payload: dict[str, Any], *, accepts_response_payload: bool) -> str:
        """Send one envelope of `kind` on the open connection; returns its envelope_id."""
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        } | ({"retry_attempt": 0, "retry_reason": ""} if kind == "events_api" else {})
        with self._changed:
            connection = self._connection
            assert connection is not None, "the app has no open Socket Mode connection"
            self._sent[envelope_id] = _Sent(kind, accepts_response_payload, time.monotonic())
        connection.send(json.dumps(envelope))
        return envelope_id

    def wait_ack(self, envelope_id: str, timeout: float = WAIT_SECONDS) -> Ack:
        """The ack of `envelope_id`, waiting up to `timeout`; a late ack is also a violation."""
        with self._changed:
            done = self._changed.wait_for(lambda: envelope_id in self.acks, timeout)
            if not done:
                raise TimeoutError(f"envelope {envelope_id} not acknowledged in {timeout:g} s")
            return self.acks[envelope_id]

    def drop(self) -> None:
        """Close the open connection from Slack's side, as a restart or a network blip does."""
        with self._changed:
            connection, self._connection = self._connection, None
        assert connection is not None, "there is no open Socket Mode connection to drop"
        connection.close(code=1001, reason="going away")

    def refresh(self) -> None:
        """Ask the app to reconnect, as Slack does every few hours (`disconnect` message)."""
        with self._changed:
            connection = self._connection
        assert connection is not None, "there is no open Socket Mode connection to refresh"
        message = {"type": "disconnect", "reason": "refresh_requested", "debug_info": _DEBUG}
        connection.send(json.dumps(message))

    def assert_clean(self) -> None:
        """Every envelope acknowledged, on time, with a payload only where one is accepted."""
        with self._changed:
            found = list(self.violations)
            found += [f"{sent.kind} envelope {eid} never acked" for eid, sent in self._sent.items()]
        if found:
            listing = "\n".join(f"  - {violation}" for violation in found)
            raise AssertionError(f"Socket Mode stand-in saw {len(found)} problem(s):\n{listing}")

    # --- serving (one thread per connection) --------------------------------------------

    def _serve_connection(self, connection: ServerConnection) -> None:
        if not self._take_ticket(connection):
            connection.close(code=1008, reason="invalid ticket")
            return
        connection.send(json.dumps(_hello()))
        with self._changed:
            self.hellos += 1
            self.open_connections += 1
            self._connection = connection
            self._changed.notify_all()
        try:
            for message in connection:
                self._receive(message)
        except ConnectionClosed:
            pass
        with self._changed:
            self.open_connections -= 1
            if self._connection is connection:
                self._connection = None
            self._changed.notify_all()

    def _take_ticket(self, connection: ServerConnection) -> bool:
        """Each URL connects once, like Slack's: a reused or unknown ticket is refused."""
        path = connection.request.path if connection.request else ""
        ticket = parse_qs(urlsplit(path).query).get("ticket", [""])[0]
        with self._changed:
            if ticket in self._tickets:
                self._tickets.remove(ticket)
                return True
            self.violations.append(f"connected with an unknown or used ticket: {path}")
        return False

    def _receive(self, message: str | bytes) -> None:
        """Record an ack: known envelope, within `ack_within`, payload only where accepted."""
        body = json.loads(message)
        envelope_id = str(body.get("envelope_id", ""))
        with self._changed:
            sent = self._sent.pop(envelope_id, None)
            if sent is None:
                self.violations.append(f"ack of an unknown or already acked envelope: {body}")
                return
            seconds = time.monotonic() - sent.at
            if seconds > self.ack_within:
                self.violations.append(
                    f"{sent.kind} envelope {envelope_id} acked after {seconds:.2f} s"
                    f" (Slack waits {self.ack_within:g} s)"
                )
            payload = body.get("payload")
            if payload is not None and not sent.accepts_response_payload:
                self.violations.append(f"{sent.kind} ack carries a payload Slack ignores")
            self.acks[envelope_id] = Ack(envelope_id, payload, seconds)
            self._changed.notify_all()


def _hello() -> dict[str, Any]:
    """The first message on every connection."""
    return {
        "type": "hello",
        "num_connections": 1,
        "debug_info": _DEBUG | {"approximate_connection_time": 18060},
        "connection_info": {"app_id": ids.APP_ID},
    }
