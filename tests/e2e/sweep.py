"""What the bad-input sweep shares: odd texts, raw payloads and the checks every answer passes."""

from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.devkit import slack_requests as shapes
from bot.devkit.sender import FORM, Outgoing, Reply, SlackSender
from bot.storage.tables import OutboxRow, TaskEventRow, TaskRow
from tests.conftest import RunningApp
from tests.e2e.helpers import queue_posts, tasks

HUGE = ("lorem ipsum " * 3_334)[:40_000]
ODD_TEXTS = {
    "empty": "",
    "huge": HUGE,
    "rtl-override": "\u202epatient called back\u202c",
    "zero-width": "\u200b\u200b",
    "emoji": "👩‍⚕️ 🔥",
    "arabic": "يرجى الاتصال بالمريض غدا",
}
ODD_IDS = ["", "abc", "-1", "0", "²", "9" * 40, HUGE, "👩‍⚕️", "\u202e42"]
INTERNALS = re.compile(r"Traceback|Exception|\b[A-Z]\w*Error\b|File \"|\.py\b|sqlalchemy|psycopg")
UNEXPECTED = "hit a problem"  # the error handler's answer to an error nobody anticipated


@dataclass(frozen=True)
class Rows:
    """How many tasks, audit rows and outbox rows the database holds."""

    tasks: int
    events: int
    outbox: int


def rows(app: RunningApp) -> Rows:
    with Session(app.handoff.engine) as session:
        tasks, events, outbox = (
            session.exec(select(func.count()).select_from(table)).one()
            for table in (TaskRow, TaskEventRow, OutboxRow)
        )
    return Rows(tasks, events, outbox)


def new_actions(app: RunningApp, before: Rows) -> list[str]:
    """Audit actions recorded since `before`."""
    with Session(app.handoff.engine) as session:
        query = select(TaskEventRow.action).order_by(col(TaskEventRow.id)).offset(before.events)
        return list(session.exec(query))


def assert_at_most_a_refusal(app: RunningApp, before: Rows) -> None:
    """No task was written; at most one refusal audit row and its one ephemeral outbox row."""
    app.settle()
    after = rows(app)
    assert after.tasks == before.tasks
    assert after.outbox - before.outbox <= 1
    assert all(action.endswith("_refused") for action in new_actions(app, before))
    assert after.events - before.events <= 1


def assert_whole_or_nothing(app: RunningApp, before: Rows) -> None:
    """Either at most a refusal, or one whole task: created, routed, its card posted."""
    app.settle()
    if rows(app).tasks == before.tasks:
        assert_at_most_a_refusal(app, before)
        return
    assert rows(app).tasks == before.tasks + 1
    created, routed = new_actions(app, before)
    assert (created, routed in ("assigned", "queued")) == ("created", True)
    code = tasks(app)[-1].code
    assert any(post["text"].startswith(code) for post in queue_posts(app))


def assert_no_internals(text: str) -> None:
    """Nothing a person sees names code: no traceback, exception or module."""
    found = INTERNALS.search(text)
    assert found is None, f"internals leaked: {found.group(0)!r} in {text[:300]!r}"


def assert_clear(reply: Reply) -> None:
    """A 4xx, or a 200 whose body (if any) is JSON a person can read."""
    assert reply.status == 200 or 400 <= reply.status < 500, (reply.status, reply.text[:300])
    assert_no_internals(reply.text)
    assert UNEXPECTED not in reply.text
    if reply.status == 200 and reply.text:
        answer = reply.json()
        assert answer.get("text") or answer.get("response_action") == "errors", answer


def told(app: RunningApp) -> list[str]:
    """Every text Handoff sent to Slack: posts, ephemerals, response URLs and views."""
    app.settle()
    sent = [json.dumps(call.args, ensure_ascii=False) for call in app.standin.calls]
    return sent + [json.dumps(post.body, ensure_ascii=False) for post in app.standin.responses]


def assert_slack_saw_no_internals(app: RunningApp) -> None:
    """Nothing sent to Slack names code, and no input surprised the app."""
    for text in told(app):
        assert_no_internals(text)
        assert UNEXPECTED not in text, text[:300]


def send_payload(sender: SlackSender, kind: str, user_id: str, **fields: Any) -> Reply:
    """A signed interactivity payload of `kind` with exactly `fields` (nothing checked)."""
    payload = shapes.interaction(sender.ctx, kind, user_id, **fields)
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    return sender.send(Outgoing(body, FORM))
