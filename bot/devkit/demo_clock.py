"""The demo's second act: the clock runs through an afternoon, a night and a morning."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.insights.report import write_charts
from bot.jobs.clock import digest_all, escalate_all
from bot.services.weekly import send_weekly, weekly_at
from bot.slack.ids import Button

if TYPE_CHECKING:
    from bot.devkit.demo import Demo

TICK = timedelta(minutes=30)  # the worker sweeps every 30 s; the demo looks every half hour


def clock_day(demo: Demo) -> None:
    """Issue 10: reminders and escalations by level, a lease, quiet hours, and the digests."""
    patel = demo.who("Dr. Priya")
    maria, jose = demo.who("Maria"), demo.who("José")
    demo.step("Dr. Patel delegates a voicemail callback; Maria claims it, then gets pulled away")
    demo.command(patel, "voicemail call back Mr. Ito about rescheduling")
    code = demo.newest_code()
    demo.press(maria, Button.CLAIM, demo.card(code))
    demo.step("José returns T-0003 to Dr. Chen with a question, and waits on the answer")
    demo.press(jose, Button.RETURN, demo.card("T-0003"), expect_modal=True)
    demo.fill(jose, action_text="Which cardiology office: the one on Main St or the hospital?")
    demo.step(f"The clock runs from {_local(demo, demo.clock())} to Wednesday 09:00, every 30 min")
    until = demo.clock() + timedelta(hours=23)
    while demo.clock() < until:
        demo.clock.advance(TICK)
        _tick(demo)


def weekly_digest(demo: Demo, folder: Path) -> None:
    """Issue 14: on Monday the weekly digest (a summary, three charts) goes out; a folder too."""
    local = demo.clock().astimezone(demo.practice.tz)
    monday = local.date() + timedelta(days=7 - local.weekday())
    demo.clock.now = datetime.combine(monday, weekly_at(demo.practice), demo.practice.tz) + TICK
    demo.step(f"The clock jumps to {_local(demo, demo.clock())}: the weekly digest goes out")
    handoff = demo.handoff
    sent = send_weekly(handoff.uow, handoff.reading_uow, demo.practice, demo.clock())
    demo.settle(expect_modal=False)
    for line in demo.transcript.new_activity(brief=True):
        print(line)
    for weekly in sent:
        written = write_charts(demo.practice, weekly.figures, folder)
        charts = len(demo.standin.files())
        print(
            f"   {demo.transcript.where(weekly.recipient)}: {charts} charts uploaded with alt text"
        )
        print(f"\nWeekly digest written to {folder}/: {', '.join(p.name for p in written)}")


def _tick(demo: Demo) -> None:
    """One run of the worker's clock jobs; prints what people saw, under the local time."""
    escalate_all(demo.handoff)
    digest_all(demo.handoff)
    demo.settle(expect_modal=False)
    lines = list(demo.transcript.new_activity(brief=True))
    if lines:
        print(f"\n   ⏱  {_local(demo, demo.clock())}")
        for line in lines:
            print(line)


def _local(demo: Demo, moment: datetime) -> str:
    return moment.astimezone(demo.practice.tz).strftime("%a %H:%M %Z")
