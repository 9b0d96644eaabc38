"""Reassign, cancel and snooze: the card's ⋯ menu and thread text, refused unless allowed."""

from __future__ import annotations

from bot.slack.ids import Button
from tests.conftest import RunningApp
from tests.e2e.helpers import (
    card,
    delegate,
    ephemerals,
    events,
    posts_to,
    reply_in_thread,
    submit_form,
    task,
    thread,
)
from tests.support import JOSE, KIM, LENA, MARIA, PATEL


def more(app: RunningApp, user: str, code: str, verb: str, task_id: int) -> None:
    reply = app.slack.block_actions(
        Button.MORE, user_id=user, message=card(app, code), value=f"{verb}:{task_id}"
    )
    assert reply.status == 200
    app.settle()


def test_a_manager_reassigns_from_the_menu_and_the_new_assistant_gets_a_dm(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    more(app, KIM, t.code, "reassign", t.id)
    assert submit_form(app, KIM, f"Reassign {t.code}", action_target=JOSE) == {}
    moved = task(app, t.id)
    assert (moved.status, moved.assignee_id) == ("assigned", JOSE)
    assert any(t.code in dm["text"] for dm in posts_to(app, JOSE))
    assert f"🔁 <@{KIM}> reassigned {t.code} to <@{JOSE}>." in thread(app, t.code)


def test_reassigning_to_someone_out_of_scope_is_a_form_error(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    more(app, KIM, t.code, "reassign", t.id)
    answer = submit_form(app, KIM, f"Reassign {t.code}", action_target=LENA)
    assert "not cleared" in str(answer["errors"])
    assert task(app, t.id).assignee_id == MARIA


def test_assistants_get_no_reassign_form_and_are_told_who_can(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    more(app, MARIA, t.code, "reassign", t.id)
    assert "Who can: managers" in ephemerals(app)[-1]
    assert app.standin.calls_to("views.open") == []
    assert events(app, t.id)[-1].action == "reassign_refused"


def test_a_manager_reassigns_by_thread_text(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    reply_in_thread(app, KIM, t.code, f"reassign <@{JOSE}>")
    assert task(app, t.id).assignee_id == JOSE


def test_the_requester_cancels_by_thread_text_and_the_assignee_is_told(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    reply_in_thread(app, PATEL, t.code, "cancel patient already booked")
    cancelled = task(app, t.id)
    assert (cancelled.status, cancelled.resolution) == ("cancelled", "patient already booked")
    assert any("cancelled" in dm["text"] for dm in posts_to(app, MARIA))
    assert "Claim" not in str(card(app, t.code)["blocks"])


def test_a_manager_snoozes_from_the_menu_until_a_time(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    more(app, KIM, t.code, "snooze", t.id)
    until = int(app.clock().timestamp()) + 86_400
    submit_form(
        app, KIM, f"Snooze {t.code}", action_text="waiting on the payer", action_until=until
    )
    snoozed = task(app, t.id)
    assert (snoozed.status, int(snoozed.snoozed_until.timestamp())) == ("assigned", until)
    assert any("snoozed" in line for line in thread(app, t.code))


def test_nothing_can_happen_to_a_finished_task(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    reply_in_thread(app, PATEL, t.code, "cancel duplicate")
    reply_in_thread(app, MARIA, t.code, "claim")
    assert task(app, t.id).status == "cancelled"
    assert "was cancelled" in ephemerals(app)[-1]


def test_the_requester_cancels_from_the_menu_with_a_reason(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    more(app, PATEL, t.code, "cancel", t.id)
    submit_form(app, PATEL, f"Cancel {t.code}", action_text="booked it myself")
    assert (task(app, t.id).status, task(app, t.id).resolution) == ("cancelled", "booked it myself")


def test_the_claimer_releases_by_thread_text(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    reply_in_thread(app, MARIA, t.code, "claim")
    reply_in_thread(app, MARIA, t.code, "release")
    assert (task(app, t.id).status, task(app, t.id).assignee_id) == ("unassigned", None)
    assert f"↩️ <@{MARIA}> released {t.code} back to the queue." in thread(app, t.code)
