"""Deliver queued Slack calls: claim a row with a guarded update, send it, record the result."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient
from sqlalchemy import Engine, func, or_, update
from sqlmodel import Session, col, select

from bot.slack.outbox import RESPONSE_URL, references, resolve
from bot.storage.tables import OutboxRow, TaskRow

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
WAIT_FOR_EARLIER = timedelta(milliseconds=250)  # a row whose predecessor is not sent yet
MAX_ATTEMPTS = 8
RETRYABLE_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable"}


class Deliverer:
    def __init__(self, engine: Engine, client: WebClient, max_attempts: int = MAX_ATTEMPTS):
        self.engine = engine
        self.client = client
        self.max_attempts = max_attempts

    def deliver_ready(self, limit: int = 100) -> int:
        """Send every ready row (oldest first); returns how many were sent."""
        now = datetime.now(UTC)
        with Session(self.engine) as session:
            ids = session.exec(
                select(OutboxRow.id)
                .where(_claimable(now), col(OutboxRow.not_before) <= now)
                .order_by(col(OutboxRow.id))
                .limit(limit)
            ).all()
        return sum(self.deliver(row_id) for row_id in ids if row_id is not None)

    def pending(self) -> int:
        """How many rows are still waiting to be sent (not sent, not dead)."""
        with Session(self.engine) as session:
            query = select(func.count()).where(col(OutboxRow.status).in_(("pending", "sending")))
            return int(session.exec(query).one())

    def deliver(self, row_id: int) -> bool:
        """Claim, send and record one row; False if someone else has it or it must wait."""
        with Session(self.engine, expire_on_commit=False) as session:
            if not _claim(session, row_id):
                return False
            row = session.get_one(OutboxRow, row_id)
            readiness, sources = _readiness(session, row)
            session.commit()  # no transaction (on SQLite, no lock) while Slack is called
            if readiness == "wait":
                _release(session, row, datetime.now(UTC) + WAIT_FOR_EARLIER, attempt=False)
                return False
            if readiness == "orphaned":
                _park(session, row, "depends on a message that could not be posted")
                return False
            try:
                result = self._send(row, sources)
            except SlackApiError as error:
                self._failed(session, row, Failure.of(error))
                return False
            except OSError as error:  # connection refused or reset, timeouts
                self._failed(session, row, Failure(0, type(error).__name__))
                return False
            _mark_sent(session, row, result)
            return True

    def _send(self, row: OutboxRow, sources: dict[int, OutboxRow]) -> dict[str, Any]:
        ts = {i: r.result_ts for i, r in sources.items()}
        linked = references(row.payload, "$permalink_of")
        links = {i: self._permalink(sources[i]) for i in linked}
        payload = resolve(row.payload, ts, links)
        if row.method == RESPONSE_URL:
            body = {k: v for k, v in payload.items() if k != "response_url"}
            answer = WebhookClient(payload["response_url"], timeout=10).send_dict(body)
            if answer.status_code >= 400:
                raise SlackApiError(f"response_url answered {answer.status_code}", answer)  # type: ignore[no-untyped-call]
            return {}
        return dict(self.client.api_call(row.method, json=payload).data)  # type: ignore[arg-type]

    def _permalink(self, source: OutboxRow) -> str:
        answer = self.client.chat_getPermalink(
            channel=source.result_channel, message_ts=source.result_ts
        )
        return str(answer["permalink"])

    def _failed(self, session: Session, row: OutboxRow, failure: Failure) -> None:
        row.last_error = f"{failure.status} {failure.code}"[:500]
        log.warning(
            "outbox %s %s failed: %s (attempt %s)", row.id, row.method, row.last_error, row.attempts
        )
        if not failure.retryable or row.attempts >= self.max_attempts:
            _park(session, row, row.last_error)
            return
        _release(session, row, datetime.now(UTC) + failure.backoff(row.attempts), attempt=True)


@dataclass(frozen=True)
class Failure:
    """Why a call failed: HTTP status (0 = no answer), Slack's error code, Retry-After."""

    status: int
    code: str
    retry_after: int | None = None

    @classmethod
    def of(cls, error: SlackApiError) -> Failure:
        response = error.response
        code = response.get("error", "") if hasattr(response, "get") else ""
        header = (getattr(response, "headers", None) or {}).get("Retry-After")
        retry_after = int(header) if header and str(header).isdigit() else None
        return cls(getattr(response, "status_code", 0), str(code or ""), retry_after)

    @property
    def retryable(self) -> bool:
        return self.status in (0, 429) or self.status >= 500 or self.code in RETRYABLE_ERRORS

    def backoff(self, attempts: int) -> timedelta:
        """Slack's Retry-After when given, else exponential with jitter (capped at 5 min)."""
        if self.retry_after is not None:
            return timedelta(seconds=self.retry_after)
        return timedelta(seconds=min(300, 2**attempts) * random.uniform(0.5, 1.0))


def _claimable(now: datetime) -> Any:
    return or_(
        col(OutboxRow.status) == "pending",
        (col(OutboxRow.status) == "sending") & (col(OutboxRow.lease_until) < now),
    )


def _claim(session: Session, row_id: int) -> bool:
    now = datetime.now(UTC)
    claimed = session.execute(
        update(OutboxRow)
        .where(col(OutboxRow.id) == row_id, _claimable(now))
        .values(status="sending", lease_until=now + LEASE, attempts=OutboxRow.attempts + 1)
    )
    session.commit()
    return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]


def _readiness(session: Session, row: OutboxRow) -> tuple[str, dict[int, OutboxRow]]:
    """Ready, wait (an earlier or referenced row is unsent) or orphaned (a reference died)."""
    sources = {i: session.get_one(OutboxRow, i) for i in references(row.payload)}
    if any(source.status == "dead" for source in sources.values()):
        return "orphaned", sources
    earlier = [session.get_one(OutboxRow, row.after_id)] if row.after_id else []
    if any(r.status not in ("sent", "dead") for r in [*sources.values(), *earlier]):
        return "wait", sources
    return "ready", sources


def _park(session: Session, row: OutboxRow, error: str) -> None:
    """Give up on a row: it stays in the table as dead for `bot outbox` and the managers."""
    row.status, row.lease_until, row.last_error = "dead", None, error[:500]
    session.add(row)
    session.commit()
    log.warning("outbox %s %s parked as dead: %s", row.id, row.method, error)


def _release(session: Session, row: OutboxRow, not_before: datetime, *, attempt: bool) -> None:
    row.status, row.lease_until, row.not_before = "pending", None, not_before
    if not attempt:
        row.attempts -= 1
    session.add(row)
    session.commit()


def _mark_sent(session: Session, row: OutboxRow, result: dict[str, Any]) -> None:
    row.status, row.lease_until, row.sent_at = "sent", None, datetime.now(UTC)
    row.result_channel = str(result.get("channel", ""))
    row.result_ts = str(result.get("ts", ""))
    session.add(row)
    if row.records_card and row.task_id:
        session.execute(
            update(TaskRow)
            .where(col(TaskRow.id) == row.task_id)
            .values(channel_id=row.result_channel, thread_ts=row.result_ts)
        )
    session.commit()
    log.info("outbox %s %s sent", row.id, row.method)


class DeliveryThread:
    """Background sender of a web process: woken right after each commit, polls as a fallback."""

    def __init__(self, deliverer: Deliverer, poll_seconds: float = 2.0) -> None:
        self.deliverer = deliverer
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._held = threading.local()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-delivery", daemon=True)

    def start(self) -> DeliveryThread:
        self._thread.start()
        return self

    def kick(self) -> None:
        """Deliver now; inside a held request, once its response has been sent."""
        if getattr(self._held, "depth", 0):
            self._held.kicked = True
        else:
            self._wake.set()

    def hold(self) -> Callable[[], None]:
        """Hold this thread's kicks until the returned release() (after the ack is written)."""
        self._held.depth = getattr(self._held, "depth", 0) + 1

        def release() -> None:
            self._held.depth -= 1
            if not self._held.depth and getattr(self._held, "kicked", False):
                self._held.kicked = False
                self._wake.set()

        return release

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.poll_seconds)
            self._wake.clear()
            try:
                while self.deliverer.deliver_ready() and not self._stop.is_set():
                    pass
            except Exception:
                log.exception("outbox delivery pass failed; will retry")
