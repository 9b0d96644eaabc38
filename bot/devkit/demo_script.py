"""The demo's scenario: a morning of delegating, then the work being claimed and closed."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot.jobs.clock import start_absences_all
from bot.slack.ids import Button, Callback, HomeButton, Shortcut

if TYPE_CHECKING:
    from bot.devkit.demo import Demo


def delegation_day(demo: Demo) -> None:
    """Issue 3: delegating by quick text, form and shortcut; refusals; private details."""
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
    demo.press(maria, Button.VIEW_DETAILS, demo.card("T-0001"), expect_modal=True)
    demo.press(chen, Button.VIEW_DETAILS, demo.card("T-0001"))


def lifecycle_day(demo: Demo) -> None:
    """Issue 4: claims by button and text, a race, return and answer, reassign, done, Homes."""
    patel, chen, linda = demo.who("Dr. Priya"), demo.who("Dr. Marcus"), demo.who("Linda")
    maria, jose = demo.who("Maria"), demo.who("José")
    demo.step("Maria claims T-0001 with the button: the card changes and the checklist appears")
    demo.press(maria, Button.CLAIM, demo.card("T-0001"))
    demo.step("José claims T-0003 by typing `claim` in its thread")
    demo.reply(jose, "T-0003", "claim")
    demo.step("Dr. Chen delegates a scheduling task; Maria and José press Claim at the same moment")
    demo.command(chen, "scheduling move Mr. Ito's follow-up to a morning slot")
    demo.race([maria, jose], "T-0006")
    demo.step("Maria needs the clinician: she returns T-0001 with a question")
    demo.press(maria, Button.RETURN, demo.card("T-0001"), expect_modal=True)
    demo.fill(maria, action_text="Which plan is on file, PPO or HMO? The card shows both.")
    demo.step(
        "Dr. Patel answers from her DM; the answer stays private, the task goes back to Maria"
    )
    dm = next(m for m in demo.standin.messages() if "needs your input" in m.get("text", ""))
    demo.press(patel, Button.ANSWER, dm, expect_modal=True)
    demo.fill(patel, action_text="PPO, member id on the scanned card")
    demo.step("Linda (manager) moves T-0002 from Grace to José by typing in the thread")
    demo.reply(linda, "T-0002", f"reassign <@{jose}>")
    demo.step("Maria finishes T-0001 by typing `done` with a private note")
    demo.reply(maria, "T-0001", "done Coverage active, copay $25")
    demo.step("Each role opens Handoff's App Home")
    for person in (maria, patel, linda):
        demo.home(person)


def time_off_day(demo: Demo) -> None:
    """Issue 13: an assistant takes a day off; routing skips her and the manager is told."""
    patel, maria, linda = demo.who("Dr. Priya"), demo.who("Maria"), demo.who("Linda")
    demo.step("Dr. Patel delegates two scheduling tasks to Maria; she claims the first")
    demo.command(patel, f"scheduling confirm Ms. Diaz's Friday slot <@{maria}>")
    demo.press(maria, Button.CLAIM, demo.card(demo.newest_code()))
    demo.command(patel, f"scheduling offer Mr. Bell an earlier slot <@{maria}>")
    demo.step("Maria takes a day off from her App Home (Time off…), starting in an hour")
    demo.home(maria)
    home = demo.standin.home_view(maria)
    assert home is not None
    pressed = demo.slack.block_actions(HomeButton.TIME_OFF, user_id=maria, view=home)
    demo.show(maria, pressed, expect_modal=True)
    starts = demo.clock() + timedelta(hours=1)
    days = {"time_off_starts": int(starts.timestamp()), "time_off_ends": int(starts.timestamp())}
    days["time_off_ends"] += 86_400
    form = demo.modal(Callback.TIME_OFF)
    demo.show(
        maria, demo.slack.view_submission(form, days | {"time_off_note": "family"}, user_id=maria)
    )
    demo.step("An hour later the worker's absence sweep moves her unclaimed work, once")
    demo.clock.advance(timedelta(hours=1))
    start_absences_all(demo.handoff)
    demo.show(linda, demo.slack.app_home_opened(linda))
    start_absences_all(demo.handoff)  # a second run finds nothing left to do
    demo.step("Dr. Patel names Maria for a scheduling task: she is away, the form says who is on")
    demo.command(patel, f"scheduling book Mr. Ito's follow-up <@{maria}>", expect_modal=True)
    demo.step("Maria is back early: Change… next to her time off on her Home, and she cancels it")
    demo.home(maria)
    home = demo.standin.home_view(maria)
    assert home is not None
    [change] = [b["accessory"] for b in home["blocks"] if b["block_id"].startswith("away:")]
    pressed = demo.slack.block_actions(change["action_id"], user_id=maria, view=home)
    demo.show(maria, pressed, expect_modal=True)
    form = demo.modal(Callback.TIME_OFF_CHANGE)
    back = {"time_off_cancel": ["cancel"], "time_off_ends": days["time_off_ends"]}
    demo.show(maria, demo.slack.view_submission(form, back, user_id=maria))
