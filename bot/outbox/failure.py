"""Why a Slack call failed, whether to try again, and when."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from slack_sdk.errors import SlackApiError

RETRYABLE_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable"}
MAX_RETRY_AFTER_SECONDS = 300  # a huge Retry-After must not hold a channel for hours
MAX_BACKOFF_SECONDS = 30  # a message goes out within seconds of Slack recovering


@dataclass(frozen=True)
class Failure:
    """Why a call failed: HTTP status (0 = no answer), Slack's error code, Retry-After."""

    status: int
    code: str
    retry_after: int | None = None

    @classmethod
    def of(cls, error: SlackApiError) -> Failure:
        """Slack answered with an error (or a non-2xx HTTP status)."""
        response = error.response
        code = response.get("error", "") if hasattr(response, "get") else ""
        header = (getattr(response, "headers", None) or {}).get("Retry-After")
        retry_after = int(header) if header and str(header).isdigit() else None
        return cls(getattr(response, "status_code", 0), str(code or ""), retry_after)

    @classmethod
    def no_answer(cls, error: OSError) -> Failure:
        """No answer: connection refused or reset (after the client's quick retries), timeout."""
        return cls(0, f"{type(error).__name__}: {error}")

    @property
    def retryable(self) -> bool:
        return self.status in (0, 429) or self.status >= 500 or self.code in RETRYABLE_ERRORS

    def describe(self) -> str:
        """What `last_error` records, e.g. "429 ratelimited" or "0 TimeoutError: timed out"."""
        return f"{self.status} {self.code}"[:500]

    @property
    def counts(self) -> bool:
        """An attempt used up; a rate limit (429 with Retry-After) is a wait, not a failure."""
        return not (self.status == 429 and self.retry_after is not None)

    def backoff(self, attempts: int) -> timedelta:
        """Slack's Retry-After when given (at most 5 min), else 2**attempts s with jitter,
        capped at 30 s."""
        if self.retry_after is not None:
            return timedelta(seconds=min(self.retry_after, MAX_RETRY_AFTER_SECONDS))
        seconds = min(MAX_BACKOFF_SECONDS, 2**attempts) * random.uniform(0.5, 1.0)
        return timedelta(seconds=seconds)
