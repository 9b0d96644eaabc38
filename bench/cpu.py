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

    def seconds(self) -> dict[str, dict[int, float]]:
        """CPU seconds so far of each process, by role and process id."""
        web = {pid: p.cpu_seconds(pid) for pid in p.children(self.server.web.pid)}
        worker = [self.server.worker.pid] if self.server.worker else []
        return {
            "web": web, "worker": {pid: p.cpu_seconds(pid) for pid in worker},
            "PostgreSQL": {pid: p.cpu_seconds(pid) for pid in p.postgres_pids()},
            "stand-in": {self.standin_pid: p.cpu_seconds(self.standin_pid)},
            "load generator": {0: time.process_time()},
        }  # fmt: skip

    @contextmanager
    def per_request(self, requests: int) -> Iterator[dict[str, float]]:
        """Fills the yielded dict with ms of CPU per request, once the work is done."""
        spent: dict[str, float] = {}
        before = self.seconds()
        yield spent
        after = self._settled()
        spent.update({k: _spent(before[k], after[k]) * 1000 / requests for k in before})

    def _settled(self) -> dict[str, dict[int, float]]:
        """The processes' CPU times once they stop spending (delivery has caught up)."""
        deadline = time.monotonic() + SETTLE_SECONDS
        last = self.seconds()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            now = self.seconds()
            busy = sum(_spent(last[k], now[k]) for k in ("web", "worker", "PostgreSQL", "stand-in"))
            last = now
            if busy < QUIET_SECONDS:
                break
        return last


def _spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds the processes alive at `after` spent since `before` (a process started
    meanwhile counts from zero; one that ended meanwhile, e.g. a PostgreSQL backend, is lost,
    also when it ended between being listed and being read, which reads as 0)."""
    return sum(max(0.0, seconds - before.get(pid, 0.0)) for pid, seconds in after.items())
