"""Log records: third-party text withheld, exceptions reduced to frames and types."""

from __future__ import annotations

import logging
import sys

from bot.logs import scrub

BODY = "body: text=Jane Doe MRN 12345678"


def record(name: str, msg: str, *args: object, error: BaseException | None = None) -> str:
    """`msg` logged on `name`, scrubbed, as a formatter prints it (with its traceback)."""
    exc_info = (type(error), error, error.__traceback__) if error else None
    made = logging.LogRecord(name, logging.INFO, "/lib/x.py", 7, msg, args, exc_info)
    return logging.Formatter("%(name)s: %(message)s").format(scrub(made))


def raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException:
        return sys.exc_info()[1] or error


def test_a_third_party_message_is_withheld_but_says_where_it_came_from() -> None:
    text = record("slack_bolt.RequestVerification", f"Invalid request signature ({BODY})")
    assert "Jane" not in text
    assert "message withheld" in text
    assert "x.py:7" in text


def test_handoffs_own_messages_and_gunicorns_process_lines_pass() -> None:
    assert record("bot.outbox.leases", "outbox %s %s sent", 3, "chat.postMessage").endswith(
        "outbox 3 chat.postMessage sent"
    )
    assert record("gunicorn.error", "Booting worker with pid: %s", 42).endswith("pid: 42")


def test_a_foreign_exception_keeps_its_frames_and_type_but_not_its_message() -> None:
    text = record("bot.handlers.errors", "failed: %s", raised(ValueError(BODY)))
    assert text.endswith("failed: ValueError")
    text = record("bot.handlers.errors", "unhandled", error=raised(KeyError(BODY)))
    assert "Jane" not in text
    assert "raise error" in text
    assert "KeyError: message withheld" in text
