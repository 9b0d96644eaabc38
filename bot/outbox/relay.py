"""Deliver queued Slack calls: claim due rows in batches, pace, send, record or reschedule."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import ConnectionErrorRetryHandler, FixedValueRetryIntervalCalculator
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.webhook import WebhookClient
from sqlalchemy import Engine
from sqlmodel import Session

from bot import metrics
from bot.outbox import leases
from bot.outbox.alerts import Alert
from bot.outbox.failure import Failure
from bot.outbox.pacing import Pacer
from bot.outbox.queue import RESPONSE_URL, references, resolve
from bot.outbox.statements import EARLIEST_PENDING, PENDING
from bot.outbox.uploads import FILE_UPLOAD, upload, uploaded
from bot.slack.trust import ReplyHosts
from bot.storage.engine import reader
from bot.storage.tables import OutboxRow

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
WAIT_FOR_EARLIER = timedelta(milliseconds=250)  # a row whose predecessor is not sent yet
MAX_ATTEMPTS = 8
BATCH = 10  # rows one claim takes (one write transaction), sent one by one
ORPHANED = "depends on a message that could not be posted"
NOT_SLACK = "response_url is not a Slack host; dropped unsent"


def retry_handlers() -> list[RetryHandler]:
    """What a WebClient retries inside the call: connection errors, twice, 0.25 s apart.

    slack_sdk's RateLimitErrorRetryHandler and ServerErrorRetryHandler are left out on purpose:
    they sleep inside the call (Retry-After may be a minute), which would stall the web
    process's delivery thread and every row behind it. The relay reschedules the row instead
    (Retry-After on 429; backoff with jitter on 5xx, timeouts and connection errors) and moves
    on. Read timeouts are not retried in the call either: Slack may have posted the message.
    """
    quick = FixedValueRetryIntervalCalculator(0.25)
    return [ConnectionErrorRetryHandler(max_retry_count=2, interval_calculator=quick)]


class Deliverer:
    """Sends outbox rows in order per task, paced per channel, retried with backoff or parked.

    `alert` is called in the transaction that parks a row Slack refused for good (not for the
    rows that waited on it); bootstrap sets it to DM the managers. A reply to a response_url
    outside Slack's hosts (hooks.slack.com, the client's API host) is parked unsent, counted.

    One write transaction claims up to `batch` due rows; each row's turn renews its lease and
    counts its attempt (`take`) in the transaction that records the previous row's outcome, so
    a batch of n rows costs n + 1 writes, and none is open while Slack is called. The usual
    turn is one statement: the take, if what the row waits for is sent (the ts and channel of
    rows sent earlier in the batch are on their loaded rows; others are read); a row that is
    not ready is taken anyway and read to say why (wait or orphaned).
    """

    def __init__(
        self,
        engine: Engine,
        client: WebClient,
        *,
        max_attempts: int = MAX_ATTEMPTS,
        lease: timedelta = LEASE,
        pace: timedelta = timedelta(0),
        alert: Alert | None = None,
        batch: int = BATCH,
    ) -> None:
        self.engine = engine
        self.client = client
        self.max_attempts = max_attempts
        self.lease = lease
        self.pacer = Pacer(pace)
        self.alert = alert
        self.reply_hosts = ReplyHosts(client.base_url)
        self.batch = batch
        self.reads = reader(engine)
        self.stopping = threading.Event()
        self.alerts_queued = 0  # alerts are due at once: a pass that queues one sends it too

    def deliver_ready(self, limit: int = 100) -> int:
        """Claim due rows a batch at a time, oldest first, and send them; how many were sent.

        One read first (an idle relay takes no write lock to find nothing); then batches while
        the last one found as many due rows as it asked for or queued an alert."""
        sent = claimed = 0
        more = self._any_due()
        while more and claimed < limit and not self.stopping.is_set():
            alerts = self.alerts_queued
            with Session(self.engine, expire_on_commit=False) as session:
                size, paced = min(self.batch, limit - claimed), bool(self.pacer.pace)
                rows, more = leases.claim_due(session, self.lease, size, paced=paced)
                claimed += len(rows)
                sent += self._deliver_batch(session, rows)
            more = (more and bool(rows)) or self.alerts_queued > alerts
        return sent

    def deliver(self, row_id: int) -> bool:
        """Claim, send and record one row; False if someone else has it or it must wait."""
        with Session(self.engine, expire_on_commit=False) as session:
            return self._deliver_batch(session, leases.claim(session, [row_id], self.lease)) == 1

    def stop(self) -> None:
        """Finish the row in flight and claim no more (a process is shutting down)."""
        self.stopping.set()

    def pending(self) -> int:
        """How many rows are still waiting to be sent (not sent, not dead)."""
        with self.reads.connect() as connection:
            return int(connection.execute(PENDING).scalar_one())

    def seconds_until_due(self, cap: float) -> float:
        """Seconds until the earliest pending row is due (0 if one is), at most `cap`."""
        with self.reads.connect() as connection:
            earliest: datetime | None = connection.execute(EARLIEST_PENDING).scalar_one()
        if earliest is None:
            return cap
        return min(cap, max(0.0, (earliest - datetime.now(UTC)).total_seconds()))

    def _any_due(self) -> bool:
        with self.reads.connect() as connection:
            return leases.any_due(connection)

    def _deliver_batch(self, session: Session, rows: list[OutboxRow]) -> int:
        """Send claimed rows in order; a row's outcome is written with the next row's checks."""
        sent: dict[int, OutboxRow] = {}  # what later rows of the batch may refer to
        for index, row in enumerate(rows):
            if self.stopping.is_set():
                leases.hand_back(session.connection(), rows[index:])
                break
            if self._deliver_claimed(session, row, sent):
                sent[row.id or 0] = row
        session.commit()
        return len(sent)

    def _deliver_claimed(
        self, session: Session, row: OutboxRow, sent: dict[int, OutboxRow]
    ) -> bool:
        connection = session.connection()  # once a turn: the session's lookup is not free
        refs = references(row.payload)
        readiness: leases.Readiness
        if leases.take_if_ready(connection, row, self.lease, refs):
            readiness, sources = "ready", leases.sources(connection, refs, sent)
        elif leases.take(connection, row, self.lease):
            readiness, sources = leases.readiness(connection, row)  # why it was not ready
        else:
            return False  # its lease ran out before its turn and another relay has it
        slot = self.pacer.next_slot(connection, row) if readiness == "ready" else None
        if readiness == "wait":
            slot = leases.blocked_until(connection, row, datetime.now(UTC) + WAIT_FOR_EARLIER)
        if readiness == "orphaned":
            leases.park(connection, row, ORPHANED)
        elif slot is not None:
            leases.release(connection, row, slot, attempt=False)
        elif self._outside_slack(row):
            leases.park(connection, row, NOT_SLACK)
        else:
            session.commit()  # no transaction (on SQLite, no lock) while Slack is called
            return self._send(session, row, sources)
        return False

    def _outside_slack(self, row: OutboxRow) -> bool:
        """A response_url reply to a host that is not Slack's (counted)."""
        url = row.payload.get("response_url")
        return row.method == RESPONSE_URL and not self.reply_hosts.allows(url)

    def _send(self, session: Session, row: OutboxRow, sources: leases.Sources) -> bool:
        try:
            result = self._call(row, sources)
        except SlackApiError as error:
            self._failed(session, row, Failure.of(error))
            return False
        except OSError as error:  # URLError (refused, reset), TimeoutError (no answer in time)
            self._failed(session, row, Failure.no_answer(error))
            return False
        files = uploaded(row.payload, result) if row.method == FILE_UPLOAD else None
        leases.mark_sent(session.connection(), row, result, files)
        return True

    def _call(self, row: OutboxRow, sources: leases.Sources) -> dict[str, Any]:
        payload = self._resolved(row.payload, sources) if sources else row.payload
        if row.method == RESPONSE_URL:
            body = {k: v for k, v in payload.items() if k != "response_url"}
            webhook = WebhookClient(
                payload["response_url"], timeout=10, retry_handlers=retry_handlers()
            )
            answer = webhook.send_dict(body)
            if answer.status_code >= 400:
                raise SlackApiError(f"response_url answered {answer.status_code}", answer)  # type: ignore[no-untyped-call]
            return {}
        if row.method == FILE_UPLOAD:
            return upload(self.client, payload)
        return dict(self.client.api_call(row.method, json=payload).data)  # type: ignore[arg-type]

    def _resolved(self, payload: dict[str, Any], sources: leases.Sources) -> dict[str, Any]:
        """The payload with its references replaced by the ts and permalinks they stand for."""
        ts = {i: r.result_ts for i, r in sources.items()}
        links = {i: self._permalink(sources[i]) for i in references(payload, "$permalink_of")}
        return dict(resolve(payload, ts, links))

    def _permalink(self, source: leases.Source) -> str:
        answer = self.client.chat_getPermalink(
            channel=source.result_channel, message_ts=source.result_ts
        )
        return str(answer["permalink"])

    def _failed(self, session: Session, row: OutboxRow, failure: Failure) -> None:
        error = failure.describe()
        metrics.SLACK_ERRORS.labels(row.method, str(failure.status)).inc()
        log.warning("outbox %s %s failed: %s (attempt %s)", row.id, row.method, error, row.attempts)
        connection = session.connection()
        if failure.retryable and (row.attempts < self.max_attempts or not failure.counts):
            retry_at = datetime.now(UTC) + failure.backoff(row.attempts)
            leases.release(connection, row, retry_at, attempt=failure.counts, error=error)
            if failure.retry_after is not None:  # a rate limit holds the whole channel
                self.pacer.hold(connection, row, retry_at)
            return
        leases.park(connection, row, error)
        if self.alert is not None:
            self.alert(session, row)
            self.alerts_queued += 1
