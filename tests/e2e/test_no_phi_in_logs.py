"""No patient text in any log at any level: every flow, bad signatures, database errors, DEBUG."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from bot.devkit.sender import SlackSender
from bot.slack.ids import Button, Shortcut
from tests.conftest import RunningApp
from tests.e2e.helpers import (
    delegate,
    opened_view,
    posts_to,
    press,
    reply_in_thread,
    submit_delegate,
    submit_form,
    task,
    tasks,
)
from tests.support import MARIA, PATEL, QUEUE

MARKERS = ("Jane Doe", "01/02/1960", "12345678", "555-123-4567", "jane@example.com")
PHI = "Jane Doe DOB 01/02/1960 MRN 12345678 phone 555-123-4567 jane@example.com"
LOUD = ("slack_sdk", "slack_bolt", "sqlalchemy.engine", "urllib3")  # forced to DEBUG below


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[io.StringIO]:
    """LOG_LEVEL=DEBUG on the root, records captured by caplog and formatted by a stream handler."""
    stream, root = io.StringIO(), logging.getLogger()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    levels = {name: logging.getLogger(name).level for name in ("", *LOUD)}
    root.addHandler(handler)
    caplog.set_level(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def everything_logged(caplog: pytest.LogCaptureFixture, stream: io.StringIO) -> str:
    """Every captured record's message and exception text, and the stream's formatted output."""
    records = [r.getMessage() + (r.exc_text or "") for r in caplog.records]
    return "\n".join([*records, caplog.text, stream.getvalue()])


@contextmanager
def refusing_patient_text(app: RunningApp) -> Iterator[None]:
    """The database refuses details naming Jane Doe: a failed INSERT carrying patient text."""
    engine = app.handoff.engine
    postgres = engine.dialect.name == "postgresql"
    add, drop = (
        (
            "ALTER TABLE tasks ADD CONSTRAINT no_jane"
            " CHECK (details NOT LIKE '%Jane Doe%') NOT VALID",
            "ALTER TABLE tasks DROP CONSTRAINT no_jane",
        )
        if postgres
        else (
            "CREATE TRIGGER no_jane BEFORE INSERT ON tasks WHEN NEW.details LIKE '%Jane Doe%' "
            "BEGIN SELECT RAISE(ABORT, 'no Jane Doe'); END",
            "DROP TRIGGER no_jane",
        )
    )
    with engine.begin() as connection:
        connection.execute(text(add))
    try:
        yield
    finally:
        with engine.begin() as connection:
            connection.execute(text(drop))


def test_no_flow_logs_patient_text_even_at_debug(
    logs: io.StringIO, app: RunningApp, caplog: pytest.LogCaptureFixture
) -> None:
    """Reproduction: Bolt logged a badly signed body at INFO, slack_sdk bodies at DEBUG, and a
    failed INSERT (a NUL on PostgreSQL, or any refused row) logged its bound parameters."""
    for name in LOUD:  # even if someone turns the libraries up, nothing they print leaks
        logging.getLogger(name).setLevel(logging.DEBUG)
    quick = delegate(app, f"insurance verify coverage for {PHI}")
    press(app, MARIA, Button.VIEW_DETAILS, quick.code)
    opened_view(app, "task_details_modal")
    press(app, MARIA, Button.CLAIM, quick.code)
    press(app, MARIA, Button.DONE, quick.code)
    submit_form(app, MARIA, f"Done {quick.code}", action_text=f"Called {PHI}")

    app.slack.slash_command("/delegate", "", user_id=PATEL, channel_id=QUEUE)
    view = opened_view(app)
    submit_delegate(app, view, PATEL, task_type="scheduling", details=PHI, patient_ref=PHI[:90])
    app.settle()
    modal = tasks(app)[-1]
    reply_in_thread(app, MARIA, modal.code, "claim")
    reply_in_thread(app, MARIA, modal.code, f"return is this {PHI}?")
    reply_in_thread(app, PATEL, modal.code, f"yes, {PHI}")
    reply_in_thread(app, MARIA, modal.code, f"she called from {PHI}")
    reply_in_thread(app, PATEL, modal.code, f"cancel {PHI}\x00 booked herself")

    returned = delegate(app, "insurance verify coverage")
    press(app, MARIA, Button.CLAIM, returned.code)
    press(app, MARIA, Button.RETURN, returned.code)
    submit_form(app, MARIA, f"Return {returned.code}", action_text=f"Which plan for {PHI}?")
    dm = {**posts_to(app, PATEL)[-1], "ts": "1764600000.000001"}
    app.slack.block_actions(Button.ANSWER, user_id=PATEL, message=dm)
    submit_form(app, PATEL, f"Answer {returned.code}", action_text=f"PPO for {PHI}")

    message = {"channel": "C0FRONTDESK", "ts": "1764590000.000100", "text": PHI, "user": PATEL}
    app.slack.message_action(Shortcut.DELEGATE_MESSAGE, message, user_id=PATEL)
    opened_view(app)

    forged = SlackSender(app.slack.app_url, "not-the-signing-secret", standin=app.standin)
    assert forged.slash_command("/delegate", PHI, user_id=PATEL, channel_id=QUEUE).status == 401
    with refusing_patient_text(app):
        reply = app.slack.slash_command(
            "/delegate", f"scheduling {PHI}", user_id=PATEL, channel_id=QUEUE
        )
        assert "saved nothing" in reply.text
    app.settle()

    assert (task(app, quick.id).status, task(app, returned.id).answer) == ("done", f"PPO for {PHI}")
    logged = everything_logged(caplog, logs)
    assert [marker for marker in MARKERS if marker in logged] == []
    assert "message withheld" in logged  # the libraries did talk; their text did not come out


def test_a_nul_in_details_notes_and_quick_text_is_stored_without_it(app: RunningApp) -> None:
    """Reproduction: PostgreSQL raised DataError on U+0000 and nothing was saved."""
    quick = delegate(app, "insurance verify\x00 coverage\x07 for the new patient\x9b")
    assert task(app, quick.id).details == "verify coverage for the new patient"
    press(app, MARIA, Button.CLAIM, quick.code)
    reply_in_thread(app, MARIA, quick.code, "done active\x00, copay $25")
    assert task(app, quick.id).resolution == "active, copay $25"
    app.slack.slash_command("/delegate", "", user_id=PATEL, channel_id=QUEUE)
    submit_delegate(app, opened_view(app), PATEL, task_type="scheduling", details="a\x00\n\tb")
    assert tasks(app)[-1].details == "a\n\tb"
