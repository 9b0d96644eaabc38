"""Retention over HTTP: `bot privacy redact`, then View details says what was removed and when;
`bot audit access` reports a scripted set of looks and refusals."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

import pytest
from sqlmodel import Session

from bot.cli import main
from bot.jobs.clock import clock_jobs
from bot.storage.tables import TaskEventRow
from tests.conftest import RunningApp
from tests.e2e.helpers import card, delegate, events, opened_view, reply_in_thread, tasks
from tests.support import CHEN, KIM, PATEL

PRIVATE = "verify coverage for Jane Doe MRN 4417"
NOTE = "copay $25 confirmed"
NINETY_FIVE_DAYS_ON = "2027-03-06T12:00"  # the task closes on 2026-12-01


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def view_details(app: RunningApp, user: str, message: dict[str, Any]) -> None:
    assert app.slack.block_actions("task_view_details", user_id=user, message=message).status == 200
    app.settle()


def test_view_details_after_redaction_says_the_details_were_removed_and_when(
    env: RunningApp, capsys: pytest.CaptureFixture[str]
) -> None:
    task = delegate(env, f"insurance {PRIVATE}")
    assert task.assignee_id is not None
    reply_in_thread(env, task.assignee_id, task.code, "claim")
    reply_in_thread(env, task.assignee_id, task.code, f"done {NOTE}")
    dry = cli(capsys, "privacy", "redact", "--dry-run", "--at", NINETY_FIVE_DAYS_ON)
    assert "would redact T-0001 (closed 2026-12-01, done)" in dry
    assert "redacted" not in [e.action for e in events(env)]
    out = cli(capsys, "privacy", "redact", "--at", NINETY_FIVE_DAYS_ON)
    assert out.splitlines() == [
        "redacted T-0001",
        f"1 task(s) in {task.team_id} redacted (90-day retention)",
    ]
    assert "0 task(s)" in cli(capsys, "privacy", "redact", "--at", NINETY_FIVE_DAYS_ON)
    view_details(env, PATEL, card(env, task.code))
    shown = json.dumps(opened_view(env, "task_details_modal"))
    assert "removed on Sat Mar 6, 12:00 PM EST under the practice's retention policy" in shown
    assert all(text not in shown for text in ("Jane Doe", "4417", NOTE))
    history = cli(capsys, "audit", task.code, "--include-private")
    actions = [line.split(" | ")[2] for line in history.splitlines()[1:]]
    assert actions[-3:] == ["done", "redacted", "viewed_details"]  # the trail is kept
    assert NOTE not in history
    assert "retention: 90 days" in history


def test_the_access_report_lists_each_look_with_its_surface_and_each_refusal(
    env: RunningApp, capsys: pytest.CaptureFixture[str]
) -> None:
    first = delegate(env, f"insurance {PRIVATE}")
    second = delegate(env, "scheduling book a follow-up for Mr. Smith")
    view_details(env, KIM, card(env, first.code))
    view_details(env, CHEN, card(env, second.code))  # refused: not his task
    [dm] = [m for m in env.standin.messages() if m["channel"].startswith("D") and
            f'"value": "{second.id}"' in json.dumps(m.get("blocks"))]  # fmt: skip
    view_details(env, KIM, dm)  # a manager may press the assignee's DM button too
    view_details(env, CHEN, card(env, first.code))
    text = cli(capsys, "audit", "access", "--person", KIM, "--since", "2026-12-01")
    assert text.splitlines() == [
        "2026-12-01 10:00 EST | T-0001 | viewed | card",
        "2026-12-01 10:00 EST | T-0002 | viewed | dm",
        f"2 look(s) and refusal(s) by {KIM} since 2026-12-01",
    ]
    rows = list(csv.DictReader(io.StringIO(cli(
        capsys, "audit", "access", "--person", CHEN, "--since", "2026-12-01", "--format", "csv"
    ))))  # fmt: skip
    assert [(r["task_code"], r["outcome"], r["surface"]) for r in rows] == [
        ("T-0002", "refused", "card"),
        ("T-0001", "refused", "card"),
    ]
    assert "Jane" not in text
    assert "Smith" not in str(rows)
    assert "0 look(s)" in cli(capsys, "audit", "access", "--person", KIM, "--since", "2026-12-02")


def test_the_access_csv_neutralizes_cells_a_spreadsheet_would_run(
    env: RunningApp, capsys: pytest.CaptureFixture[str]
) -> None:
    """An actor id shaped like a formula comes out as text, as in `bot audit export`."""
    formula = "=HYPERLINK(1)"
    with Session(env.handoff.engine) as session:
        at = datetime.fromisoformat("2026-12-01T15:00:00+00:00")
        session.add(TaskEventRow(
            team_id="T0HANDOFF01", actor_id=formula, action="details_refused", at=at,
            reason="card; unknown task id 9",
        ))  # fmt: skip
        session.commit()
    out = cli(capsys, "audit", "access", "--person", formula, "--since", "2026-12-01",
              "--format", "csv")  # fmt: skip
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row == {
        "at_utc": "2026-12-01T15:00:00Z", "person": "'" + formula, "task_code": "",
        "outcome": "refused", "surface": "card",
    }  # fmt: skip


def test_the_workers_retention_job_redacts_once_the_period_has_passed(env: RunningApp) -> None:
    task = delegate(env, f"insurance {PRIVATE}")
    assert task.assignee_id is not None
    reply_in_thread(env, task.assignee_id, task.code, "claim")
    reply_in_thread(env, task.assignee_id, task.code, f"done {NOTE}")
    retention, every = clock_jobs(env.handoff)["retention"]
    assert every == 600
    env.clock.advance(days=89)
    retention()
    assert [t.redacted_at for t in tasks(env)] == [None]
    env.clock.advance(days=2)
    retention()
    retention()
    assert [(t.details, t.resolution, t.redacted_at) for t in tasks(env)] == [("", "", env.clock())]
    assert [e.action for e in events(env)].count("redacted") == 1
