"""Form submissions with odd values, no state, or metadata Handoff never wrote."""

from __future__ import annotations

from typing import Any

import pytest

from bot.devkit.sender import Reply
from bot.domain.lifecycle import Action
from bot.slack.blocks.action_modals import ActionOrigin, action_modal
from bot.slack.blocks.modals import DelegateForm, delegate_modal
from bot.slack.ids import ActionInput, Button, Callback, Field
from tests.conftest import RunningApp
from tests.e2e.helpers import card, delegate, events, task
from tests.e2e.sweep import (
    HUGE,
    ODD_TEXTS,
    assert_at_most_a_refusal,
    assert_clear,
    assert_slack_saw_no_internals,
    assert_whole_or_nothing,
    rows,
    send_payload,
)
from tests.support import MARIA, PATEL

ODD_METADATA = ["", "{", "[]", "null", '"text"', HUGE, '{"channel_id": 42, "x": "y"}']
BAD_ORIGINS = [
    *ODD_METADATA,
    '{"task_id": "abc", "action": "done"}',
    '{"task_id": 1, "action": "claim"}',
    '{"task_id": 1, "action": "bogus"}',
    '{"task_id": 99999999999999999999, "action": "done"}',
    '{"action": "done"}',
]
ODD_MOMENTS = ["abc", "9" * 40, "1.5", "-99999999999999"]
STRANGERS = ["U0STRANGER1", "", "W0GUEST0001"]


def delegate_form(app: RunningApp, metadata: str = "{}") -> dict[str, Any]:
    """The empty delegate modal as Handoff opens it, carrying `metadata`."""
    view = delegate_modal(app.handoff.practices["T0HANDOFF01"], DelegateForm(), "{}")
    return view | {"private_metadata": metadata}


def submit(app: RunningApp, view: dict[str, Any], user: str = PATEL, **values: Any) -> Reply:
    """Submit the delegate modal: scheduling, some details, and `values` by field name."""
    fields = {"task_type": "scheduling", "details": "book the annual visit"} | values
    return app.slack.view_submission(view, {Field(k): v for k, v in fields.items()}, user_id=user)


def assert_answered(reply: Reply) -> None:
    """A 4xx, field errors, or an empty 200 (the form closes)."""
    assert_clear(reply)
    if reply.status == 200 and reply.text:
        assert reply.json()["response_action"] == "errors"


@pytest.mark.parametrize("field", ["title", "details", "patient_ref"])
def test_odd_text_in_a_delegate_field_is_answered(
    app: RunningApp, field: str, subtests: pytest.Subtests
) -> None:
    for name, text in ODD_TEXTS.items():
        with subtests.test(text=name):
            before = rows(app)
            assert_answered(submit(app, delegate_form(app), **{field: text}))
            assert_whole_or_nothing(app, before)
    assert_slack_saw_no_internals(app)


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"task_type": "no_such_type"}, {"task_type"}),
        ({"assignee": "U0STRANGER1"}, {"assignee"}),
        ({"title": HUGE, "patient_ref": HUGE, "details": ""}, {"title", "details", "patient_ref"}),
        ({"due": "0"}, {"due"}),
    ],
)
def test_values_handoff_cannot_use_come_back_as_field_errors(
    app: RunningApp, values: dict[str, str], errors: set[str]
) -> None:
    reply = submit(app, delegate_form(app), **values)
    assert set(reply.json()["errors"]) == errors
    assert rows(app).tasks == 0


def test_a_date_and_time_slack_would_not_send_is_a_400(app: RunningApp) -> None:
    for moment in ODD_MOMENTS:
        assert submit(app, delegate_form(app), due=moment).status == 400
    assert rows(app).tasks == 0


def test_metadata_handoff_never_wrote_is_ignored(
    app: RunningApp, subtests: pytest.Subtests
) -> None:
    for metadata in ODD_METADATA:
        with subtests.test(metadata=metadata[:20]):
            before = rows(app)
            reply = submit(app, delegate_form(app, metadata))
            assert (reply.status, reply.text) == (200, "")
            assert_whole_or_nothing(app, before)
    assert rows(app).tasks == len(ODD_METADATA)
    assert_slack_saw_no_internals(app)


@pytest.mark.parametrize("callback_id", [Callback.DELEGATE, Callback.TASK_ACTION])
def test_a_form_without_state_is_answered(app: RunningApp, callback_id: str) -> None:
    before = rows(app)
    view = {"id": "V0NOSTATE01", "type": "modal", "callback_id": callback_id}
    reply = send_payload(app.slack, "view_submission", PATEL, view=view)
    assert_answered(reply)
    assert rows(app) == before


def test_an_unknown_user_submitting_the_form_is_told(app: RunningApp) -> None:
    for user in STRANGERS:
        reply = submit(app, delegate_form(app), user=user)
        assert "not set up in Handoff" in reply.json()["errors"]["task_type"]
    assert rows(app).tasks == 0


@pytest.mark.parametrize("callback_id", [Callback.DETAILS, "no_such_modal", "", HUGE])
def test_an_unknown_callback_id_is_a_4xx(app: RunningApp, callback_id: str) -> None:
    view = delegate_form(app) | {"callback_id": callback_id}
    reply = submit(app, view)
    assert 400 <= reply.status < 500
    assert rows(app).tasks == 0


@pytest.fixture
def claimed(app: RunningApp) -> int:
    """The id of a task Maria has claimed."""
    t = delegate(app, "insurance verify coverage")
    reply = app.slack.block_actions(Button.CLAIM, user_id=MARIA, message=card(app, t.code))
    assert reply.status == 200
    assert t.id is not None
    return t.id


def done_form(app: RunningApp, task_id: int, metadata: str | None = None) -> dict[str, Any]:
    """The Done form of the task, with its private metadata replaced when given."""
    with app.handoff.uow() as uow:
        held = uow.tasks.get_by_id(task_id)
    assert held is not None
    view = action_modal(Action.DONE, held, ActionOrigin(task_id, Action.DONE.value))
    return view if metadata is None else view | {"private_metadata": metadata}


def test_action_form_metadata_handoff_never_wrote_is_a_400(app: RunningApp, claimed: int) -> None:
    before = rows(app)
    for metadata in BAD_ORIGINS:
        form = done_form(app, claimed, metadata)
        reply = app.slack.view_submission(form, {ActionInput.TEXT: "ok"}, user_id=MARIA)
        assert reply.status == 400, metadata
    assert rows(app) == before


def submit_done(app: RunningApp, task_id: int, note: str) -> Reply:
    return app.slack.view_submission(
        done_form(app, task_id), {ActionInput.TEXT: note}, user_id=MARIA
    )


@pytest.mark.parametrize(
    ("name", "refusal"),
    [("empty", "Add a note"), ("zero-width", "Add a note"), ("huge", "under 3,000 characters")],
)
def test_an_empty_invisible_or_huge_note_is_refused_on_the_form(
    app: RunningApp, claimed: int, name: str, refusal: str
) -> None:
    before = rows(app)
    reply = submit_done(app, claimed, ODD_TEXTS[name])
    assert refusal in reply.json()["errors"][ActionInput.TEXT]
    assert_at_most_a_refusal(app, before)
    assert task(app, claimed).status == "claimed"


@pytest.mark.parametrize("name", ["rtl-override", "emoji", "arabic"])
def test_a_unicode_note_marks_the_task_done_whole(app: RunningApp, claimed: int, name: str) -> None:
    reply = submit_done(app, claimed, ODD_TEXTS[name])
    assert (reply.status, reply.text) == (200, "")
    app.settle()
    done = task(app, claimed)
    assert (done.status, done.resolution) == ("done", ODD_TEXTS[name].strip())
    assert [e.action for e in events(app, claimed)][-1] == "done"
    assert_slack_saw_no_internals(app)
