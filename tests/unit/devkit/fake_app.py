"""A stand-in for the app under test: verifies Slack signatures and records what arrives."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from slack_sdk.signature import SignatureVerifier

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


class FakeApp:
    """Answers 401 to requests whose signature does not verify (as Bolt does), else 200."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/slack/events"

    def __enter__(self) -> FakeApp:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def _answer(body: bytes) -> bytes:
    """Bolt's answer: the challenge for url_verification, an empty body otherwise."""
    payload = json.loads(body) if body.startswith(b"{") else {}
    return (
        json.dumps({"challenge": payload["challenge"]}).encode() if "challenge" in payload else b""
    )


def _handler(app: FakeApp) -> type[BaseHTTPRequestHandler]:
    verifier = SignatureVerifier(SIGNING_SECRET)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            headers = dict(self.headers.items())
            app.received.append((headers, body))
            valid = verifier.is_valid_request(body, headers)
            answer = _answer(body) if valid else b""
            self.send_response(200 if valid else 401)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    return Handler
