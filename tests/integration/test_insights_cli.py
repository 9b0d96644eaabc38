"""`bot digest weekly --out DIR` and `bot report`: files an operator or owner can open.

The report over the weekly digest's eight weeks has the digest's numbers, week by week.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from matplotlib.image import imread

from bot.cli import main
from bot.services.weekly import send_weekly
from tests.conftest import RunningApp
from tests.e2e.helpers import card, delegate, reply_in_thread
from tests.support import MARIA

MON_0745_NY = datetime(2026, 12, 7, 12, 45, tzinfo=UTC)
CHARTS = ["assistants.png", "on_time.png", "open_by_age.png"]


def some_work(app: RunningApp) -> None:
    for text in ("insurance verify coverage", "scheduling book", "records send the chart"):
        delegate(app, text)
    message = card(app, "T-0002")
    assert app.slack.block_actions("task_claim", user_id=MARIA, message=message).status == 200
    app.settle()


def finished_work(app: RunningApp) -> None:
    """Three tasks; an hour later Maria claims one, and finishes it by thread text."""
    for text in ("insurance verify coverage", "scheduling book", "records send the chart"):
        delegate(app, text)
    app.clock.advance(hours=1)
    message = card(app, "T-0002")
    assert app.slack.block_actions("task_claim", user_id=MARIA, message=message).status == 200
    app.settle()
    reply_in_thread(app, MARIA, "T-0002", "done booked for Friday")


def test_digest_weekly_writes_its_charts_and_sends_once(
    env: RunningApp,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    some_work(env)
    assert main(["digest", "weekly", "--at", "2026-12-07T07:45", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "queued weekly digest for 2026-W50 to C0DIGEST001" in out
    assert sorted(p.name for p in tmp_path.glob("*.png")) == CHARTS
    assert imread(tmp_path / "on_time.png").shape[:2] == (450, 800)
    summary = (tmp_path / "summary.txt").read_text(encoding="utf-8")
    assert summary.startswith("Weekly summary: no work done, ")
    assert "verify coverage" not in summary
    assert main(["digest", "weekly", "--at", "2026-12-07T08:00"]) == 0
    assert "0 weekly digest(s)" in capsys.readouterr().out


def test_the_report_over_the_digests_weeks_has_the_digests_numbers(
    env: RunningApp,
    tmp_path: Path,
) -> None:
    finished_work(env)
    practice = env.handoff.practice("T0HANDOFF01")
    assert practice is not None
    [digest] = send_weekly(
        env.handoff.uow, env.handoff.reading_uow, practice, MON_0745_NY, dry_run=True
    )
    args = ["report", "--since", "2026-10-12", "--until", "2026-12-07", "--format", "csv"]
    assert main([*args, "--out", str(tmp_path)]) == 0
    with (tmp_path / "weeks.csv").open(encoding="utf-8") as rows:
        weeks = list(csv.DictReader(rows))
    columns = (
        "week_start",
        "created",
        "done",
        "on_time",
        "on_time_percent",
        "median_hours_to_claim",
    )
    assert [tuple(w[c] for c in columns) for w in weeks] == [
        (
            f"{week.window.start.astimezone(practice.tz):%Y-%m-%d}",
            str(week.created),
            str(week.rate.done),
            str(week.rate.on_time),
            "" if week.rate.percent is None else str(week.rate.percent),
            "" if week.to_claim is None else f"{week.to_claim.total_seconds() / 3600:.1f}",
        )
        for week in digest.figures.weeks
    ]
    assert sum(int(w["created"]) for w in weeks) == 3
    assert [(w["done"], w["on_time_percent"], w["median_hours_to_claim"]) for w in weeks][-1] == (
        "1",
        "100",
        "1.0",
    )
    assert {p.name for p in tmp_path.iterdir()} == {
        "weeks.csv",
        "types.csv",
        "assistants.csv",
        "open_now.csv",
    }


def test_the_report_writes_markdown_and_charts(
    env: RunningApp,
    tmp_path: Path,
) -> None:
    some_work(env)
    md = tmp_path / "report.md"
    assert (
        main(
            [
                "report",
                "--since",
                "2026-11-30",
                "--until",
                "2026-12-07",
                "--format",
                "md",
                "--out",
                str(md),
            ]
        )
        == 0
    )
    text = md.read_text(encoding="utf-8")
    assert "## Weeks" in text
    assert "| 2026-11-30 | 2026-12-07 | 3 |" in text
    assert "Maria Santos" in text
    charts = tmp_path / "charts"
    assert (
        main(
            [
                "report",
                "--since",
                "2026-11-30",
                "--until",
                "2026-12-07",
                "--format",
                "png",
                "--out",
                str(charts),
            ]
        )
        == 0
    )
    assert sorted(p.name for p in charts.glob("*.png")) == CHARTS
