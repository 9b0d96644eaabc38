"""Slack's request signing (v0) and the delivery options a test can vary."""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Delivery:
    """How a request reaches the app: its signature's age and validity, retry headers."""

    age_seconds: float = 0
    bad_signature: bool = False
    retry_num: int | None = None
    retry_reason: str | None = None  # e.g. "http_timeout"


ON_TIME = Delivery()


def sign(signing_secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 request signature."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()


def slack_headers(
    signing_secret: str, body: bytes, content_type: str, delivery: Delivery
) -> dict[str, str]:
    """Content type, timestamp, signature and retry headers for one delivery."""
    timestamp = str(int(time.time() - delivery.age_seconds))
    secret = signing_secret + ("-wrong" if delivery.bad_signature else "")
    headers = {
        "Content-Type": content_type,
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": sign(secret, timestamp, body),
    }
    if delivery.retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(delivery.retry_num)
        headers["X-Slack-Retry-Reason"] = delivery.retry_reason or "http_timeout"
    return headers
