"""Daily digests over the real app and database: numbers equal direct counts, once per period.

The test practice sends the manager digest at 07:30 (to the digests channel), the assistant
digest at 08:00 (even when empty) and the clinician digest at 17:30, Monday to Friday, each in
the recipient's own time zone.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from bot.domain.digest_manager import ManagerDigest
from bot.services.digests import DigestSent, send_digests
from bot.storage.tables import DigestRunRow
from tests.conftest import RunningApp
from tests.e2e.helpers import delegate, posts_to, press
from tests.integration.clock import count, open_tasks
from tests.support import CHEN, JOSE, MARIA, PATEL

DIGESTS = "C0DIGEST001"
WED_0730_NY = datetime(2026, 12, 2, 12, 30, tzinfo=UTC)
TUE_0730_NY = datetime(2026, 12, 1, 12, 30, tzinfo=UTC)


def run(app: RunningApp, audience: str, at: datetime, dry_run: bool = False) -> list[DigestSent]:
    practice = app.handoff.practice("T0HANDOFF01")
    assert practice is not None
    handoff = app.handoff
    sent = send_digests(handoff.uow, handoff.reading_uow, practice, audience, at, dry_run=dry_run)
    app.settle()
    return sent


def test_the_manager_digest_numbers_equal_direct_counts(app: RunningApp) -> None:
    for text in ("insurance verify coverage", "scheduling book", "records send the chart"):
        delegate(app, text)
    app.clock.advance(hours=1)
    press(app, MARIA, "task_claim", "T-0001")
    press(app, JOSE, "task_claim", "T-0003")
    app.clock.advance(days=1)  # Wed 11:00
    [sent] = run(app, "manager", WED_0730_NY)
    digest = sent.digest
    assert isinstance(digest, ManagerDigest)
    since, until = TUE_0730_NY, WED_0730_NY
    assert (sent.recipient, sent.period.since, sent.period.until) == (DIGESTS, since, until)
    assert digest.created == count(app, "created", since, until) == 3
    assert digest.claimed == count(app, "claim", since, until) == 2
    assert digest.done == count(app, "done", since, until) == 0
    assert digest.open_total == len(open_tasks(app)) == 3
    by_type = {row.type_id: row.total for row in digest.open_by_age}
    assert by_type == {
        t: sum(1 for o in open_tasks(app) if o.type_id == t)
        for t in {o.type_id for o in open_tasks(app)}
    }
    overdue = [o.code for o in open_tasks(app) if o.due_at < until]
    assert sorted(o.task.code for o in digest.overdue) == sorted(overdue)
    [posted] = posts_to(app, DIGESTS)
    assert posted["text"].startswith("Daily digest: 3 new, 2 claimed, 0 done, 0 cancelled; 3 open")
    assert "verify coverage" not in str(posted)  # details never reach a digest


def test_each_digest_goes_once_per_recipient_and_period(app: RunningApp) -> None:
    delegate(app, "insurance verify coverage")
    assert len(run(app, "manager", WED_0730_NY)) == 1
    assert run(app, "manager", WED_0730_NY + timedelta(minutes=30)) == []  # same period
    assert run(app, "manager", WED_0730_NY - timedelta(minutes=1)) == []  # Tue's: long gone
    assert len(posts_to(app, DIGESTS)) == 1
    thursday = WED_0730_NY + timedelta(days=1)
    assert len(run(app, "manager", thursday)) == 1


def test_concurrent_digest_sweeps_send_one_digest(app: RunningApp) -> None:
    delegate(app, "insurance verify coverage")
    practice = app.handoff.practice("T0HANDOFF01")
    assert practice is not None
    handoff = app.handoff
    threads = [
        threading.Thread(
            target=send_digests,
            args=(handoff.uow, handoff.reading_uow, practice, "manager", WED_0730_NY),
        )
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    app.settle()
    assert len(posts_to(app, DIGESTS)) == 1
    with Session(handoff.engine) as session:
        assert len(session.exec(select(DigestRunRow)).all()) == 1


def test_empty_digests_are_skipped_but_recorded_once(app: RunningApp) -> None:
    [sent] = run(app, "manager", WED_0730_NY)
    assert sent.skipped
    assert posts_to(app, DIGESTS) == []
    assert run(app, "manager", WED_0730_NY + timedelta(minutes=5)) == []


def test_the_assistant_digest_comes_as_each_shift_starts(app: RunningApp) -> None:
    """Jose's shift starts 08:00 Bogota, Maria's 21:00 Manila: both 13:00 UTC; Lena's Saturday."""
    delegate(app, "insurance verify coverage")
    shifts_start = datetime(2026, 12, 2, 13, 0, tzinfo=UTC)
    assert run(app, "assistant", shifts_start - timedelta(minutes=1)) == []
    sent = {s.recipient: s for s in run(app, "assistant", shifts_start)}
    assert set(sent) == {JOSE, MARIA}
    assert sent[MARIA].period.key == "2026-12-02"  # her Wednesday's shift
    assert [t.code for t in sent[JOSE].digest.unclaimed] == ["T-0001"]  # type: ignore[union-attr]


def test_the_clinician_digest_lists_what_waits_on_them(app: RunningApp) -> None:
    delegate(app, "insurance verify coverage")
    delegate(app, "records send the chart", user=CHEN)
    evening = datetime(2026, 12, 1, 22, 30, tzinfo=UTC)  # Tue 17:30 New York
    sent = {s.recipient: s for s in run(app, "clinician", evening)}
    assert set(sent) == {PATEL, CHEN}
    still_open = sent[PATEL].digest.still_open  # type: ignore[union-attr]
    assert [t.code for t in still_open] == ["T-0001"]
