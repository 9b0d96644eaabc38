"""GET endpoints for operators: /healthz (alive), /readyz (ready to serve), /metrics."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from bot import metrics
from bot.bootstrap import Handoff
from bot.storage.operations import SqlOperationsStore

JSON = "application/json"
Probe = Callable[[], tuple[int, str, bytes]]  # status, content type, body


def probes(handoff: Handoff) -> dict[str, Probe]:
    """Each operator endpoint by path."""
    store = SqlOperationsStore(handoff.engine)
    outbox = metrics.OutboxCollector(store.outbox, _wall_clock)

    def healthz() -> tuple[int, str, bytes]:
        healthy = store.reachable()
        body = {"database": "ok" if healthy else "unreachable"}
        return (200 if healthy else 503), JSON, json.dumps(body).encode()

    def readyz() -> tuple[int, str, bytes]:
        reason = not_ready(handoff, store)
        body = {"ready": reason is None} | ({"reason": reason} if reason else {})
        return (503 if reason else 200), JSON, json.dumps(body).encode()

    def metrics_page() -> tuple[int, str, bytes]:
        page, content_type = metrics.exposition(outbox)
        return 200, content_type, page

    return {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics_page}


def not_ready(handoff: Handoff, store: SqlOperationsStore) -> str | None:
    """Why this process should get no traffic yet (None: it is ready)."""
    if not handoff.practices:
        return "no practice config loaded"
    try:
        schema = store.schema()
    except Exception:
        return "database unreachable"
    if schema.current != schema.head:
        current, head = schema.current, schema.head
        return f"database at migration {current or 'none'}, code needs {head}: run `bot db upgrade`"
    return None


def _wall_clock() -> datetime:
    return datetime.now(UTC)
