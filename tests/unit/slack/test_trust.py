"""Slack's request signature, checked strictly, and the hosts a response_url reply may go to."""

from __future__ import annotations

import pytest

from bot.devkit.signing import sign
from bot.slack.trust import ReplyHosts, signed_by_slack

SECRET = "TestSigningSecret0123456789abcdef"
NOW = 1_764_600_000
BODY = b"command=%2Fdelegate&text=help"


def check(timestamp: str, signature: str | None = None, *, now: float = NOW) -> bool:
    signature = sign(SECRET, timestamp, BODY) if signature is None else signature
    return signed_by_slack(SECRET, BODY, timestamp, signature, now=now)


def test_a_fresh_signature_of_the_body_verifies_within_five_minutes_either_way() -> None:
    assert check(str(NOW))
    assert check(str(NOW - 300))
    assert check(str(NOW + 300))


@pytest.mark.parametrize(
    "timestamp",
    [
        "not-a-number",
        "",
        " 1764600000",
        "+1764600000",
        "1764600000.0",
        "-1",
        "\uff11\uff17\uff16\uff14",  # fullwidth digits
        "²",
        "9" * 5000,
    ],
)
def test_a_timestamp_that_is_not_plain_digits_fails_without_raising(timestamp: str) -> None:
    """Reproduction: `X-Slack-Request-Timestamp: not-a-number` made slack_sdk raise ValueError."""
    assert not check(timestamp)


def test_a_signature_older_or_newer_than_five_minutes_fails() -> None:
    assert not check(str(NOW - 301))
    assert not check(str(NOW + 301))


@pytest.mark.parametrize(
    "signature", ["", "v0=", "v0=" + "0" * 64, "v0=ü", sign("other", str(NOW), BODY)]
)
def test_a_wrong_or_odd_signature_fails(signature: str) -> None:
    assert not check(str(NOW), signature)


def test_a_signature_of_another_body_fails() -> None:
    other = sign(SECRET, str(NOW), BODY + b"&x=1")
    assert not check(str(NOW), other)


API = "http://127.0.0.1:8765/api/"


@pytest.mark.parametrize(
    "url", ["https://hooks.slack.com/commands/T1/2/abc", "HTTPS://Hooks.Slack.com/x", API + "x"]
)
def test_replies_may_go_to_slacks_hooks_and_the_configured_api_host(url: str) -> None:
    hosts = ReplyHosts(API)
    assert hosts.allows(url)
    assert hosts.dropped == 0


@pytest.mark.parametrize(
    "url",
    [
        "https://attacker.example/hook",
        "http://hooks.slack.com/commands/T1/2/abc",
        "https://hooks.slack.com.attacker.example/x",
        "https://hooks.slack.com@attacker.example/x",
        "https://hooks.slack.com:444/x",
        "https://attacker.example/https://hooks.slack.com/",
        "http://127.0.0.1:8766/response/x",
        "http://[::1",
        "",
        None,
    ],
)
def test_a_reply_to_any_other_host_is_refused_and_counted(url: object) -> None:
    hosts = ReplyHosts(API)
    assert not hosts.allows(url)
    assert hosts.dropped == 1
