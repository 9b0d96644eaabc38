"""Fixtures: a running Slack stand-in, a WebClient on it, a fake app and a sender to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.devkit.sender import SlackSender
from bot.devkit.standin import SlackStandIn

from .fake_app import SIGNING_SECRET, FakeApp

USERS = {
    "U0ALICE001": {"name": "alice", "real_name": "Alice Ng", "tz": "America/Chicago"},
    "U0BOB00002": {"name": "bob", "real_name": "Bob Ray", "tz": "Europe/London"},
}


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn(users={key: dict(value) for key, value in USERS.items()}) as running:
        yield running


@pytest.fixture
def client(standin: SlackStandIn) -> WebClient:
    return WebClient(token="xoxb-test", base_url=standin.url)


@pytest.fixture
def fake_app() -> Iterator[FakeApp]:
    with FakeApp() as app:
        yield app


@pytest.fixture
def sender(fake_app: FakeApp, standin: SlackStandIn) -> SlackSender:
    return SlackSender(fake_app.url, SIGNING_SECRET, standin=standin)
