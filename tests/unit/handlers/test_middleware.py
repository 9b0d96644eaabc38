"""Middleware called directly: the practice goes into the context, unknown teams are refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import BoltContext
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.response import BoltResponse

from bot.bootstrap import Handoff, build
from bot.devkit.standin import SlackStandIn
from bot.handlers import build_app, middleware
from bot.settings import load_settings
from tests.support import BOT_TOKEN, PRACTICE_FILE, SIGNING_SECRET
from tests.unit.handlers.conftest import PRACTICE


class OneTeam:
    """A Handoff that serves the test practice's team only."""

    def practice(self, team_id: str | None) -> Any:
        return PRACTICE if team_id == PRACTICE.team_id else None


def through_known_team(team_id: str, body: dict[str, Any]) -> tuple[BoltContext, Any]:
    context = BoltContext({"team_id": team_id, "handoff": OneTeam()})
    return context, middleware.known_team(context, body, lambda: "next")


def test_a_known_team_gets_its_practice_into_the_context() -> None:
    context, result = through_known_team(PRACTICE.team_id, {"type": "block_actions"})
    assert result == "next"
    assert context["practice"] is PRACTICE


@pytest.mark.parametrize(
    ("body", "status", "answer"),
    [
        ({"command": "/delegate"}, 200, "ephemeral"),
        ({"type": "event_callback"}, 200, ""),
        ({"type": "block_actions"}, 403, "error"),
    ],
)
def test_an_unknown_team_is_refused_in_the_way_its_surface_shows(
    body: dict[str, Any], status: int, answer: str
) -> None:
    context, result = through_known_team("T0STRANGER1", body)
    assert isinstance(result, BoltResponse)
    assert result.status == status
    assert answer in result.body
    assert "practice" not in context
    if answer == "ephemeral":
        assert json.loads(result.body)["response_type"] == "ephemeral"


@pytest.fixture
def handoff(tmp_path: Path, standin: SlackStandIn) -> Iterator[Handoff]:
    env = {
        "SLACK_API_URL": standin.url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'handoff.db'}",
        "PRACTICE_CONFIG": str(PRACTICE_FILE),
    }
    built = build(load_settings(env))
    yield built
    built.close()


def test_the_socket_mode_process_builds_the_same_app(handoff: Handoff) -> None:
    app = build_app(handoff)
    assert SocketModeHandler(app, "xapp-1-test").app is app  # type: ignore[no-untyped-call]
