"""`bot demo`: the real app and the Slack stand-in play a scripted day, printed as a transcript."""

from __future__ import annotations

import re
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.bootstrap import Handoff, build
from bot.config import load_practice
from bot.devkit.appserver import LocalAppServer
from bot.devkit.demo_clock import clock_day, weekly_digest
from bot.devkit.demo_roster import NEW_HIRES, roster_day
from bot.devkit.demo_script import delegation_day, lifecycle_day, time_off_day
from bot.devkit.sender import Reply, SlackSender
from bot.devkit.standin import SlackStandIn
from bot.devkit.transcript import Transcript
from bot.processes.web import create_wsgi
from bot.settings import load_settings
from bot.slack.ids import EVENTS_PATH, Button, Callback
from bot.storage.migrate import upgrade
from bot.storage.sync import sync_practice

EXAMPLE = Path(__file__).resolve().parents[2] / "practice.example.yml"
WEEKLY_OUT = Path("var/demo-weekly")  # where the demo leaves the weekly digest's files
DEMO_NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Tue 10:00 in New York
SECRET = "DemoSigningSecret0123456789abcd"
CODE = re.compile(r"T-\d{4}")


class DemoClock:
    """The demo's time: frozen until the second act moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


class Demo:
    """Drives the app like Slack would and prints what people saw after each step."""

    def __init__(
        self, handoff: Handoff, standin: SlackStandIn, slack: SlackSender, clock: DemoClock
    ) -> None:
        self.handoff = handoff
        self.clock = clock
        self.standin = standin
        self.slack = slack
        self.practice = next(iter(handoff.practices.values()))
        self.transcript = Transcript(standin, self.practice)
        self.steps = 0

    def who(self, name: str) -> str:
        return next(p.slack_id for p in self.practice.people.values() if p.name.startswith(name))

    def step(self, title: str) -> None:
        self.steps += 1
        print(f"\n── {self.steps}. {title}")

    def show(self, user: str, reply: Reply, expect_modal: bool = False) -> None:
        if reply.status != 200:
            raise RuntimeError(f"the app answered {reply.status}")
        for line in self.transcript.ack(user, reply.text):
            print(line)
        self.settle(expect_modal)
        for line in self.transcript.new_activity():
            print(line)

    def settle(self, expect_modal: bool) -> None:
        opened = len(self.standin.calls_to("views.open"))
        if expect_modal:
            self.standin.wait_for(lambda: len(self.standin.calls_to("views.open")) > opened)
        deadline = time.monotonic() + 5
        while self.handoff.deliverer.pending() and time.monotonic() < deadline:
            self.handoff.deliverer.deliver_ready()
            time.sleep(0.01)

    def command(self, user: str, text: str, expect_modal: bool = False) -> None:
        channel = self.practice.channels.queue
        self.show(
            user,
            self.slack.slash_command("/delegate", text, user_id=user, channel_id=channel),
            expect_modal,
        )

    def modal(self, callback_id: str = Callback.DELEGATE) -> dict[str, Any]:
        views = [
            c
            for c in self.standin.calls_to("views.open")
            if c.args["view"].get("callback_id") == callback_id
        ]
        return dict(views[-1].response["view"])

    def submit(self, user: str, **values: Any) -> None:
        self.show(user, self.slack.view_submission(self.modal(), values, user_id=user))

    def press(
        self, user: str, action: str, card: dict[str, Any], expect_modal: bool = False
    ) -> None:
        self.show(user, self.slack.block_actions(action, user_id=user, message=card), expect_modal)

    def reply(self, user: str, code: str, text: str) -> None:
        """`user` writes `text` in the task's thread."""
        queue = self.practice.channels.queue
        self.show(user, self.slack.thread_reply(queue, self.card(code)["ts"], text, user_id=user))

    def choose(self, user: str, code: str, verb: str, task_id: int) -> None:
        """`user` picks `verb` in the card's ⋯ menu."""
        card, value = self.card(code), f"{verb}:{task_id}"
        self.show(
            user,
            self.slack.block_actions(Button.MORE, user_id=user, message=card, value=value),
            True,
        )

    def fill(self, user: str, **values: Any) -> None:
        """`user` fills in and submits the last action form."""
        view = self.modal(Callback.TASK_ACTION)
        self.show(user, self.slack.view_submission(view, values, user_id=user))

    def home(self, user: str) -> None:
        self.show(user, self.slack.app_home_opened(user))

    def race(self, users: list[str], code: str) -> None:
        """Everyone presses Claim at the same moment."""
        card, start = self.card(code), threading.Barrier(len(users))

        def press(user: str) -> Reply:
            start.wait()
            return self.slack.block_actions(Button.CLAIM, user_id=user, message=card)

        with ThreadPoolExecutor(len(users)) as pool:
            replies = list(pool.map(press, users))
        for user, answer in zip(users, replies, strict=True):
            self.show(user, answer)

    def newest_code(self) -> str:
        """The code of the newest card in the queue."""
        queue = self.standin.messages(self.practice.channels.queue)
        cards = [m for m in queue if not m.get("thread_ts") and CODE.search(m.get("text", ""))]
        found = CODE.search(cards[-1]["text"])
        assert found is not None
        return found.group(0)

    def card(self, code: str) -> dict[str, Any]:
        queue = self.standin.messages(self.practice.channels.queue)
        return next(
            m
            for m in queue
            if m.get("text", "").startswith(code) or f" {code}:" in m.get("text", "")
        )


def run_demo(config: Path = EXAMPLE, weekly_out: Path = WEEKLY_OUT) -> int:
    practice = load_practice(config)
    users = {p.slack_id: {"name": p.name, "tz": str(p.tz)} for p in practice.people.values()}
    users |= NEW_HIRES
    with (
        tempfile.TemporaryDirectory() as tmp,
        SlackStandIn(team_id=practice.team_id, users=users) as standin,
    ):
        url = f"sqlite:///{tmp}/demo.db"
        upgrade(url)
        env = {
            "SLACK_BOT_TOKEN": "xoxb-demo",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": standin.url,
            "DATABASE_URL": url,
            "PRACTICE_CONFIG": str(config),
            "LOG_LEVEL": "WARNING",
            "HANDOFF_OUTBOX_PACE_SECONDS": "0",  # the stand-in has no rate limits
        }
        clock = DemoClock(DEMO_NOW)
        handoff = build(load_settings(env), clock=clock)
        sync_practice(handoff.engine, practice, DEMO_NOW)
        handoff.start_delivery()
        server = LocalAppServer(create_wsgi(handoff)).start()
        slack = SlackSender(server.url + EVENTS_PATH, SECRET, standin=standin)
        try:
            print(f"Handoff demo: {practice.name}; Slack stand-in at {standin.url}")
            print("Clock: Tue Dec 1 2026, 10:00 New York. Each step is a signed HTTP request.")
            demo = Demo(handoff, standin, slack, clock)
            delegation_day(demo)
            lifecycle_day(demo)
            clock_day(demo)
            time_off_day(demo)
            roster_day(demo)
            weekly_digest(demo, weekly_out)
            standin.assert_clean()
            print(f"\nDone: {len(standin.calls)} Slack calls, all valid against the Slack specs.")
        finally:
            server.stop()
            handoff.close()
    return 0
