"""How long a failed Slack call waits before it is tried again."""

from __future__ import annotations

from datetime import timedelta

from bot.outbox.failure import Failure


def test_backoff_grows_with_the_attempts_and_is_capped_at_30_seconds_with_jitter() -> None:
    server_error = Failure(500, "internal_error")
    assert timedelta(seconds=1) <= server_error.backoff(1) <= timedelta(seconds=2)
    assert timedelta(seconds=8) <= server_error.backoff(4) <= timedelta(seconds=16)
    for attempts in (5, 7, 20):  # once 5 min at attempt 7 and beyond
        assert timedelta(seconds=15) <= server_error.backoff(attempts) <= timedelta(seconds=30)


def test_a_429_with_retry_after_waits_as_told_and_uses_up_no_attempt() -> None:
    limited = Failure(429, "ratelimited", retry_after=3)
    assert limited.backoff(7) == timedelta(seconds=3)
    assert not limited.counts
    assert Failure(429, "ratelimited").counts  # no Retry-After: an ordinary failure
    assert Failure(503, "service_unavailable", retry_after=3).counts
    assert Failure(0, "TimeoutError: timed out").counts


def test_a_huge_retry_after_waits_five_minutes_at_most() -> None:
    assert Failure(429, "ratelimited", retry_after=86_400).backoff(1).total_seconds() == 300
