"""Thread replies that are commands, and the ones that are just conversation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.lifecycle import Action
from bot.domain.thread_commands import ThreadCommand, parse_thread_command, read_thread_reply


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("claim", ThreadCommand(Action.CLAIM)),
        ("Claim!", ThreadCommand(Action.CLAIM)),
        ("  release ", ThreadCommand(Action.RELEASE)),
        (
            "done called the payer, approved",
            ThreadCommand(Action.DONE, "called the payer, approved"),
        ),
        ("DONE: faxed", ThreadCommand(Action.DONE, "faxed")),
        ("done", ThreadCommand(Action.DONE, "")),
        ("return need the member id", ThreadCommand(Action.RETURN, "need the member id")),
        ("reassign <@U0VAJOSE001>", ThreadCommand(Action.REASSIGN, target="U0VAJOSE001")),
        (
            "reassign to <@U0VAJOSE001|jose> please",
            ThreadCommand(Action.REASSIGN, target="U0VAJOSE001"),
        ),
        ("reassign jose", ThreadCommand(Action.REASSIGN, target=None)),
        ("cancel duplicate of T-0003", ThreadCommand(Action.CANCEL, "duplicate of T-0003")),
    ],
)
def test_commands_are_read_from_the_first_word(message: str, expected: ThreadCommand) -> None:
    assert parse_thread_command(message) == expected


@pytest.mark.parametrize(
    "message",
    ["", "   ", "thanks!", "I'll claim this after lunch", "is this done?", "answer: yes", "👍"],
)
def test_conversation_is_not_a_command(message: str) -> None:
    assert parse_thread_command(message) is None


@pytest.mark.parametrize(
    "message",
    [
        "Cancel the 3pm slot and book Friday instead",
        "Release attached for the school form",
        "done already, see the chart",
        "return the call to her daughter",
        "claim: PPO",
        "It is the PPO",
    ],
)
def test_the_awaited_answer_is_the_whole_reply_whatever_its_first_word(message: str) -> None:
    """A returned task's clinician once cancelled it by answering "Cancel the 3pm slot…"."""
    assert read_thread_reply(f" {message} ", awaited_answer=True) == ThreadCommand(
        Action.ANSWER, message
    )


@pytest.mark.parametrize("message", ["cancel duplicate", "thanks!", "release", ""])
def test_without_an_awaited_answer_replies_are_read_as_commands(message: str) -> None:
    assert read_thread_reply(message, awaited_answer=False) == parse_thread_command(message)


@given(st.text())
def test_any_text_parses_without_error(message: str) -> None:
    result = parse_thread_command(message)
    assert result is None or result.action in set(Action)
