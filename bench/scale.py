"""The clock at scale: one escalation sweep and one manager digest over seeded history.

`python -m bench.scale sqlite 1000000` seeds a fresh database (see `bench.history`), runs a
dry sweep and a dry digest to warm caches (and to catch every SELECT they issue), then times
one real sweep and one real manager digest as the worker would run them, and prints JSON:
the timings, the seeding time, this process's peak RSS and each SELECT's query plan. Run in
a process of its own so the RSS is the sweep's and the digest's, like the worker's.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from bench import history
from bench.processes import PRACTICE, database
from bot.bootstrap import build
from bot.services.digests import send_digests
from bot.services.escalations import sweep
from bot.settings import load_settings
from bot.storage.sync import sync_practice


def measure(kind: str, total: int) -> dict[str, Any]:
    with database(kind) as url:
        env = {"SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": "x" * 32}
        settings = load_settings(env | {"DATABASE_URL": url, "PRACTICE_CONFIG": str(PRACTICE)})
        handoff = build(settings, clock=lambda: history.NOW)
        practice = handoff.practice(history.TEAM)
        assert practice is not None
        sync_practice(handoff.engine, practice, history.NOW)
        started = time.perf_counter()
        history.seed(handoff.engine, total)
        seeded = time.perf_counter() - started

        def run_sweep(dry: bool) -> object:
            return sweep(handoff.uow, practice, history.NOW, dry_run=dry)

        def run_digest(dry: bool) -> object:
            return send_digests(
                handoff.uow, handoff.reading_uow, practice, "manager", history.NOW, dry_run=dry
            )

        with captured(handoff.engine) as selects:
            run_sweep(True), run_digest(True)
        sweep_ms, sent = timed(lambda: run_sweep(False))
        digest_ms, digests = timed(lambda: run_digest(False))
        plans = {sql: explain(handoff.engine, sql, params) for sql, params in selects.items()}
        handoff.engine.dispose()
    return {
        "database": kind, "tasks": total, "seed_s": round(seeded, 1),
        "sweep_ms": sweep_ms, "sweep_sent": len(sent.sent),
        "digest_ms": digest_ms, "digests": len(digests),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "plans": plans,
    }  # fmt: skip


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return round((time.perf_counter() - started) * 1000, 1), result


@contextmanager
def captured(engine: Engine) -> Iterator[dict[str, Any]]:
    """Every distinct SELECT run on `engine` meanwhile, with the parameters it first ran with."""
    seen: dict[str, Any] = {}

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM" in statement.upper():
            seen.setdefault(statement, parameters)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def explain(engine: Engine, statement: str, parameters: Any) -> str:
    """The database's plan for one statement (EXPLAIN QUERY PLAN on SQLite)."""
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + statement, parameters).all()
    return "\n".join(str(row[-1]) for row in rows)


def main(argv: list[str]) -> int:
    kind, total = argv[0], int(argv[1])
    print(json.dumps(measure(kind, total)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
