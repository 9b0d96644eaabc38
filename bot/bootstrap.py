"""Composition root: the only place concrete adapters meet."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.config import load_practice
from bot.domain.practice import Practice
from bot.logs import guard_logs
from bot.outbox.alerts import manager_alert
from bot.outbox.relay import Deliverer, retry_handlers
from bot.outbox.relay_thread import DeliveryThread
from bot.processes.after_ack import AfterAck
from bot.services.people import PeopleDirectory
from bot.settings import Settings
from bot.slack.metered import MeteredNotifier
from bot.slack.notifier import OutboxNotifier
from bot.storage.engine import make_engine, reader
from bot.storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def web_client(settings: Settings) -> WebClient:
    """Every Web API call goes through SLACK_API_URL; only connection errors retry in the call."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=retry_handlers(),
    )


@dataclass
class Handoff:
    """What handlers and the processes need, wired once per process."""

    settings: Settings
    practices: dict[str, Practice]
    engine: Engine
    client: WebClient
    clock: Callable[[], datetime] = utc_now
    delivery: DeliveryThread | None = None
    after_ack: AfterAck = field(default_factory=AfterAck)
    deliverer: Deliverer = field(init=False)
    people: PeopleDirectory = field(init=False)

    def __post_init__(self) -> None:
        self.deliverer = Deliverer(
            self.engine,
            self.client,
            lease=timedelta(seconds=self.settings.outbox_lease_seconds),
            pace=timedelta(seconds=self.settings.outbox_pace_seconds),
            alert=manager_alert(self.practices),
        )
        self.people = PeopleDirectory(self.practices, self.reading_uow, time.monotonic)

    def uow(self) -> SqlUnitOfWork:
        kick = self.delivery.kick if self.delivery else (lambda: None)
        return SqlUnitOfWork(self.engine, MeteredNotifier, after_commit=kick)

    def reading_uow(self) -> SqlUnitOfWork:
        """A unit of work for reads only (SQLite: no write lock)."""
        return SqlUnitOfWork(reader(self.engine), OutboxNotifier)

    def practice(self, team_id: str | None) -> Practice | None:
        """The team's practice, with people Slack deactivated marked inactive (cached briefly)."""
        return self.people.practice(team_id)

    def served_practices(self) -> list[Practice]:
        """Every practice this deployment serves, with who is active now."""
        found = (self.practice(team_id) for team_id in self.practices)
        return [practice for practice in found if practice is not None]

    def forget_people(self, team_id: str) -> None:
        """Read who is active afresh on the next request (after Slack told us of a change)."""
        self.people.forget(team_id)

    def hold_delivery(self) -> Callable[[], None]:
        """Queue this request's deliveries until release() (called once the ack is sent)."""
        return self.delivery.hold() if self.delivery else (lambda: None)

    def start_delivery(self) -> None:
        """Start the background sender of this process (web processes only)."""
        if self.delivery is None:
            self.delivery = DeliveryThread(self.deliverer).start()

    def close(self) -> None:
        self.after_ack.close()
        if self.delivery:
            self.delivery.stop()
        self.engine.dispose()


def build(settings: Settings, clock: Callable[[], datetime] = utc_now) -> Handoff:
    guard_logs()  # whatever started this process, no log carries a body or task text
    practice = load_practice(settings.practice_config)
    return Handoff(
        settings=settings,
        practices={practice.team_id: practice},
        engine=make_engine(settings.database_url),
        client=web_client(settings),
        clock=clock,
    )
