"""The real processes: `bot worker` relays the outbox, `bot serve` answers Slack over HTTP."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

from sqlmodel import Session, select

from bot.devkit.sender import Delivery, SlackSender
from bot.devkit.standin import SlackStandIn
from bot.outbox.queue import enqueue
from bot.slack.ids import EVENTS_PATH
from bot.storage.engine import make_engine
from bot.storage.tables import OutboxRow
from tests.processes import free_port, healthz, process_env, start, wait_until
from tests.support import PATEL, QUEUE, SIGNING_SECRET


def test_the_worker_relays_a_pending_row_and_stops_cleanly_on_sigterm(
    tmp_path: Path,
    database_file: str,
    standin: SlackStandIn,
    processes: list[subprocess.Popen[bytes]],
) -> None:
    engine = make_engine(database_file)
    with Session(engine) as session:
        enqueue(
            session,
            team_id="T0HANDOFF01",
            method="chat.postMessage",
            payload={"channel": QUEUE, "text": "left behind by a web process"},
        )
        session.commit()
    engine.dispose()
    log = tmp_path / "worker.log"

    worker = start(["worker"], process_env(standin, database_file, tmp_path), log)
    processes.append(worker)

    def logged() -> str:
        return log.read_text(errors="replace")

    assert wait_until(lambda: "worker started: outbox relay" in logged(), 10), logged()
    relayed = standin.wait_for(
        lambda: (
            [c.args.get("text") for c in standin.calls_to("chat.postMessage")]
            == ["left behind by a web process"]
        ),
        timeout=10,
    )
    assert relayed, logged()

    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=10) == 0, logged()
    assert "worker stopped" in logged()
    engine = make_engine(database_file)
    with Session(engine) as session:  # a batch under way when the signal came was finished
        [row] = session.exec(select(OutboxRow)).all()
    engine.dispose()
    assert (row.status, row.attempts) == ("sent", 1)
    standin.assert_clean()


def test_serve_answers_health_and_signed_slack_requests_and_stops_on_sigterm(
    tmp_path: Path,
    database_file: str,
    standin: SlackStandIn,
    processes: list[subprocess.Popen[bytes]],
) -> None:
    port = free_port()
    env = process_env(standin, database_file, tmp_path, PORT=str(port), WEB_CONCURRENCY="1")
    log = tmp_path / "serve.log"

    server = start(["serve", "--host", "127.0.0.1"], env, log)
    processes.append(server)

    def logged() -> str:
        return log.read_text(errors="replace")

    up = wait_until(lambda: server.poll() is not None or healthz(port) == 200, 20)
    assert up, logged()
    assert server.poll() is None, logged()
    assert healthz(port) == 200

    slack = SlackSender(f"http://127.0.0.1:{port}{EVENTS_PATH}", SIGNING_SECRET, standin=standin)
    reply = slack.slash_command("/delegate", "help", user_id=PATEL, channel_id=QUEUE)
    assert reply.status == 200, reply.text
    body = json.loads(reply.text)
    assert body["response_type"] == "ephemeral"
    assert "/delegate" in body["text"]

    forged = slack.slash_command(
        "/delegate", "help", user_id=PATEL, channel_id=QUEUE, delivery=Delivery(bad_signature=True)
    )
    assert forged.status == 401

    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=15) == 0, logged()
    standin.assert_clean()
