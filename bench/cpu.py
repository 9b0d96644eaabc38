"""CPU time a request costs each process: the web process, the worker, PostgreSQL's server
processes, the stand-in (Slack's side) and the load generator, counting what runs after the ack
(delivery, `views.open`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bench import processes as p

SETTLE_SECONDS = 15.0  # the longest a cell waits for the work its requests left behind
QUIET_SECONDS = 0.01  # CPU over 0.2 s below which the processes count as idle


@dataclass(frozen=True)
class Meter:
    """The processes of one served app, read before and after a cell."""

    server: p.Server
    standin_pid: int

    def seconds(self) -> dict[str, float]:
        web = sum(p.cpu_seconds(pid) for pid in p.children(self.server.web.pid))
        worker = p.cpu_seconds(self.server.worker.pid) if self.server.worker else 0.0
        return {
            "web": web, "worker": worker,
            "PostgreSQL": sum(p.cpu_seconds(pid) for pid in p.postgres_pids()),
            "stand-in": p.cpu_seconds(self.standin_pid), "load generator": time.process_time(),
        }  # fmt: skip

    @contextmanager
    def per_request(self, requests: int) -> Iterator[dict[str, float]]:
        """Fills the yielded dict with ms of CPU per request, once the work is done."""
        spent: dict[str, float] = {}
        before = self.seconds()
        yield spent
        after = self._settled()
        spent.update({k: (after[k] - before[k]) * 1000 / requests for k in before})

    def _settled(self) -> dict[str, float]:
        """The processes' CPU times once they stop spending (delivery has caught up)."""
        deadline = time.monotonic() + SETTLE_SECONDS
        last = self.seconds()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            now = self.seconds()
            busy = sum(now[k] - last[k] for k in ("web", "worker", "PostgreSQL", "stand-in"))
            last = now
            if busy < QUIET_SECONDS:
                break
        return last
