"""Listeners called directly: a context as the middleware leaves it, and Bolt's own Ack."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from slack_bolt import Ack, BoltContext

from bot.config import load_practice
from bot.domain.practice import Practice
from tests.support import PRACTICE_FILE, TUESDAY_10AM_NY

PRACTICE = load_practice(PRACTICE_FILE)


@dataclass
class Calls:
    """Records the service calls a listener makes (the service functions are swapped for it)."""

    made: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)

    def fake(self, name: str, returns: Any = None) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.made.append((name, args, kwargs))
            if isinstance(returns, Exception):
                raise returns
            return returns

        return call

    def names(self) -> list[str]:
        return [name for name, _, _ in self.made]


class StubHandoff:
    """Only what listeners take from the Handoff: a unit of work (a marker here)."""

    def uow(self) -> str:
        return "uow"


def served(practice: Practice = PRACTICE) -> BoltContext:
    """A context as the middleware leaves it for a listener."""
    return BoltContext(
        {
            "team_id": practice.team_id,
            "handoff": StubHandoff(),
            "practice": practice,
            "now": TUESDAY_10AM_NY,
        }
    )


def acked(ack: Ack) -> dict[str, Any]:
    """What the listener acknowledged Slack with (the JSON body; empty for a bare ack)."""
    assert ack.response is not None, "the listener never acknowledged"
    return json.loads(ack.response.body) if ack.response.body else {}


@pytest.fixture
def calls() -> Calls:
    return Calls()
