"""/delegate quick text: routing, the PHI-free card, the DM, refusals and retries."""

from __future__ import annotations

import json

from bot.devkit.sender import Delivery
from bot.domain.task import Status
from tests.conftest import RunningApp
from tests.e2e.helpers import events, opened_view, posts_to, queue_posts, tasks
from tests.support import ADMIN, CHEN, JOSE, KIM, MARIA, PATEL, QUEUE

PRIVATE = "verify coverage for Jane Doe, new patient at 3pm"


def delegate(app: RunningApp, text: str, user: str = PATEL, **kw: object) -> dict[str, object]:
    reply = app.slack.slash_command("/delegate", text, user_id=user, channel_id=QUEUE, **kw)  # type: ignore[arg-type]
    assert reply.status == 200, reply.text
    return json.loads(reply.text) if reply.text else {}


def test_quick_text_creates_a_task_routed_to_the_clinicians_on_shift_assistant(
    app: RunningApp,
) -> None:
    answer = delegate(app, f"insurance {PRIVATE} by tue")
    assert answer["response_type"] == "ephemeral"
    assert "T-0001" in str(answer["text"])
    assert f"<@{MARIA}>" in str(answer["text"])
    [task] = tasks(app)
    assert (task.type_id, task.status, task.assignee_id) == (
        "insurance_verification",
        "assigned",
        MARIA,
    )
    assert task.details == PRIVATE
    assert task.due_at.isoformat() == "2026-12-08T22:00:00+00:00"  # next Tuesday 17:00 New York


def test_the_card_and_thread_never_show_the_private_text(app: RunningApp) -> None:
    delegate(app, f"insurance {PRIVATE}")
    app.settle()
    card, routed = queue_posts(app)
    assert "Jane Doe" not in json.dumps(card)
    assert "Jane Doe" not in json.dumps(routed)
    assert card["text"].startswith("T-0001")
    assert next(b["type"] for b in card["blocks"]) == "header"
    assert routed["thread_ts"] == app.standin.calls_to("chat.postMessage")[0].response["ts"]
    [task] = tasks(app)
    assert (task.channel_id, task.thread_ts) == (QUEUE, routed["thread_ts"])


def test_the_assignee_gets_a_dm_linking_to_the_thread(app: RunningApp) -> None:
    delegate(app, "scheduling move the follow-up to next week")
    app.settle()
    [dm] = posts_to(app, MARIA)
    link = dm["blocks"][1]["elements"][0]["url"]
    assert link.startswith("https://handoff-demo.slack.com/archives/C0QUEUE0001/p")
    assert "move the follow-up" not in json.dumps(dm)


def test_urgent_and_an_explicit_assistant_are_read_from_the_text(app: RunningApp) -> None:
    answer = delegate(app, f"refill fax the renewal form urgent <@{JOSE}|jose>")
    [task] = tasks(app)
    assert (task.priority, task.assignee_id) == ("urgent", JOSE)
    assert "T-0001" in str(answer["text"])


def test_an_out_of_scope_mention_opens_the_modal_with_who_could_take_it(app: RunningApp) -> None:
    delegate(app, f"refill fax the renewal form <@{MARIA}>")
    view = opened_view(app)
    assert "Jose Ramos" in json.dumps(view["blocks"][0])
    assert tasks(app) == []


def test_a_type_with_no_active_assistant_waits_unassigned_and_managers_are_told(
    app: RunningApp,
) -> None:
    answer = delegate(app, "prior auth MRI lumbar spine for the Tuesday patient")
    assert "unassigned" in str(answer["text"])
    [task] = tasks(app)
    assert (task.status, task.assignee_id) == (Status.UNASSIGNED, None)
    app.settle()
    [alert] = posts_to(app, KIM)
    assert "T-0001" in alert["text"]
    assert "MRI" not in alert["text"]
    assert [e.action for e in events(app, task.id)] == ["created", "queued"]


def test_an_unknown_word_opens_the_modal_prefilled_instead_of_guessing(app: RunningApp) -> None:
    answer = delegate(app, "billing call the payer about the claim")
    assert answer == {}
    view = opened_view(app)
    details = next(b for b in view["blocks"] if b.get("block_id") == "details")
    assert details["element"]["initial_value"] == "billing call the payer about the claim"
    assert tasks(app) == []


def test_plain_delegate_opens_the_empty_modal(app: RunningApp) -> None:
    delegate(app, "")
    view = opened_view(app)
    assert view["title"]["text"] == "Delegate a task"
    assert json.loads(view["private_metadata"])["channel_id"] == QUEUE


def test_assistants_and_admins_may_not_delegate_and_nothing_is_stored(app: RunningApp) -> None:
    for user in (MARIA, ADMIN):
        answer = delegate(app, "scheduling book the annual visit", user=user)
        assert "Only clinicians and managers" in str(answer["text"])
    assert tasks(app) == []
    assert app.standin.calls_to("views.open") == []


def test_an_unknown_slack_user_is_refused_and_nothing_is_stored(app: RunningApp) -> None:
    answer = delegate(app, "scheduling book the annual visit", user="U0STRANGER1")
    assert "not set up in Handoff" in str(answer["text"])
    assert tasks(app) == []


def test_a_retried_command_creates_one_task(app: RunningApp) -> None:
    first = app.slack.slash_command(
        "/delegate", "records send chart to cardiology", user_id=CHEN, channel_id=QUEUE
    )
    again = app.slack.send(first.request, Delivery(retry_num=1, retry_reason="http_timeout"))
    assert again.status == 200
    assert "already delegated" in again.json()["text"]
    assert len(tasks(app)) == 1


def test_a_manager_may_delegate(app: RunningApp) -> None:
    delegate(app, "voicemail return the 9am callers", user=KIM)
    [task] = tasks(app)
    assert task.requester_id == KIM
