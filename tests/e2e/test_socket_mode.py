"""`bot socket` end to end: the real app over Socket Mode against the Slack stand-ins."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest

from bot.bootstrap import build
from bot.devkit.socket_sender import SocketSender
from bot.devkit.socket_standin import SocketModeStandIn
from bot.devkit.standin import SlackStandIn
from bot.processes.socket import socket_handler
from bot.settings import load_settings
from bot.slack.ids import Button, Callback
from bot.storage.sync import sync_practice
from tests.conftest import RunningApp, app_settings
from tests.e2e.helpers import card, delegate, queue_posts, task, tasks, thread
from tests.support import MARIA, PATEL, QUEUE, FakeClock

APP_TOKEN = "xapp-1-A0HANDOFF01-0000-test"
REQUESTS = "bot.processes.requests"


@pytest.fixture
def socket_mode(standin: SlackStandIn) -> Iterator[SocketModeStandIn]:
    with SocketModeStandIn(standin) as socket:
        yield socket
        socket.assert_clean()


@pytest.fixture
def socket_app(
    database_url: str, standin: SlackStandIn, socket_mode: SocketModeStandIn
) -> Iterator[RunningApp]:
    """The real app connected over Socket Mode (as `bot socket` runs it), clock frozen."""
    clock = FakeClock()
    env = app_settings(database_url, standin) | {"SLACK_APP_TOKEN": APP_TOKEN}
    handoff = build(load_settings(env, need_app_token=True), clock=clock)
    for practice in handoff.practices.values():
        sync_practice(handoff.engine, practice, clock())
    handoff.start_delivery()
    handler = socket_handler(handoff)
    try:
        handler.connect()  # type: ignore[no-untyped-call]
        socket_mode.wait_connected()
        slack = SocketSender(socket_mode, standin=standin)
        yield RunningApp(handoff, standin, slack, clock, socket_mode.urls[0])
    finally:
        handler.close()  # type: ignore[no-untyped-call]
        handoff.close()
    standin.assert_clean()


def test_delegate_claim_and_done_by_thread_text_over_socket_mode(socket_app: RunningApp) -> None:
    reply = socket_app.slack.slash_command(
        "/delegate", "insurance verify coverage", user_id=PATEL, channel_id=QUEUE
    )
    answer = reply.json()
    assert answer["response_type"] == "ephemeral"
    assert "T-0001" in answer["text"]
    socket_app.settle()
    [posted] = [p for p in queue_posts(socket_app) if "thread_ts" not in p]
    assert posted["text"].startswith("T-0001")
    [t] = tasks(socket_app)

    claim = socket_app.slack.block_actions(
        Button.CLAIM, user_id=MARIA, message=card(socket_app, t.code)
    )
    assert (claim.status, claim.text) == (200, "")
    socket_app.settle()
    assert task(socket_app, t.id).status == "claimed"

    ts = card(socket_app, t.code)["ts"]
    done = socket_app.slack.thread_reply(QUEUE, ts, "done note", user_id=MARIA)
    assert (done.status, done.text) == (200, "")
    socket_app.settle()
    finished = task(socket_app, t.id)
    assert (finished.status, finished.resolution) == ("done", "note")
    assert f"✋ <@{MARIA}> claimed {t.code}." in thread(socket_app, t.code)


def test_the_app_reconnects_when_slack_drops_the_socket(
    socket_app: RunningApp, socket_mode: SocketModeStandIn
) -> None:
    delegate(socket_app, "insurance verify coverage")
    socket_mode.drop()
    socket_mode.wait_connected(hellos=2)
    assert len(socket_app.standin.calls_to("apps.connections.open")) == 2
    assert len(set(socket_mode.urls)) == 2
    second = delegate(socket_app, "scheduling move the follow-up")
    assert (second.code, second.status) == ("T-0002", "assigned")


def test_the_app_moves_to_a_new_connection_when_slack_asks_it_to_refresh(
    socket_app: RunningApp, socket_mode: SocketModeStandIn
) -> None:
    """Slack's periodic `disconnect`/refresh_requested: a new URL, a new hello, work goes on.

    slack_sdk's built-in client reads the new connection only once the old one's read times
    out (up to 3 s), so the test sends once the app has settled on one connection.
    """
    socket_mode.refresh()
    socket_mode.wait_connected(hellos=2)
    assert len(socket_app.standin.calls_to("apps.connections.open")) == 2
    assert delegate(socket_app, "insurance verify coverage").code == "T-0001"


def test_each_socket_mode_request_logs_one_request_line(
    socket_app: RunningApp, caplog: pytest.LogCaptureFixture
) -> None:
    """The line is logged once the answer is sent back, so the test waits for it."""
    caplog.set_level(logging.INFO, logger=REQUESTS)
    reply = socket_app.slack.slash_command("/delegate", "", user_id=PATEL, channel_id=QUEUE)
    assert reply.status == 200
    deadline = time.monotonic() + 5
    while not request_lines(caplog) and time.monotonic() < deadline:
        time.sleep(0.01)
    [line] = request_lines(caplog)
    assert (line.surface, line.action, line.outcome, line.status) == (
        "command",
        "/delegate",
        "ok",
        200,
    )


def request_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == REQUESTS]


def test_delegate_alone_opens_the_form_after_the_ack_over_socket_mode(
    socket_app: RunningApp,
) -> None:
    socket_app.slack.slash_command("/delegate", "", user_id=PATEL, channel_id=QUEUE)
    socket_app.settle()
    [opened] = socket_app.standin.calls_to("views.open")
    assert opened.args["view"]["callback_id"] == Callback.DELEGATE
