"""People who leave: Slack deactivation or the config; their tasks are routed again."""

from __future__ import annotations

from pathlib import Path

from bot.bootstrap import build
from bot.cli import main
from bot.services.offboarding import reroute_orphans
from bot.settings import load_settings
from bot.storage.sync import sync_practice
from tests.conftest import RunningApp, app_settings
from tests.e2e.helpers import delegate, ephemerals, events, posts_to, reply_in_thread, task, thread
from tests.support import JOSE, KIM, MARIA, PRACTICE_FILE


def test_an_account_slack_deactivates_cannot_act_and_its_tasks_move(app: RunningApp) -> None:
    claimed = delegate(app, "scheduling book the annual")
    reply_in_thread(app, MARIA, claimed.code, "claim")
    assigned = delegate(app, "insurance verify coverage")
    assert app.slack.user_change(MARIA, {"deleted": True}).status == 200
    app.settle()
    for t in (claimed, assigned):
        moved = task(app, t.id)
        assert (moved.status, moved.assignee_id) == ("assigned", JOSE)
        assert events(app, t.id)[-1].action == "rerouted"
        assert any("is no longer active" in line for line in thread(app, t.code))
    [summary] = posts_to(app, KIM)
    assert claimed.code in summary["text"]
    assert assigned.code in summary["text"]
    reply_in_thread(app, MARIA, assigned.code, "claim")
    assert "not an active member" in ephemerals(app)[-1]


def test_an_account_slack_restores_can_act_again(app: RunningApp) -> None:
    t = delegate(app, "scheduling book the annual")
    app.slack.user_change(MARIA, {"deleted": True})
    app.slack.user_change(MARIA, {"deleted": False})
    app.settle()
    reply_in_thread(app, MARIA, t.code, "claim")
    assert (task(app, t.id).status, task(app, t.id).assignee_id) == ("claimed", MARIA)


def test_someone_made_inactive_in_the_config_loses_their_tasks_at_start(
    app: RunningApp, tmp_path: Path
) -> None:
    t = delegate(app, "insurance verify coverage")
    reply_in_thread(app, MARIA, t.code, "claim")
    changed = tmp_path / "practice.yml"
    text = PRACTICE_FILE.read_text().replace(
        "    timezone: Asia/Manila\n", "    timezone: Asia/Manila\n    active: false\n"
    )
    changed.write_text(text)
    env = app_settings(app.handoff.settings.database_url, app.standin) | {
        "PRACTICE_CONFIG": str(changed)
    }
    restarted = build(load_settings(env), clock=app.clock)
    practice = restarted.practices[t.team_id]
    sync_practice(restarted.engine, practice, app.clock())
    moves = reroute_orphans(restarted.uow(), restarted.practice(t.team_id) or practice, app.clock())
    restarted.close()
    assert [(before.code, after.assignee_id) for before, after in moves] == [(t.code, JOSE)]
    assert task(app, t.id).status == "assigned"


def test_the_startup_sweep_is_harmless_when_nobody_left(app: RunningApp) -> None:
    delegate(app, "insurance verify coverage")
    practice = app.handoff.practice(app.standin.team_id)
    assert practice is not None
    assert reroute_orphans(app.handoff.uow(), practice, app.clock()) == []
    assert main(["config", "check", str(PRACTICE_FILE)]) == 0
