"""/metrics of the real processes: summed over gunicorn processes, and the worker's own port."""

from __future__ import annotations

import signal
import subprocess
import urllib.request
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from bot.devkit.sender import SlackSender
from bot.devkit.standin import SlackStandIn
from bot.slack.ids import EVENTS_PATH
from tests.processes import free_port, healthz, process_env, start, wait_until
from tests.support import PATEL, QUEUE, SIGNING_SECRET


def page(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        return str(answer.read().decode())


def samples(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(page(port))
        for s in family.samples
    }


def test_serve_counts_requests_of_every_gunicorn_process_and_cleans_up_its_metrics_dir(
    tmp_path: Path,
    database_file: str,
    standin: SlackStandIn,
    processes: list[subprocess.Popen[bytes]],
) -> None:
    port, temp = free_port(), tmp_path / "tmp"
    temp.mkdir()
    env = process_env(
        standin, database_file, tmp_path, PORT=str(port), WEB_CONCURRENCY="3", TMPDIR=str(temp)
    )
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = tmp_path / "serve.log"
    server = start(["serve", "--host", "127.0.0.1"], env, log)
    processes.append(server)
    assert wait_until(lambda: server.poll() is not None or healthz(port) == 200, 20)
    [metrics_dir] = temp.iterdir()
    assert metrics_dir.name.startswith("handoff-metrics-")

    slack = SlackSender(f"http://127.0.0.1:{port}{EVENTS_PATH}", SIGNING_SECRET, standin=standin)
    for _ in range(12):  # new connections: several processes answer
        assert (
            slack.slash_command("/delegate", "help", user_id=PATEL, channel_id=QUEUE).status == 200
        )

    commands = ("handoff_ack_seconds_count", (("surface", "command"),))
    for _ in range(6):  # whichever process answers the scrape sums them all
        assert samples(port)[commands] == 12

    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=15) == 0, log.read_text(errors="replace")
    assert list(temp.iterdir()) == []


def test_the_worker_serves_its_metrics_on_its_own_port(
    tmp_path: Path,
    database_file: str,
    standin: SlackStandIn,
    processes: list[subprocess.Popen[bytes]],
) -> None:
    port = free_port()
    env = process_env(standin, database_file, tmp_path, HANDOFF_WORKER_METRICS_PORT=str(port))
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    worker = start(["worker"], env, tmp_path / "worker.log")
    processes.append(worker)

    def up() -> bool:
        try:
            families = {f.name for f in text_string_to_metric_families(page(port))}
        except OSError:
            return False
        return {"handoff_escalations_fired", "handoff_digests_sent"} <= families

    assert wait_until(up, 15)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=15) == 0
