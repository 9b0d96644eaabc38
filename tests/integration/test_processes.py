"""The real processes: `bot worker` relays the outbox, `bot serve` answers Slack over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session, select

from bot.devkit.sender import Delivery, SlackSender
from bot.devkit.standin import SlackStandIn
from bot.outbox.queue import enqueue
from bot.slack.ids import EVENTS_PATH
from bot.storage.engine import make_engine
from bot.storage.tables import OutboxRow
from tests.support import PATEL, PRACTICE_FILE, QUEUE, SIGNING_SECRET

ROOT = Path(__file__).resolve().parents[2]
BOT = Path(sys.executable).with_name("bot")
SETTINGS_VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "PRACTICE_CONFIG",
    "PORT",
    "LOG_LEVEL",
    "WEB_CONCURRENCY",
    "WEB_THREADS",
)


def process_env(
    standin: SlackStandIn, database_url: str, home: Path, **extra: str
) -> dict[str, str]:
    """Settings for a child process; HOME is a temp folder since gunicorn (>= 25.1) puts its
    control socket at $HOME/.gunicorn/gunicorn.ctl (or $XDG_RUNTIME_DIR) by default."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.pop("XDG_RUNTIME_DIR", None)
    return env | {
        "HOME": str(home),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": standin.url,
        "DATABASE_URL": database_url,
        "PRACTICE_CONFIG": str(without_digests(home)),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def without_digests(home: Path) -> Path:
    """The test practice minus its digests: processes keep real time, and a digest due at this
    hour of the real day would land among the messages a test counts."""
    text = PRACTICE_FILE.read_text(encoding="utf-8").split("\ndigests:")[0]
    path = home / "practice.yml"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(
            [str(BOT), *args], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def healthz(port: int) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


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
