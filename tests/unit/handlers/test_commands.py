"""/delegate called directly: help, the empty form and a half-read line need no storage."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from slack_bolt import Ack

from bot.handlers import commands
from bot.handlers.modals import DELEGATE_FORM, DELEGATE_ORIGIN
from bot.services.delegation import Delegated
from tests.support import PATEL, QUEUE
from tests.unit.handlers.conftest import Calls, acked, served


def slash(text: str, user: str = PATEL) -> dict[str, str]:
    return {
        "text": text,
        "user_id": user,
        "channel_id": QUEUE,
        "response_url": "https://hooks.slack.com/commands/T0/1/x",
        "trigger_id": "1.2.3",
    }


def test_delegate_help_answers_with_the_types_of_the_practice_in_the_context() -> None:
    ack, context = Ack(), served()
    commands.delegate(ack, slash("help"), context)
    reply = acked(ack)
    assert reply["response_type"] == "ephemeral"
    assert "Scheduling" in reply["text"]
    assert DELEGATE_FORM not in context


def test_delegate_alone_acks_and_asks_for_an_empty_form_after_the_ack() -> None:
    ack, context = Ack(), served()
    commands.delegate(ack, slash(""), context)
    assert acked(ack) == {}
    assert context[DELEGATE_FORM].details == ""
    assert context[DELEGATE_ORIGIN].channel_id == QUEUE


def test_a_line_it_cannot_read_opens_the_form_prefilled_with_what_was_understood() -> None:
    ack, context = Ack(), served()
    commands.delegate(ack, slash("scheduling"), context)  # a type but nothing to do
    assert acked(ack) == {}
    form = context[DELEGATE_FORM]
    assert form.type_id == "scheduling"
    assert form.note.startswith("I couldn't read all of that")


def test_a_complete_line_is_one_delegate_call_with_the_context_practice_and_moment(
    calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    repeated = Delegated(task=SimpleNamespace(code="T-0007"), decision=None)
    monkeypatch.setattr(commands.delegation, "delegate", calls.fake("delegate", repeated))
    ack, context = Ack(), served()
    commands.delegate(ack, slash("scheduling book a follow-up for next week"), context)
    [(_, (uow, practice, request, now), _)] = calls.made
    assert (uow, practice, now) == ("uow", context["practice"], context["now"])
    assert (request.requester_id, request.type_key) == (PATEL, "scheduling")
    assert request.dedupe_key == "command:1.2.3"
    assert acked(ack)["text"] == "T-0007 was already delegated from this request."
