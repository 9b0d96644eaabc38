"""`bot worker` runs the clock: its scheduler beats, sweeps, and stops with the process."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from sqlmodel import Session, select

from bot.devkit.standin import SlackStandIn
from bot.storage.engine import make_engine
from bot.storage.tables import HeartbeatRow
from tests.processes import process_env, start, wait_until


def heartbeat(url: str) -> HeartbeatRow | None:
    engine = make_engine(url)
    with Session(engine) as session:
        row = session.exec(select(HeartbeatRow)).first()
    engine.dispose()
    return row


def test_the_worker_records_a_heartbeat_and_its_scheduler_stops_on_sigterm(
    tmp_path: Path,
    database_file: str,
    standin: SlackStandIn,
    processes: list[subprocess.Popen[bytes]],
) -> None:
    log = tmp_path / "worker.log"
    worker = start(["worker"], process_env(standin, database_file, tmp_path), log)
    processes.append(worker)

    def logged() -> str:
        return log.read_text(errors="replace")

    assert wait_until(lambda: heartbeat(database_file) is not None, 20), logged()
    assert "heartbeat, escalations" in logged()
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=15) == 0, logged()
    assert "worker stopped" in logged()
