"""The requests the bench sends, as Slack sends them, and the load generator that times them.

Every request is signed afresh and goes over a new connection (urllib closes each one), as
Slack's do. Latency is the HTTP round trip seen by the client; building and signing the body
happen before the clock starts.
"""

from __future__ import annotations

import itertools
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.devkit.sender import Reply, SlackSender
from bot.domain.practice import Practice
from bot.slack.blocks.modals import DelegateForm, delegate_modal
from bot.slack.ids import Button, Field
from bot.slack.parse import ModalOrigin

PATEL, JOSE, QUEUE = "U0DRPATEL01", "U0VAJOSE001", "C0QUEUE0001"
QUICK_TEXT = "scheduling move the follow-up to next week"
Request = Callable[[SlackSender], Reply]
REFUSED = ('"errors"', "nothing was saved")  # form errors; the database could not be reached


class StandInSender(SlackSender):
    """A sender whose response URLs point at a stand-in running in another process."""

    def __init__(self, app_url: str, secret: str, standin_url: str) -> None:
        super().__init__(app_url, secret)
        self.response_base = standin_url.removesuffix("api/") + "response/"
        self.tokens = itertools.count()

    def response_url(self, channel_id: str | None = None, message_ts: str | None = None) -> str:
        return f"{self.response_base}bench{next(self.tokens)}"


def help_request(slack: SlackSender) -> Reply:
    """`/delegate help`: no database write."""
    return slack.slash_command("/delegate", "help", user_id=PATEL, channel_id=QUEUE)


def quick_write(slack: SlackSender) -> Reply:
    """A quick-text `/delegate`: a task, its audit rows and outbox rows in one transaction."""
    return slack.slash_command("/delegate", QUICK_TEXT, user_id=PATEL, channel_id=QUEUE)


def modal_open(slack: SlackSender) -> Reply:
    """`/delegate` with no text: ack, then `views.open` after it."""
    return slack.slash_command("/delegate", "", user_id=PATEL, channel_id=QUEUE)


def form_submission(practice: Practice) -> Request:
    """A delegate modal submitted with a type, a title and details: a write."""
    origin = ModalOrigin(channel_id=QUEUE).encode()
    view = delegate_modal(practice, DelegateForm(), origin)
    values = {
        Field.TYPE.value: "scheduling",
        Field.TITLE.value: "Move follow-up",
        Field.DETAILS: "x",
    }
    return lambda slack: slack.view_submission(view, values, user_id=PATEL)


def claim_press(first_task_id: int = 1) -> Request:
    """Jose presses Claim on a card; each press claims the next task id (one write each)."""
    ids = itertools.count(first_task_id)
    lock = threading.Lock()

    def press(slack: SlackSender) -> Reply:
        with lock:
            task_id = next(ids)
        button = {"type": "button", "action_id": Button.CLAIM, "value": str(task_id),
                  "text": {"type": "plain_text", "text": "Claim"}}  # fmt: skip
        card = {"channel": QUEUE, "ts": f"1764000000.{task_id:06d}", "blocks": [
            {"type": "actions", "block_id": "actions", "elements": [button]}
        ]}  # fmt: skip
        return slack.block_actions(Button.CLAIM, user_id=JOSE, message=card)

    return press


def bare_ack(slack: SlackSender) -> Reply:
    """What the bare Bolt app serves: a `/delegate` it only acknowledges."""
    return slack.slash_command("/delegate", "", user_id=PATEL, channel_id=QUEUE)


@dataclass(frozen=True)
class Result:
    """One cell of the table: `count` requests at `concurrency`."""

    concurrency: int
    count: int
    seconds: float
    latencies_ms: list[float]
    failures: int

    @property
    def rate(self) -> float:
        return self.count / self.seconds

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95(self) -> float:
        return self.quantile(0.95)

    @property
    def p99(self) -> float:
        return self.quantile(0.99)

    @property
    def worst(self) -> float:
        return max(self.latencies_ms)


def load(slack: SlackSender, request: Request, concurrency: int, count: int) -> Result:
    """`count` requests from `concurrency` client threads, each sending one at a time."""
    latencies: list[float] = []
    failures = [0]
    left = iter(range(count))
    lock = threading.Lock()

    def client() -> None:
        while True:
            with lock:
                if next(left, None) is None:
                    return
            reply = request(slack)
            with lock:
                latencies.append(reply.elapsed * 1000)
                failures[0] += reply.status != 200 or any(x in reply.text for x in REFUSED)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(concurrency, count, time.monotonic() - started, latencies, failures[0])
