"""Claim, done, return and answer, release: by buttons and by thread text, over HTTP."""

from __future__ import annotations

import json

import pytest

from bot.devkit.sender import Delivery
from bot.slack.ids import Button
from tests.conftest import RunningApp
from tests.e2e.helpers import (
    card,
    delegate,
    ephemerals,
    events,
    posts_to,
    press,
    reply_in_thread,
    submit_form,
    task,
    thread,
)
from tests.support import CHEN, JOSE, MARIA, PATEL, QUEUE


def test_claim_by_button_updates_the_card_and_posts_the_checklist(app: RunningApp) -> None:
    t = delegate(app, "insurance verify coverage for Jane Doe")
    press(app, MARIA, Button.CLAIM, t.code)
    assert (task(app, t.id).status, task(app, t.id).claimed_at) == ("claimed", app.clock())
    assert "Claimed — in progress" in json.dumps(card(app, t.code)["blocks"], ensure_ascii=False)
    assert f"✋ <@{MARIA}> claimed {t.code}." in thread(app, t.code)
    assert any("checklist" in line for line in thread(app, t.code))
    assert "Jane Doe" not in json.dumps(app.standin.messages(QUEUE))


def test_claim_by_thread_text_does_the_same(app: RunningApp) -> None:
    t = delegate(app, "scheduling move the follow-up")
    reply_in_thread(app, JOSE, t.code, "claim")
    assert (task(app, t.id).status, task(app, t.id).assignee_id) == ("claimed", JOSE)
    assert f"✋ <@{JOSE}> claimed {t.code}." in thread(app, t.code)


def test_an_out_of_scope_claim_is_refused_saying_who_can(app: RunningApp) -> None:
    t = delegate(app, "refill fax the renewal form")
    press(app, MARIA, Button.CLAIM, t.code)
    assert task(app, t.id).status == "assigned"
    [refusal] = ephemerals(app)
    assert "Who can: active assistants cleared for this task type" in refusal
    assert events(app, t.id)[-1].action == "claim_refused"


def test_done_by_button_asks_for_a_note_and_tells_the_requester(app: RunningApp) -> None:
    t = delegate(app, "insurance verify coverage")
    press(app, MARIA, Button.CLAIM, t.code)
    press(app, MARIA, Button.DONE, t.code)
    assert submit_form(app, MARIA, f"Done {t.code}", action_text="Active, copay $25") == {}
    done = task(app, t.id)
    assert (done.status, done.resolution) == ("done", "Active, copay $25")
    assert "Active, copay" not in json.dumps(app.standin.messages(QUEUE))
    assert any(t.code in dm["text"] and "done" in dm["text"] for dm in posts_to(app, PATEL))


def test_done_by_thread_text_needs_a_note(app: RunningApp) -> None:
    t = delegate(app, "insurance verify coverage")
    reply_in_thread(app, MARIA, t.code, "claim")
    reply_in_thread(app, MARIA, t.code, "done")
    assert task(app, t.id).status == "claimed"
    assert "add a note" in ephemerals(app)[-1]
    reply_in_thread(app, MARIA, t.code, "done verified, all good")
    assert task(app, t.id).status == "done"


def test_return_dms_the_clinician_whose_answer_sends_it_back_privately(app: RunningApp) -> None:
    t = delegate(app, "insurance verify coverage")
    reply_in_thread(app, MARIA, t.code, "claim")
    press(app, MARIA, Button.RETURN, t.code)
    submit_form(app, MARIA, f"Return {t.code}", action_text="Which plan: PPO or HMO?")
    assert task(app, t.id).status == "returned"
    dm = posts_to(app, PATEL)[-1]
    assert "Which plan" in dm["text"]
    assert (
        app.slack.block_actions(
            Button.ANSWER, user_id=PATEL, message={**dm, "ts": "1764600000.000001"}
        ).status
        == 200
    )
    submit_form(app, PATEL, f"Answer {t.code}", action_text="PPO, member id 88812")
    back = task(app, t.id)
    assert (back.status, back.answer, back.assignee_id) == (
        "claimed",
        "PPO, member id 88812",
        MARIA,
    )
    assert "88812" not in json.dumps(app.standin.messages(QUEUE))
    assert any("answered" in line for line in thread(app, t.code))


def test_the_clinicians_thread_reply_on_a_returned_task_is_the_answer(app: RunningApp) -> None:
    t = delegate(app, "insurance verify coverage")
    reply_in_thread(app, MARIA, t.code, "claim")
    reply_in_thread(app, MARIA, t.code, "return need the plan type")
    reply_in_thread(app, PATEL, t.code, "It is the PPO")
    assert (task(app, t.id).status, task(app, t.id).answer) == ("claimed", "It is the PPO")


@pytest.mark.parametrize(
    "answer", ["Cancel the 3pm slot and book Friday instead", "Release attached for the school"]
)
def test_the_awaited_answer_is_not_read_as_a_command_whatever_its_first_word(
    app: RunningApp, answer: str
) -> None:
    """The clinician's "Cancel the 3pm slot…" once cancelled the returned task."""
    t = delegate(app, "scheduling move the follow-up")
    reply_in_thread(app, MARIA, t.code, "claim")
    reply_in_thread(app, MARIA, t.code, "return which slot should I cancel?")
    reply_in_thread(app, PATEL, t.code, answer)
    back = task(app, t.id)
    assert (back.status, back.answer, back.assignee_id) == ("claimed", answer, MARIA)
    assert [e.action for e in events(app, t.id)][-1] == "answer"


def test_release_puts_the_task_back_in_the_queue(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    press(app, MARIA, Button.CLAIM, t.code)
    press(app, MARIA, Button.RELEASE, t.code)
    released = task(app, t.id)
    assert (released.status, released.assignee_id) == ("unassigned", None)


def test_other_clinicians_cannot_act_on_a_task(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    reply_in_thread(app, CHEN, t.code, "cancel not needed")
    assert task(app, t.id).status == "assigned"
    assert "Who can: the clinician who delegated it, or a manager" in ephemerals(app)[-1]


def test_conversation_in_the_thread_is_left_alone(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    before = len(app.standin.calls)
    reply_in_thread(app, MARIA, t.code, "I'll pick this up after lunch")
    assert len(app.standin.calls) == before
    assert task(app, t.id).status == "assigned"


def test_identifiers_in_the_thread_get_a_private_reminder(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    reply_in_thread(app, MARIA, t.code, "patient called from 555-201-7788, DOB 03/14/1962")
    [reminder] = app.standin.calls_to("chat.postEphemeral")
    assert reminder.args["user"] == MARIA
    assert "visible to the whole channel" in reminder.args["text"]


def test_a_thread_command_with_identifiers_acts_and_reminds_privately(app: RunningApp) -> None:
    """`done <note with a DOB>` used to get no reminder: only plain chatter did."""
    t = delegate(app, "scheduling book the annual")
    reply_in_thread(app, MARIA, t.code, "claim")
    reply_in_thread(app, MARIA, t.code, "done booked, DOB 03/14/1962 confirmed")
    assert task(app, t.id).status == "done"
    [reminder] = app.standin.calls_to("chat.postEphemeral")
    assert reminder.args["user"] == MARIA
    assert "visible to the whole channel" in reminder.args["text"]
    assert "*Done* button" in reminder.args["text"]


def test_an_answer_with_identifiers_in_the_thread_points_to_the_answer_button(
    app: RunningApp,
) -> None:
    t = delegate(app, "insurance verify coverage")
    reply_in_thread(app, MARIA, t.code, "claim")
    reply_in_thread(app, MARIA, t.code, "return need the plan type")
    reply_in_thread(app, PATEL, t.code, "PPO, call her at 555\u2013201\u20137788")
    assert task(app, t.id).status == "claimed"
    [reminder] = app.standin.calls_to("chat.postEphemeral")
    assert (reminder.args["user"], "*Answer* button" in reminder.args["text"]) == (PATEL, True)


def test_a_retried_event_acts_once(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    ts = card(app, t.code)["ts"]
    first = app.slack.thread_reply(QUEUE, ts, "claim", user_id=MARIA, event_id="Ev0RETRY0001")
    again = app.slack.send(first.request, Delivery(retry_num=1, retry_reason="http_timeout"))
    assert again.status == 200
    app.settle()
    assert [e.action for e in events(app, t.id)].count("claim") == 1
    assert thread(app, t.code).count(f"✋ <@{MARIA}> claimed {t.code}.") == 1
