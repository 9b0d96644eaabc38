"""Ack latency of the real app under gunicorn (gthread), measured from a signed HTTP client.

Runs `bot serve` (1 worker) on SQLite against the Slack stand-in and times the HTTP round trip
of three kinds of request: `/delegate help` (no database write), a quick-text delegation (one
transaction: task, audit rows, outbox rows) and `/delegate` with no text (ack, then the modal
opens in a lazy listener). The stand-in runs in a process of its own, so its work does not
steal this process's GIL and inflate the client's timings. Requests go one at a time with a
short pause (PAUSE_MS, default 20) so the background delivery of one does not land on the ack
of the next; PAUSE_MS=0 measures back-to-back load. Prints p50/p95/max in milliseconds.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bot.devkit.sender import Reply, SlackSender
from bot.storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = ROOT / "tests" / "fixtures" / "practice.yml"
SECRET = "BenchSigningSecret0123456789abcd"
PATEL, QUEUE = "U0DRPATEL01", "C0QUEUE0001"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))
PAUSE = float(os.environ.get("PAUSE_MS", "20")) / 1000
STANDIN = (
    "import time\n"
    "from bot.devkit.standin import SlackStandIn\n"
    "standin = SlackStandIn(strict=False).start()\n"
    "print(standin.url, flush=True)\n"
    "time.sleep(3600)\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("bot serve did not become healthy")


def timed(send: Callable[[], Reply], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        reply = send()
        assert reply.status == 200, reply.text
        samples.append(reply.elapsed * 1000)
        time.sleep(PAUSE)
    return samples


def report(name: str, samples: list[float]) -> None:
    q = statistics.quantiles(samples, n=20)
    p50, p95, worst = statistics.median(samples), q[18], max(samples)
    print(f"{name:<28} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   max {worst:6.2f} ms")


def main() -> int:
    standin = subprocess.Popen([sys.executable, "-c", STANDIN], stdout=subprocess.PIPE, text=True)
    try:
        assert standin.stdout is not None
        return run(standin.stdout.readline().strip())
    finally:
        standin.kill()


def run(standin_url: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        port = free_port()
        env = os.environ | {
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": standin_url,
            "DATABASE_URL": url,
            "PRACTICE_CONFIG": str(PRACTICE),
            "PORT": str(port),
            "WEB_CONCURRENCY": "1",
            "LOG_LEVEL": "WARNING",
        }
        bot = Path(sys.executable).parent / "bot"
        server = subprocess.Popen([str(bot), "serve", "--host", "127.0.0.1"], env=env, cwd=tmp)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_healthy(base)
            slack = SlackSender(base + "/slack/events", SECRET)
            command = slack.slash_command
            timed(lambda: command("/delegate", "help", user_id=PATEL, channel_id=QUEUE), 20)
            print(f"bot serve (gunicorn gthread, 1 worker, SQLite WAL): {ROUNDS} requests each,")
            print(f"one at a time, {PAUSE * 1000:.0f} ms apart; HTTP round trip from a client")
            report(
                "/delegate help",
                timed(
                    lambda: command("/delegate", "help", user_id=PATEL, channel_id=QUEUE), ROUNDS
                ),
            )
            text = "scheduling move the follow-up to next week"
            report(
                "/delegate quick text (write)",
                timed(lambda: command("/delegate", text, user_id=PATEL, channel_id=QUEUE), ROUNDS),
            )
            report(
                "/delegate (modal, lazy)",
                timed(lambda: command("/delegate", "", user_id=PATEL, channel_id=QUEUE), ROUNDS),
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
