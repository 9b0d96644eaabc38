"""`bot doctor`: is this setup able to work? Each check passes, warns or fails with its fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.practice import Practice
from bot.services.checklist import Check, failed, passed
from bot.services.doctor_slack import slack_checks
from bot.services.heartbeat import WORKER
from bot.services.ports import OperationsStore, SlackWorkspace


@dataclass(frozen=True)
class Limits:
    """How old a pending outbox message or the worker's last heartbeat may be."""

    pending: timedelta = timedelta(minutes=10)
    heartbeat: timedelta = timedelta(minutes=2)


def run_doctor(
    *,
    practice: Practice,
    slack: SlackWorkspace,
    store: OperationsStore,
    required_scopes: Iterable[str],
    now: datetime,
    limits: Limits = Limits(),
) -> list[Check]:
    """Every check: Slack (token, workspace, scopes, channels, people), then the database."""
    return [
        *slack_checks(practice, slack, frozenset(required_scopes)),
        *database_checks(store, now, limits),
    ]


def database_checks(store: OperationsStore, now: datetime, limits: Limits) -> list[Check]:
    """Reachable, migrated to head, an outbox that drains, a worker that beats."""
    if not store.reachable():
        fix = "start the database, or correct DATABASE_URL"
        return [failed("Database", "cannot connect to DATABASE_URL", fix)]
    schema = store.schema()
    if schema.current != schema.head:
        found = f"at revision {schema.current}" if schema.current else "empty (no schema)"
        detail = f"the database is {found}; the code needs {schema.head}"
        return [
            passed("Database", "reachable"),
            failed("Migrations", detail, "run `bot db upgrade`"),
        ]
    return [
        passed("Database", "reachable"),
        passed("Migrations", f"at head ({schema.head})"),
        outbox_check(store, now, limits.pending),
        worker_check(store.heartbeat(WORKER), now, limits.heartbeat),
    ]


def outbox_check(store: OperationsStore, now: datetime, limit: timedelta) -> Check:
    """No dead messages, and nothing waiting longer than `limit`."""
    health = store.outbox()
    problems = []
    if health.dead:
        problems.append(f"{health.dead} dead message(s)")
    oldest = health.oldest_pending_at
    if oldest is not None and now - oldest > limit:
        problems.append(f"a message pending for {_ago(now - oldest)} (limit {_ago(limit)})")
    if problems:
        fix = (
            "see them with `bot outbox`; once Slack and `bot worker` are fine, "
            "`bot outbox retry --dead` sends the dead ones again"
        )
        return failed("Outbox", "; ".join(problems), fix)
    return passed("Outbox", f"{health.pending} pending, none dead, none late")


def worker_check(last: datetime | None, now: datetime, limit: timedelta) -> Check:
    """`bot worker` wrote its heartbeat within `limit`."""
    fix = "start `bot worker` (exactly one per practice database)"
    if last is None:
        return failed("Worker", "`bot worker` has never run against this database", fix)
    if now - last > limit:
        return failed("Worker", f"no heartbeat for {_ago(now - last)} (limit {_ago(limit)})", fix)
    return passed("Worker", f"heartbeat {_ago(now - last)} ago")


def _ago(span: timedelta) -> str:
    """A span in whole minutes, or seconds under two minutes."""
    seconds = max(int(span.total_seconds()), 0)
    return f"{seconds} s" if seconds < 120 else f"{seconds // 60} min"
