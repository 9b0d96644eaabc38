"""Composition root: the only place concrete adapters meet."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.config import load_practice
from bot.domain.practice import Practice
from bot.settings import Settings
from bot.slack.delivery import Deliverer, DeliveryThread
from bot.slack.notifier import OutboxNotifier
from bot.storage.engine import make_engine
from bot.storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def web_client(settings: Settings) -> WebClient:
    """Every Web API call goes through SLACK_API_URL."""
    return WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url, timeout=10)


@dataclass
class Handoff:
    """What handlers and jobs need, wired once per process."""

    settings: Settings
    practices: dict[str, Practice]
    engine: Engine
    client: WebClient
    clock: Callable[[], datetime] = utc_now
    delivery: DeliveryThread | None = None
    deliverer: Deliverer = field(init=False)

    def __post_init__(self) -> None:
        self.deliverer = Deliverer(self.engine, self.client)

    def uow(self) -> SqlUnitOfWork:
        kick = self.delivery.kick if self.delivery else (lambda: None)
        return SqlUnitOfWork(self.engine, OutboxNotifier, after_commit=kick)

    def practice(self, team_id: str | None) -> Practice | None:
        return self.practices.get(team_id or "")

    def start_delivery(self) -> None:
        """Start the background sender of this process (web processes only)."""
        if self.delivery is None:
            self.delivery = DeliveryThread(self.deliverer).start()

    def close(self) -> None:
        if self.delivery:
            self.delivery.stop()
        self.engine.dispose()


def build(settings: Settings, clock: Callable[[], datetime] = utc_now) -> Handoff:
    practice = load_practice(settings.practice_config)
    return Handoff(
        settings=settings,
        practices={practice.team_id: practice},
        engine=make_engine(settings.database_url),
        client=web_client(settings),
        clock=clock,
    )
