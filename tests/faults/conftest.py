"""Real `bot worker` processes against the Slack stand-in, killed afterwards whatever happened."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.devkit.standin import SlackStandIn
from tests.processes import process_env, start, wait_until


@dataclass
class Workers:
    """The `bot worker` processes of one test, each logging to its own file."""

    standin: SlackStandIn
    database_url: str
    home: Path
    started: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(
        self, count: int = 1, env: Mapping[str, str] | None = None
    ) -> list[subprocess.Popen[bytes]]:
        """Start `count` workers at once (50 ms pace unless `env` says otherwise); wait for them."""
        tuning = {"HANDOFF_OUTBOX_PACE_SECONDS": "0.05", "LOG_LEVEL": "INFO", **(env or {})}
        settings = process_env(self.standin, self.database_url, self.home, **tuning)
        batch = [self._launch(settings) for _ in range(count)]
        wait_until(lambda: all(self._settled(worker) for worker in batch), 20)
        for worker in batch:
            assert "worker started" in self.log(worker), self.log(worker)
        return batch

    def _settled(self, worker: subprocess.Popen[bytes]) -> bool:
        return worker.poll() is not None or "worker started" in self.log(worker)

    def _launch(self, settings: dict[str, str]) -> subprocess.Popen[bytes]:
        worker = start(["worker"], settings, self.home / f"worker{len(self.started)}.log")
        self.started.append(worker)
        return worker

    def log(self, worker: subprocess.Popen[bytes]) -> str:
        path = self.home / f"worker{self.started.index(worker)}.log"
        return path.read_text(errors="replace")

    def logs(self) -> str:
        return "\n".join(self.log(worker) for worker in self.started)


@pytest.fixture
def workers(tmp_path: Path, standin: SlackStandIn, database_url: str) -> Iterator[Workers]:
    running = Workers(standin, database_url, tmp_path)
    try:
        yield running
    finally:
        for worker in running.started:
            if worker.poll() is None:
                worker.kill()
                worker.wait(timeout=10)
