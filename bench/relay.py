"""`python -m bench.relay [sqlite|postgresql] [tasks] [relays] [--trickle]`: delivery's DB cost.

Queues `tasks` tasks' calls (a card, two thread replies that refer to its ts, a DM: four rows
each) and drains them with `relays` relays at once (threads, pacing off, as the delivery thread
loops) against the stand-in in its own process. Prints one JSON line: transactions the relays
began (on SQLite every non-read one is a BEGIN IMMEDIATE, a turn of the one writer lock),
statements, and the CPU the relays' threads spent (time.thread_time: their SQLAlchemy, driver
and slack_sdk work, not the stand-in's), also per delivered row.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import Engine, event
from sqlmodel import Session

from bench.processes import database, standin
from bot.outbox.queue import enqueue, ts_of
from bot.outbox.relay import Deliverer, retry_handlers
from bot.storage.engine import READ_ONLY, make_engine
from bot.storage.tables import TaskRow

TEAM = "T0BENCH0001"
QUEUE = "C0BENCHQUEUE"


def queue_tasks(session: Session, first: int, tasks: int) -> int:
    """Each task's card, two replies under it and a DM, as the notifier queues them."""
    now = datetime.now(UTC)
    for number in range(first, first + tasks):
        task = TaskRow(
            team_id=TEAM, number=number, code=f"T-{number:04d}", type_id="scheduling",
            priority="routine", status="assigned", requester_id="U0BENCH", title="Bench",
            due_at=now, created_at=now,
        )  # fmt: skip
        session.add(task)
        session.flush()
        card = post(session, task.id, {"channel": QUEUE, "text": "card"}, records_card=True)
        for line in range(2):
            reply = {"channel": QUEUE, "thread_ts": ts_of(card), "text": f"line {line}"}
            post(session, task.id, reply)
        post(session, task.id, {"channel": "U0BENCHKIM", "text": "dm"})
    session.commit()
    return tasks * 4


def post(session: Session, task_id: int | None, payload: dict[str, Any], **row: Any) -> int:
    return enqueue(
        session, team_id=TEAM, method="chat.postMessage", payload=payload, task_id=task_id, **row
    )


def measure(kind: str, tasks: int, relays: int, trickle: bool) -> dict[str, Any]:
    """Queue, drain, and count what the relays asked of the database.

    `trickle`: one task at a time, drained before the next (a web process after each request);
    else every task queued first (a backlog, a burst)."""
    with database(kind) as url, standin() as api:
        engine, harness = make_engine(url), make_engine(url)  # the harness's work is not counted
        counts = counted(engine)
        cpu: list[float] = []
        client = WebClient(token="xoxb-bench", base_url=api, retry_handlers=retry_handlers())
        workers = [Deliverer(engine, client) for _ in range(relays)]
        watcher = Deliverer(harness, client)
        rows, started = 0, time.perf_counter()
        for first, step in [(n, 1) for n in range(1, tasks + 1)] if trickle else [(1, tasks)]:
            with Session(harness) as session:
                rows += queue_tasks(session, first, step)
            threads = [threading.Thread(target=drain, args=(w, watcher, cpu)) for w in workers]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        seconds = time.perf_counter() - started
        left = watcher.pending()
        engine.dispose()
        harness.dispose()
    per_row = {f"{k}_per_row": round(v / rows, 2) for k, v in counts.items()}
    per_row["cpu_ms_per_row"] = round(sum(cpu) * 1000 / rows, 3)
    return {
        "db": kind, "relays": relays, "trickle": trickle, "rows": rows, "unsent": left,
        **counts, **per_row, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds),
    }  # fmt: skip


def counted(engine: Engine) -> dict[str, int]:
    """Counts of the transactions `engine` begins (read or write) and statements it runs."""
    counts = {"write_txns": 0, "read_txns": 0, "statements": 0}

    def began(conn: Any) -> None:
        read = conn.get_execution_options().get(READ_ONLY, False)
        counts["read_txns" if read else "write_txns"] += 1

    def executed(*_: Any) -> None:
        counts["statements"] += 1

    event.listen(engine, "begin", began)
    event.listen(engine, "before_cursor_execute", executed)
    return counts


def drain(relay: Deliverer, watcher: Deliverer, cpu: list[float]) -> None:
    """As the delivery thread loops, until nothing is pending (a reply may wait for its card);
    adds to `cpu` the thread's CPU seconds in the relay (not in the watcher's checks)."""
    deadline, spent = time.monotonic() + 120, 0.0
    while watcher.pending() and time.monotonic() < deadline:
        began = time.thread_time()
        sent = relay.deliver_ready()
        idle = relay.seconds_until_due(0.05)
        spent += time.thread_time() - began
        if not (sent and not idle):
            time.sleep(max(0.01, idle))
    cpu.append(spent)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--trickle"]
    kind, tasks, relays = (args + ["sqlite", "100", "1"][len(args) :])[:3]
    print(json.dumps(measure(kind, int(tasks), int(relays), "--trickle" in sys.argv)))
