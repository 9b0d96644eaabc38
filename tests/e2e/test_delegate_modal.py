"""The delegate modal and the message shortcut: field errors, PHI guard, retries, permalinks."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from bot.devkit.sender import Delivery
from bot.slack.ids import Shortcut
from tests.conftest import RunningApp
from tests.e2e.helpers import opened_view, replies, submit_delegate, tasks
from tests.support import CHEN, JOSE, MARIA, PATEL, QUEUE
from tests.unit.domain.test_phi import full_width


def open_modal(app: RunningApp, user: str = PATEL) -> dict[str, Any]:
    assert app.slack.slash_command("/delegate", "", user_id=user, channel_id=QUEUE).status == 200
    return opened_view(app)


def test_submitting_the_modal_creates_the_task_and_confirms_privately(app: RunningApp) -> None:
    view = open_modal(app)
    reply = submit_delegate(
        app,
        view,
        PATEL,
        task_type="scheduling",
        title="Move follow-up visit",
        details="Mr. Diaz wants mornings only",
        patient_ref="Diaz, Carlos 1962-03-14",
        priority="urgent",
    )
    assert reply.status == 200
    assert reply.text == ""
    [task] = tasks(app)
    assert (task.title, task.priority, task.patient_ref) == (
        "Move follow-up visit",
        "urgent",
        "Diaz, Carlos 1962-03-14",
    )
    app.settle()
    [confirmation] = replies(app)
    assert confirmation["response_type"] == "ephemeral"
    assert "T-0001" in confirmation["text"]
    card = app.standin.calls_to("chat.postMessage")[0].args
    assert "Diaz" not in json.dumps(card)
    assert "Move follow-up visit" in json.dumps(card["blocks"])


def test_a_title_with_identifiers_is_refused_with_a_field_error_and_nothing_is_stored(
    app: RunningApp,
) -> None:
    view = open_modal(app)
    reply = submit_delegate(
        app, view, PATEL, task_type="scheduling", title="Call 555-123-4567", details="reschedule"
    )
    answer = reply.json()
    assert answer["response_action"] == "errors"
    assert "phone number" in answer["errors"]["title"]
    assert "Details or Patient reference" in answer["errors"]["title"]
    assert tasks(app) == []


def test_ordinary_words_in_a_title_pass_the_phi_guard(app: RunningApp) -> None:
    view = open_modal(app)
    title = "Prior auth 99213 on Tuesday 3pm, ICD E11.9"
    reply = submit_delegate(app, view, PATEL, task_type="scheduling", title=title, details="x")
    assert reply.text == ""
    assert [t.title for t in tasks(app)] == [title]


@pytest.mark.parametrize(
    ("title", "error"),
    [
        ("Call back 555\u2013123\u20134567", "phone number"),  # en dashes once slipped through
        ("DOB " + full_width("01/02/1960"), "date of birth"),  # so did full-width digits
        ("Forms at portal.example.com/intake", "can't contain links"),
    ],
)
def test_look_alike_identifiers_and_links_in_a_title_are_form_errors(
    app: RunningApp, title: str, error: str
) -> None:
    view = open_modal(app)
    reply = submit_delegate(app, view, PATEL, task_type="scheduling", title=title, details="x")
    assert error in reply.json()["errors"]["title"]
    assert tasks(app) == []


def test_direction_overrides_are_removed_from_the_title_before_the_channel_sees_it(
    app: RunningApp,
) -> None:
    """U+202E in a title reversed how the card read in the channel."""
    view = open_modal(app)
    title = "Fax \u202efdp.exe\u202c forms \u2066back\u2069"
    reply = submit_delegate(app, view, PATEL, task_type="scheduling", title=title, details="x")
    assert reply.text == ""
    app.settle()
    assert [t.title for t in tasks(app)] == ["Fax fdp.exe forms back"]
    assert "\u202e" not in json.dumps(app.standin.messages(QUEUE), ensure_ascii=False)


def test_missing_type_and_details_come_back_as_field_errors(app: RunningApp) -> None:
    view = open_modal(app)
    answer = submit_delegate(app, view, PATEL).json()
    assert set(answer["errors"]) == {"task_type", "details"}


def test_an_out_of_scope_assignee_is_refused_naming_who_could_take_it(app: RunningApp) -> None:
    view = open_modal(app)
    answer = submit_delegate(
        app, view, PATEL, task_type="refill_paperwork", details="fax it", assignee=MARIA
    ).json()
    assert "not cleared for Refill paperwork" in answer["errors"]["assignee"]
    assert "Jose Ramos" in answer["errors"]["assignee"]
    assert tasks(app) == []


def test_an_explicit_in_scope_assignee_is_used(app: RunningApp) -> None:
    view = open_modal(app)
    submit_delegate(app, view, CHEN, task_type="scheduling", details="book", assignee=JOSE)
    assert [t.assignee_id for t in tasks(app)] == [JOSE]


def test_a_due_time_in_the_past_is_a_field_error(app: RunningApp) -> None:
    view = open_modal(app)
    past = int(app.clock().timestamp()) - 3600
    answer = submit_delegate(
        app, view, PATEL, task_type="scheduling", details="book", due=past
    ).json()
    assert "passed" in answer["errors"]["due"]


def test_a_retried_submission_creates_one_task(app: RunningApp) -> None:
    view = open_modal(app)
    first = submit_delegate(app, view, PATEL, task_type="scheduling", details="book")
    again = app.slack.send(first.request, Delivery(retry_num=1, retry_reason="http_timeout"))
    assert again.status == 200
    assert len(tasks(app)) == 1


def test_the_message_shortcut_prefills_details_and_keeps_the_permalink(app: RunningApp) -> None:
    voicemail = "Voicemail from 555-123-4567: please call back about my refill"
    message = {"channel": "C0FRONTDESK", "ts": "1764590000.000100", "text": voicemail, "user": CHEN}
    reply = app.slack.message_action(Shortcut.DELEGATE_MESSAGE, message, user_id=PATEL)
    assert reply.status == 200
    view = opened_view(app)
    details = next(b for b in view["blocks"] if b.get("block_id") == "details")
    assert details["element"]["initial_value"] == voicemail
    submit_delegate(app, view, PATEL, task_type="inbox_voicemail", details=voicemail)
    [task] = tasks(app)
    assert task.source_permalink == (
        "https://handoff-demo.slack.com/archives/C0FRONTDESK/p1764590000000100"
    )
    assert task.details == voicemail


def test_the_shortcut_refuses_people_who_may_not_delegate(app: RunningApp) -> None:
    message = {"channel": "C0FRONTDESK", "ts": "1764590000.000100", "text": "hi", "user": CHEN}
    reply = app.slack.message_action(Shortcut.DELEGATE_MESSAGE, message, user_id=MARIA)
    assert reply.status == 200
    app.settle()
    [refusal] = replies(app)
    assert "Only clinicians and managers" in refusal["text"]
    assert app.standin.calls_to("views.open") == []


def test_huge_and_unicode_text_renders_within_block_kit_limits(app: RunningApp) -> None:
    title = "🩺 Ärztin‏ عيادة " + "x" * 140
    details = ("مرحبا 👋 zero\u200bwidth <@U0DRPATEL01> " * 1200)[:39_000]
    view = open_modal(app)
    reply = submit_delegate(
        app, view, PATEL, task_type="scheduling", title=title[:150], details=details
    )
    assert reply.text == ""
    app.settle()
    [task] = tasks(app)
    assert len(task.details) == len(details.strip())
    app.slack.block_actions("task_view_details", user_id=PATEL, message=_card(app))
    shown = opened_view(app, "task_details_modal")
    assert "…" in json.dumps(shown, ensure_ascii=False)


def _card(app: RunningApp) -> dict[str, Any]:
    return app.standin.messages(QUEUE)[0]


def test_the_modal_opens_within_slacks_three_second_trigger_window(app: RunningApp) -> None:
    started = time.time()
    open_modal(app)
    [call] = app.standin.calls_to("views.open")
    assert call.at - started < 3.0
