"""Steps e2e tests share: open and submit the delegate modal, read what Slack saw."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

from sqlmodel import Session, select

from bot.devkit.sender import Reply
from bot.slack.ids import Callback, Field
from bot.storage.tables import TaskEventRow, TaskRow
from tests.conftest import RunningApp
from tests.support import QUEUE


def opened_view(app: RunningApp, callback_id: str = Callback.DELEGATE) -> dict[str, Any]:
    """The last view opened with `callback_id` (waits briefly: modals open after the ack)."""

    def found() -> list[Any]:
        return [
            c
            for c in app.standin.calls_to("views.open")
            if c.args["view"].get("callback_id") == callback_id
        ]

    assert app.standin.wait_for(lambda: bool(found())), f"no {callback_id} modal was opened"
    return dict(found()[-1].response["view"])


def submit_delegate(app: RunningApp, view: dict[str, Any], user_id: str, **values: Any) -> Reply:
    """Submit the delegate modal with `values` by field name (task_type, title, details, ...)."""
    by_action = {Field(name).value: value for name, value in values.items()}
    return app.slack.view_submission(view, by_action, user_id=user_id)


def tasks(app: RunningApp) -> list[TaskRow]:
    with Session(app.handoff.engine) as session:
        return list(session.exec(select(TaskRow).order_by(TaskRow.id)))


def events(app: RunningApp, task_id: int | None = None) -> list[TaskEventRow]:
    with Session(app.handoff.engine) as session:
        query = select(TaskEventRow).order_by(TaskEventRow.id)
        if task_id is not None:
            query = query.where(TaskEventRow.task_id == task_id)
        return list(session.exec(query))


def queue_posts(app: RunningApp) -> list[dict[str, Any]]:
    return [c.args for c in app.standin.calls_to("chat.postMessage") if c.args["channel"] == QUEUE]


def posts_to(app: RunningApp, channel: str) -> list[dict[str, Any]]:
    return [
        c.args for c in app.standin.calls_to("chat.postMessage") if c.args["channel"] == channel
    ]


def replies(app: RunningApp) -> list[dict[str, Any]]:
    """What the app posted to response URLs (ephemeral answers)."""
    return [post.body for post in app.standin.responses]


def delegate(app: RunningApp, text: str, user: str = "U0DRPATEL01") -> TaskRow:
    """Delegate by quick text and wait for the card; returns the newest task."""
    reply = app.slack.slash_command("/delegate", text, user_id=user, channel_id=QUEUE)
    assert reply.status == 200, reply.text
    app.settle()
    return tasks(app)[-1]


def card(app: RunningApp, code: str) -> dict[str, Any]:
    """The task's card as the channel shows it now (updates applied)."""
    return next(m for m in app.standin.messages(QUEUE) if m.get("text", "").startswith(code))


def thread(app: RunningApp, code: str) -> list[str]:
    """Texts posted in the task's thread, oldest first."""
    ts = card(app, code)["ts"]
    return [m["text"] for m in app.standin.messages(QUEUE) if m.get("thread_ts") == ts]


def task(app: RunningApp, task_id: int) -> TaskRow:
    return next(t for t in tasks(app) if t.id == task_id)


def ephemerals(app: RunningApp) -> list[str]:
    """Ephemeral texts, through response URLs or chat.postEphemeral."""
    posted = [c.args["text"] for c in app.standin.calls_to("chat.postEphemeral")]
    return [body.get("text", "") for body in replies(app)] + posted


def get_status(url: str) -> int:
    """The HTTP status of a GET of `url`."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


def press(app: RunningApp, user: str, action: str, code: str) -> None:
    assert app.slack.block_actions(action, user_id=user, message=card(app, code)).status == 200
    app.settle()


def reply_in_thread(app: RunningApp, user: str, code: str, text: str, **kw: object) -> None:
    ts = card(app, code)["ts"]
    reply = app.slack.thread_reply(QUEUE, ts, text, user_id=user, **kw)  # type: ignore[arg-type]
    assert reply.status == 200
    app.settle()


def submit_form(app: RunningApp, user: str, title: str, **values: object) -> dict[str, object]:
    """Submit the action form titled `title` (it opens just after the button's ack)."""

    def forms() -> list[dict[str, object]]:
        views = [c.response["view"] for c in app.standin.calls_to("views.open")]
        return [v for v in views if v["title"]["text"] == title]

    assert app.standin.wait_for(lambda: bool(forms())), f"no form {title!r} opened"
    reply = app.slack.view_submission(forms()[-1], values, user_id=user)
    app.settle()
    return reply.json() if reply.text else {}


def open_home(app: RunningApp, user: str) -> dict[str, Any]:
    """Open `user`'s Home tab; the view Handoff published for it."""
    assert app.slack.app_home_opened(user).status == 200
    app.settle()
    view: dict[str, Any] = app.standin.home_view(user)
    return view


def block_ids(view: dict[str, Any]) -> list[str]:
    return [block["block_id"] for block in view["blocks"]]
