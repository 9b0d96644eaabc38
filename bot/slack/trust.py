"""What Handoff trusts: requests Slack signed just now, and replies only to Slack's own hosts."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

MAX_AGE_SECONDS = 300  # Slack's advice: refuse requests signed more than five minutes away
TIMESTAMP = re.compile(r"[0-9]{1,12}")  # Unix seconds, ASCII digits only
SLACK_HOOKS = "https://hooks.slack.com/"


def signed_by_slack(
    secret: str, body: bytes, timestamp: str, signature: str, *, now: float
) -> bool:
    """Whether `signature` is Slack's v0 signature of `body` at a `timestamp` near `now`."""
    if not TIMESTAMP.fullmatch(timestamp) or abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode(errors="replace"))


def _origin(url: str) -> tuple[str, str]:
    """(scheme, host[:port]) of `url`; empty for what is not a URL."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return "", ""
    return parts.scheme.lower(), parts.netloc.lower()


class ReplyHosts:
    """Where response_url replies may go: Slack's hooks and the configured API host."""

    def __init__(self, api_url: str) -> None:
        self.origins = frozenset({_origin(SLACK_HOOKS), _origin(api_url)})
        self.dropped = 0  # replies refused since start (a later metric reads this)
        self._lock = threading.Lock()

    def allows(self, response_url: object) -> bool:
        """True for a Slack host; otherwise counts and logs the refusal (host only)."""
        scheme, host = _origin(str(response_url))
        if (scheme, host) in self.origins:
            return True
        with self._lock:
            self.dropped += 1
        log.warning("reply to a response_url outside Slack dropped (host %r)", host[:100])
        return False
