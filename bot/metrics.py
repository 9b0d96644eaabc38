"""Prometheus metrics: what each process counts, and the /metrics exposition.

`bot serve` sets PROMETHEUS_MULTIPROC_DIR before anything imports prometheus_client, so its
gunicorn processes share one view (multiprocess mode); `bot worker` keeps its own registry and
serves it on HANDOFF_WORKER_METRICS_PORT. Labels carry surfaces, task types, levels, Slack
methods and statuses: never user ids or task text.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from bot.services.ports import OutboxHealth

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
SURFACES = ("command", "action", "view", "event", "shortcut", "other")
ACK_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)  # Slack waits 3 s

ACK_SECONDS = Histogram(
    "handoff_ack_seconds", "Time to answer a Slack request, by surface", ["surface"],
    buckets=ACK_BUCKETS,
)  # fmt: skip
TASKS = Counter("handoff_tasks", "Task lifecycle events, by event and task type", ["event", "type"])
ESCALATIONS = Counter(
    "handoff_escalations_fired", "Reminders (0) and escalations, by level", ["level"]
)
DIGESTS = Counter("handoff_digests_sent", "Digests sent, by audience", ["audience"])
SLACK_ERRORS = Counter(
    "handoff_slack_api_errors", "Failed Slack calls, by method and HTTP status (0: no answer)",
    ["method", "status"],
)  # fmt: skip


class OutboxCollector(Collector):
    """Outbox depth, oldest pending age and dead rows, read from the database at each scrape."""

    def __init__(self, health: Callable[[], OutboxHealth], now: Callable[[], datetime]) -> None:
        self.health = health
        self.now = now

    def collect(self) -> Iterator[GaugeMetricFamily]:
        found = self.health()
        oldest = found.oldest_pending_at
        age = (self.now() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily("handoff_outbox_depth", "Slack calls still to send", found.pending)
        yield GaugeMetricFamily(
            "handoff_outbox_oldest_pending_seconds", "Age of the oldest call still to send", age
        )
        yield GaugeMetricFamily("handoff_outbox_dead", "Slack calls given up on", found.dead)


def exposition(*extra: Collector) -> tuple[bytes, str]:
    """This process's metrics (every gunicorn process's in multiprocess mode) plus `extra`."""
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROC_ENV):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(_Default())
    for collector in extra:
        registry.register(collector)
    return generate_latest(registry), CONTENT_TYPE_LATEST


class _Default(Collector):
    """The process-wide registry, re-exposed so extra collectors can sit beside it."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()
