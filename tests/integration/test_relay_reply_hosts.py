"""The relay sends response_url replies only to Slack's hosts; others are dropped and counted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.devkit.standin import SlackStandIn
from bot.outbox.queue import RESPONSE_URL
from bot.outbox.relay import NOT_SLACK, Deliverer
from bot.slack.trust import ReplyHosts
from tests.integration.outbox import all_rows, client, queue

OUTSIDE = [
    "https://hooks.slack.com.attacker.example/x",
    "https://hooks.slack.com@attacker.example/x",
    "http://hooks.slack.com/x",
]


@pytest.fixture
def attacker() -> Iterator[SlackStandIn]:
    """Another server on this host: a response_url a forged body could name."""
    with SlackStandIn() as server:
        yield server


def test_a_queued_reply_to_a_host_that_is_not_slacks_is_dropped_unsent_and_counted(
    engine: Engine, standin: SlackStandIn, attacker: SlackStandIn
) -> None:
    """Reproduction: the relay POSTed "Sorry, Handoff hit a problem" to any response_url."""
    deliverer = Deliverer(engine, client(standin.url))
    urls = [standin.new_response_url(), attacker.new_response_url(), *OUTSIDE]
    replies = [{"response_url": url, "text": "ephemeral"} for url in urls]
    queue(engine, *replies, method=RESPONSE_URL)

    assert deliverer.deliver_ready() == 1

    assert [r.status for r in all_rows(engine)] == ["sent"] + ["dead"] * 4
    assert {r.last_error for r in all_rows(engine)[1:]} == {NOT_SLACK}
    assert deliverer.reply_hosts.dropped == 4
    assert [post.body["text"] for post in standin.responses] == ["ephemeral"]
    assert attacker.responses == []
    assert standin.calls == []  # no alert for a dropped reply


def test_the_relay_allows_slacks_hooks_and_the_host_of_its_api_client(engine: Engine) -> None:
    deliverer = Deliverer(engine, client("https://slack.example.org/api/"))
    assert isinstance(deliverer.reply_hosts, ReplyHosts)
    assert deliverer.reply_hosts.allows("https://hooks.slack.com/actions/T1/2/abc")
    assert deliverer.reply_hosts.allows("https://slack.example.org/response/abc")
    assert not deliverer.reply_hosts.allows("https://slack.com/response/abc")
