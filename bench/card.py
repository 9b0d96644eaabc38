"""End to end at c=1, pacing on: a signed quick `/delegate` until its card reaches the stand-in.

The stand-in runs in another process; its recorded calls are read over `GET /inspect/calls`.
A sample runs from the moment the signed request is sent to the moment the stand-in recorded
the queue-channel chat.postMessage whose text starts with the task's code (both read on this
machine's wall clock). Pacing lets one post a second into a channel, and each `/delegate` posts
twice into the queue channel (its card, then the "Routed to" reply in the card's thread), so
requests are spaced for both: sent faster than one every 2 s, cards queue behind earlier posts.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
from typing import Any

from bench import traffic as t
from bot.devkit.sender import Reply, SlackSender

SPACING_SECONDS = 2.2  # two paced posts into the queue channel per request, 1 s apart
POLL_SECONDS = 0.01
CONFIRMED = re.compile(r"\*(T-\d+)\* delegated")
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class CardWatch:
    """The stand-in's chat.postMessage calls, read from where the last read ended."""

    def __init__(self, standin_url: str) -> None:
        self.url = standin_url.removesuffix("api/") + "inspect/calls?method=chat.postMessage"
        self.mark = self._read(0)[1]

    def card_at(self, code: str, timeout: float) -> float | None:
        """When the stand-in recorded `code`'s card (epoch seconds), or None after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls, self.mark = self._read(self.mark)
            at = next((c["at"] for c in calls if _is_card(c["args"], code)), None)
            if at is not None:
                return float(at)
            time.sleep(POLL_SECONDS)
        return None

    def _read(self, since: int) -> tuple[list[dict[str, Any]], int]:
        with OPENER.open(f"{self.url}&since={since}", timeout=5) as answer:
            body = json.loads(answer.read())
        return body["calls"], int(body["next"])


def cards(
    slack: SlackSender, standin_url: str, count: int, timeout: float = 5.0
) -> tuple[t.Result, t.Result]:
    """`count` quick `/delegate`s, one every SPACING_SECONDS: send → card, and their acks.

    A card not seen within `timeout` seconds counts as failed.
    """
    watch = CardWatch(standin_url)
    latencies: list[float] = []
    acks: list[float] = []
    started = time.monotonic()
    for _ in range(count):
        next_send = time.monotonic() + SPACING_SECONDS
        reply, latency = _one(slack, watch, timeout)
        acks.append(reply.elapsed * 1000)
        if latency is not None:
            latencies.append(latency)
        time.sleep(max(0.0, next_send - time.monotonic()))
    seconds = time.monotonic() - started
    return (
        t.Result(1, count, seconds, latencies, count - len(latencies)),
        t.Result(1, count, seconds, acks, 0),  # a failed ack shows as a missing card
    )


def _one(slack: SlackSender, watch: CardWatch, timeout: float) -> tuple[Reply, float | None]:
    """One request's answer, and its milliseconds from send to card (None: no card)."""
    reply = t.quick_write(slack)
    sent_at = time.time() - reply.elapsed
    code = CONFIRMED.search(reply.text)
    at = watch.card_at(code[1], timeout) if reply.status == 200 and code else None
    return reply, None if at is None else (at - sent_at) * 1000


def _is_card(args: dict[str, Any], code: str) -> bool:
    return (
        args.get("channel") == t.QUEUE
        and "thread_ts" not in args
        and str(args.get("text", "")).startswith(code)
    )
