"""The access report from the Team view over HTTP: a scripted set of looks, then the report."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.slack.ids import Callback
from tests.conftest import RunningApp
from tests.e2e.helpers import card, delegate, events, opened_view, posts_to
from tests.support import ADMIN, JOSE, KIM, MARIA


def view_details(app: RunningApp, user: str, message: dict[str, Any]) -> None:
    assert app.slack.block_actions("task_view_details", user_id=user, message=message).status == 200
    app.settle()


def press_access(app: RunningApp, user: str, person: str) -> None:
    """Press Access report next to `person` on the manager's Team list, as `user`."""
    assert app.slack.app_home_opened(KIM).status == 200
    app.settle()
    home = app.standin.home_view(KIM)
    assert home is not None
    reply = app.slack.block_actions(f"roster_access:{person}", user_id=user, view=home)
    assert reply.status == 200
    app.settle()


def dm_card(app: RunningApp, task_id: int) -> dict[str, Any]:
    """The bot's DM that carries the task's buttons (the assignee's)."""
    return next(
        m
        for m in app.standin.messages()
        if m["channel"].startswith("D") and f'"value": "{task_id}"' in json.dumps(m.get("blocks"))
    )


@pytest.mark.parametrize("manager", [KIM, ADMIN])
def test_a_manager_opens_a_persons_report_of_the_last_30_days_and_the_opening_is_audited(
    app: RunningApp, manager: str
) -> None:
    followup = delegate(app, "scheduling book the follow-up for Mr. Smith")  # to Maria
    view_details(app, JOSE, card(app, followup.code))  # refused, but 31 days ago
    app.clock.advance(days=31)
    chart = delegate(app, "records send the chart to Dr. Okafor")  # to Jose
    assert chart.assignee_id == JOSE
    view_details(app, JOSE, card(app, chart.code))
    view_details(app, JOSE, dm_card(app, chart.id))
    view_details(app, JOSE, card(app, followup.code))  # refused: Maria's task
    press_access(app, manager, JOSE)
    report = opened_view(app, Callback.ACCESS_REPORT)
    lines = report["blocks"][1]["text"]["text"].split("\n")
    assert lines == [
        "`T-0002` · Fri Jan 1, 10:00 AM EST · viewed · card",
        "`T-0002` · Fri Jan 1, 10:00 AM EST · viewed · dm",
        "`T-0001` · Fri Jan 1, 10:00 AM EST · refused · card",
    ]
    shown = json.dumps(report)
    assert "since 2026-12-02" in shown
    assert all(secret not in shown for secret in ("Smith", "Okafor", "chart"))
    opened = events(app)[-1]
    assert (opened.actor_id, opened.action, opened.task_id) == (
        manager, "access_report_opened", None,
    )  # fmt: skip
    assert opened.reason == f"{JOSE} since 2026-12-02"


def test_anyone_else_is_refused_by_dm_and_the_refusal_is_audited(app: RunningApp) -> None:
    press_access(app, MARIA, JOSE)  # a manager's Team list, pressed by an assistant
    assert app.standin.calls_to("views.open") == []
    [told] = [p["text"] for p in posts_to(app, MARIA)]
    assert told == "Only managers and admins can open a person's access report."
    refused = events(app)[-1]
    assert (refused.actor_id, refused.action) == (MARIA, "access_report_refused")
