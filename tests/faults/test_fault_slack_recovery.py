"""Slack recovering from a burst of 429s and 500s: every card goes out within seconds.

Reproduction (issue 8, part 6): 6 x 429 (Retry-After 1), then 4 x 500 on chat.postMessage, all
landing on the first card of one channel, left it 60 s+ in backoff (attempt count 7) while later
cards went out. Rate limits now use up no attempt, and backoff is capped at 30 s.
"""

from __future__ import annotations

from bot.devkit.standin import Call, SlackStandIn
from tests.faults.conftest import Workers
from tests.faults.support import (
    POST,
    accepted,
    assert_delivered_once_in_order,
    drained,
    outbox,
    queue_threads,
)
from tests.processes import wait_until

RATE_LIMITS, SERVER_ERRORS = 6, 4
RECOVERED_WITHIN = 15.0  # seconds after the last failure


def failures(standin: SlackStandIn) -> list[Call]:
    return [call for call in list(standin.calls) if call.status != 200]


def test_a_window_of_429s_then_500s_on_one_channel_is_followed_by_every_card_within_seconds(
    workers: Workers, standin: SlackStandIn, database_url: str
) -> None:
    standin.inject(POST, status=429, retry_after=1, times=RATE_LIMITS)
    standin.inject(POST, status=500, times=SERVER_ERRORS, queued=True)
    queue_threads(database_url, cards=3, replies=2)  # the cards and replies share one channel
    workers.start()

    window = RATE_LIMITS + SERVER_ERRORS
    assert wait_until(lambda: len(failures(standin)) == window, 30), workers.logs()
    last_failure = max(call.at for call in failures(standin))

    assert wait_until(drained(database_url), RECOVERED_WITHIN + 5), workers.logs()
    late = [c.args["text"] for c in accepted(standin) if c.at > last_failure + RECOVERED_WITHIN]
    assert late == []
    assert_delivered_once_in_order(standin, database_url)
    assert max(row.attempts for row in outbox(database_url)) <= SERVER_ERRORS + 1
    standin.assert_clean()
