"""The weekly digest over the real app and database: a summary and three charts, once a week.

The test practice sends it Monday 07:30 New York to the digests channel; the clock starts
Tuesday Dec 1 2026 10:00, so the week reported is Mon Nov 30 07:30 to Mon Dec 7 07:30.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from bot.outbox.uploads import FILE_UPLOAD
from bot.services.weekly import WeeklySent, send_weekly
from bot.storage.tables import DigestRunRow, OutboxRow
from tests.conftest import RunningApp
from tests.e2e.helpers import block_ids, card, delegate, open_home, posts_to
from tests.integration.clock import count, open_tasks
from tests.support import JOSE, KIM, MARIA

DIGESTS = "C0DIGEST001"
MON_0730_NY = datetime(2026, 12, 7, 12, 30, tzinfo=UTC)
WEEK_START = MON_0730_NY - timedelta(days=7)


def run(app: RunningApp, at: datetime) -> list[WeeklySent]:
    practice = app.handoff.practice("T0HANDOFF01")
    assert practice is not None
    sent = send_weekly(app.handoff.uow, app.handoff.reading_uow, practice, at)
    app.settle()
    return sent


def a_week_of_work(app: RunningApp) -> None:
    for text in ("insurance verify coverage", "scheduling book", "records send the chart"):
        delegate(app, text)
    app.clock.advance(hours=1)
    for user, code in ((MARIA, "T-0001"), (JOSE, "T-0003")):
        message = card(app, code)
        assert app.slack.block_actions("task_claim", user_id=user, message=message).status == 200
    app.settle()
    app.clock.now = MON_0730_NY + timedelta(minutes=10)


def test_the_weekly_digest_posts_a_summary_then_three_charts_with_the_counts(
    app: RunningApp,
) -> None:
    a_week_of_work(app)
    [sent] = run(app, app.clock())
    week = sent.figures.this_week
    assert (sent.recipient, sent.period.key) == (DIGESTS, "2026-W50")
    assert (week.window.start, week.window.end) == (WEEK_START, MON_0730_NY)
    assert week.created == count(app, "created", WEEK_START, MON_0730_NY) == 3
    assert len(sent.figures.weeks) == 8
    overdue = len([t for t in open_tasks(app) if t.due_at < app.clock()])
    assert sent.figures.overdue == overdue
    [summary] = posts_to(app, DIGESTS)
    assert summary["text"].startswith(f"Weekly summary: no work done, {overdue} overdue")
    files = app.standin.files()
    assert [f["name"] for f in files.values()] == [
        "on_time.png",
        "open_by_age.png",
        "assistants.png",
    ]
    assert all(
        f["content"].startswith(b"\x89PNG") and f["channels"] == [DIGESTS] for f in files.values()
    )
    assert f"3 open, {overdue} overdue" in files[list(files)[1]]["alt_txt"]
    assert "verify coverage" not in str(summary) + str(files)  # task text never reaches it


def test_each_recipient_gets_each_week_once(app: RunningApp) -> None:
    assert len(run(app, MON_0730_NY)) == 1
    assert run(app, MON_0730_NY + timedelta(hours=1)) == []
    assert run(app, MON_0730_NY + timedelta(days=1)) == []  # Tuesday: no weekly digest due
    assert len(run(app, MON_0730_NY + timedelta(days=7))) == 1
    with Session(app.handoff.engine) as session:
        kinds = session.exec(select(DigestRunRow.kind, DigestRunRow.period)).all()
    assert sorted(kinds) == [("weekly", "2026-W50"), ("weekly", "2026-W51")]
    assert len(app.standin.calls_to("files.completeUploadExternal")) == 2


def test_concurrent_sweeps_send_one_weekly_digest(app: RunningApp) -> None:
    practice = app.handoff.practice("T0HANDOFF01")
    handoff = app.handoff
    threads = [
        threading.Thread(
            target=send_weekly, args=(handoff.uow, handoff.reading_uow, practice, MON_0730_NY)
        )
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    app.settle()
    assert len(posts_to(app, DIGESTS)) == 1
    assert len(app.standin.calls_to("files.completeUploadExternal")) == 1


def test_a_sent_upload_keeps_file_ids_and_drops_the_bytes(app: RunningApp) -> None:
    run(app, MON_0730_NY)
    with Session(app.handoff.engine) as session:
        [row] = session.exec(select(OutboxRow).where(OutboxRow.method == FILE_UPLOAD)).all()
    assert row.status == "sent"
    assert [f["id"] for f in row.payload["files"]] == list(app.standin.files())
    assert all("content_base64" not in f for f in row.payload["files"])


def test_the_managers_home_shows_the_trend_and_the_uploaded_charts(app: RunningApp) -> None:
    a_week_of_work(app)
    run(app, app.clock())
    view = open_home(app, KIM)
    ids = block_ids(view)
    assert ids.index("open_counts") < ids.index("trend") < ids.index("chart_0")
    images = [b for b in view["blocks"] if b["type"] == "image"]
    assert [b["slack_file"]["id"] for b in images] == list(app.standin.files())
    trend = next(b for b in view["blocks"] if b["block_id"] == "trend")
    created = len(open_tasks(app))  # all three were created in the last seven days
    assert f"*Created*\n{created} (▲{created})" in [f["text"] for f in trend["fields"]]
