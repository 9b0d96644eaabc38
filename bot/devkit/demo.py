"""`bot demo`: the real app and the Slack stand-in play a scripted day, printed as a transcript."""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.bootstrap import Handoff, build
from bot.config import load_practice
from bot.devkit.appserver import LocalAppServer
from bot.devkit.sender import Reply, SlackSender
from bot.devkit.standin import SlackStandIn
from bot.devkit.transcript import Transcript
from bot.settings import load_settings
from bot.slack.ids import EVENTS_PATH, Action, Callback, Shortcut
from bot.storage.migrate import upgrade
from bot.storage.sync import sync_practice
from bot.web import create_wsgi

EXAMPLE = Path(__file__).resolve().parents[2] / "practice.example.yml"
DEMO_NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Tue 10:00 in New York
SECRET = "DemoSigningSecret0123456789abcd"


class Demo:
    """Drives the app like Slack would and prints what people saw after each step."""

    def __init__(self, handoff: Handoff, standin: SlackStandIn, slack: SlackSender) -> None:
        self.handoff = handoff
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

    def card(self, code: str) -> dict[str, Any]:
        queue = self.standin.messages(self.practice.channels.queue)
        return next(
            m
            for m in queue
            if m.get("text", "").startswith(code) or f" {code}:" in m.get("text", "")
        )


def script(demo: Demo) -> None:
    patel, chen, okafor = demo.who("Dr. Priya"), demo.who("Dr. Marcus"), demo.who("Sarah")
    maria, jose = demo.who("Maria"), demo.who("José")
    demo.step("Dr. Patel asks how to delegate: /delegate help")
    demo.command(patel, "help")
    demo.step("Dr. Patel delegates by quick text (the text is private; only the card is public)")
    demo.command(patel, "insurance verify coverage for the 3pm new patient Jane Roe by tue")
    demo.step("Dr. Chen opens the form with a bare /delegate")
    demo.command(chen, "", expect_modal=True)
    demo.step("…and puts a phone number in the channel-visible title: the form refuses it")
    form = {
        "task_type": "records_request",
        "details": "Send the last two visit notes to Dr. Ito",
        "patient_ref": "Ruiz, Ana MRN 448812",
    }
    demo.submit(chen, title="Call back 555-201-7788", **form)
    demo.step("…he moves it to the private fields and submits again")
    demo.submit(chen, title="Records to cardiology", **form)
    demo.step("A voicemail transcript lands in #front-desk; NP Okafor uses “Delegate this message”")
    voicemail = {
        "channel": "C0FRONTDESK1",
        "ts": "1764601200.000200",
        "user": okafor,
        "text": "Voicemail (9:41): Mr. Bell asks whether he can take his new prescription "
        "with food. Callback 555-201-3344.",
    }
    demo.show(
        okafor,
        demo.slack.message_action(Shortcut.DELEGATE_MESSAGE, voicemail, user_id=okafor),
        expect_modal=True,
    )
    demo.submit(
        okafor,
        task_type="patient_questions",
        title="Medication question callback",
        details=voicemail["text"],
    )
    demo.step("Dr. Patel names Maria for refill paperwork, which is outside Maria's scopes")
    demo.command(
        patel, f"refill fax the renewal form to the pharmacy <@{maria}>", expect_modal=True
    )
    demo.submit(
        patel,
        task_type="refill_paperwork",
        details="fax the renewal form to the pharmacy",
        assignee=jose,
    )
    demo.step("NP Okafor delegates a prior authorization: nobody active holds that scope")
    demo.command(okafor, "prior auth MRI lumbar spine for Mr. Bell urgent")
    demo.step("Maria opens the details of her task; Dr. Chen tries the same and is refused")
    demo.press(maria, Action.VIEW_DETAILS, demo.card("T-0001"), expect_modal=True)
    demo.press(chen, Action.VIEW_DETAILS, demo.card("T-0001"))


def run_demo(config: Path = EXAMPLE) -> int:
    practice = load_practice(config)
    users = {p.slack_id: {"name": p.name, "tz": str(p.tz)} for p in practice.people.values()}
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
        }
        handoff = build(load_settings(env), clock=lambda: DEMO_NOW)
        sync_practice(handoff.engine, practice, DEMO_NOW)
        handoff.start_delivery()
        server = LocalAppServer(create_wsgi(handoff)).start()
        slack = SlackSender(server.url + EVENTS_PATH, SECRET, standin=standin)
        try:
            print(f"Handoff demo: {practice.name}; Slack stand-in at {standin.url}")
            print("Clock: Tue Dec 1 2026, 10:00 New York. Each step is a signed HTTP request.")
            script(Demo(handoff, standin, slack))
            standin.assert_clean()
            print(f"\nDone: {len(standin.calls)} Slack calls, all valid against the Slack specs.")
        finally:
            server.stop()
            handoff.close()
    return 0
