"""The escalation sweep over the real app and database: levels, quiet hours, leases, once each.

The test practice (tests/fixtures/practice.yml) escalates at 30m (assignee, backups), 2h
(assignee, managers, every 1h) and 1d wall (managers, escalations channel, requester). Clock
frozen at Tue 2026-12-01 10:00 New York; a routine insurance task must be claimed within 2h.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from bot.services.escalations import SweepReport, sweep
from bot.storage.tables import ClockNoticeRow, OutboxRow
from tests.conftest import RunningApp
from tests.e2e.helpers import card, delegate, events, task
from tests.integration.clock import NY_NOON, dms, insurance_task, run_sweep, sent
from tests.support import JOSE, KIM, MARIA, QUEUE


def test_a_task_claimed_in_time_sends_nothing(app: RunningApp) -> None:
    task_id = insurance_task(app)
    assert run_sweep(app, NY_NOON - timedelta(minutes=1)).sent == []
    assert task(app, task_id).next_check_at == NY_NOON


def test_the_holder_is_reminded_at_the_target_then_each_level_fires_once(app: RunningApp) -> None:
    insurance_task(app)
    assert sent(run_sweep(app, NY_NOON)) == [(0, MARIA)]
    assert run_sweep(app, NY_NOON).sent == []  # the same instant again: nothing new
    half_past = sent(run_sweep(app, NY_NOON + timedelta(minutes=30)))
    assert half_past == [(1, JOSE), (1, MARIA)]  # the assignee and the backup on shift
    two_hours = sent(run_sweep(app, NY_NOON + timedelta(hours=2)))
    assert two_hours == [(2, KIM), (2, MARIA)]
    assert run_sweep(app, NY_NOON + timedelta(hours=2, minutes=59)).sent == []
    assert sent(run_sweep(app, NY_NOON + timedelta(hours=3))) == [(2, KIM), (2, MARIA)]
    assert len(dms(app, MARIA)) == 1 + 4  # the new-task DM, then four clock messages


def test_a_missed_night_of_ticks_sends_the_latest_repetition_once(app: RunningApp) -> None:
    insurance_task(app)
    report = run_sweep(app, NY_NOON + timedelta(hours=4, minutes=30))  # 16:30, first sweep
    assert sent(report) == [(1, JOSE), (2, KIM), (2, MARIA)]
    by_person = {e.recipient.id: e.firing for e in report.sent}
    assert (by_person[MARIA].level, by_person[MARIA].repetition) == (2, 2)
    assert len(report.sent) == len(by_person)  # one message per person per sweep


def test_the_escalation_says_what_is_late_by_how_much_and_what_comes_next(
    app: RunningApp,
) -> None:
    insurance_task(app)
    run_sweep(app, NY_NOON + timedelta(minutes=30))
    message = dms(app, JOSE)[-1]
    assert "is 30 min late to be claimed" in message["text"]
    assert message["text"].startswith("T-0001 (Insurance verification)")
    shown = str(message["blocks"])
    assert "Held by <@U0VAMARIA01>" in shown
    assert "Next, if it does not move: whoever holds it, the managers" in shown
    assert "task_claim" in shown  # an in-scope assistant can claim it from the DM
    assert "verify coverage" not in shown  # the details stay private


def test_managers_are_held_until_business_hours_for_routine_tasks(app: RunningApp) -> None:
    insurance_task(app)
    evening = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)  # 18:00 New York: closed
    for minutes in range(0, 13 * 60, 10):  # a sweep every 10 minutes through the night
        run_sweep(app, evening + timedelta(minutes=minutes))
    assert dms(app, KIM) == []
    morning = datetime(2026, 12, 2, 13, 0, tzinfo=UTC)  # 08:00 New York: open
    report = run_sweep(app, morning)
    assert [e.recipient.id for e in report.sent].count(KIM) == 1
    assert run_sweep(app, morning + timedelta(minutes=1)).sent == []


def test_two_sweeps_at_the_same_instant_send_each_notice_once(app: RunningApp) -> None:
    insurance_task(app)
    practice = app.handoff.practice("T0HANDOFF01")
    assert practice is not None
    at = NY_NOON + timedelta(hours=2)
    reports: list[SweepReport] = []
    threads = [
        threading.Thread(target=lambda: reports.append(sweep(app.handoff.uow, practice, at)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    app.settle()
    assert sum(len(r.sent) for r in reports) == 3  # Maria (level 2), Kim (2), Jose (1)
    with Session(app.handoff.engine) as session:
        assert len(session.exec(select(ClockNoticeRow)).all()) == 5  # every due key, once
    assert len(dms(app, KIM)) == 1


def test_a_dry_run_writes_and_sends_nothing(app: RunningApp) -> None:
    task_id = insurance_task(app)
    calls = len(app.standin.calls)
    report = run_sweep(app, NY_NOON, dry_run=True)
    assert sent(report) == [(0, MARIA)]
    assert len(app.standin.calls) == calls
    assert task(app, task_id).next_check_at == NY_NOON
    assert sent(run_sweep(app, NY_NOON)) == [(0, MARIA)]


def test_a_claimed_task_with_no_activity_goes_back_to_the_queue(app: RunningApp) -> None:
    task_id = insurance_task(app)
    assert (
        app.slack.block_actions("task_claim", user_id=MARIA, message=card(app, "T-0001")).status
        == 200
    )
    app.settle()
    assert task(app, task_id).status == "claimed"
    # the lease is the resolve target, 1d = 24 business hours: Tue 7h + Wed 9h + Thu 8h
    assert run_sweep(app, datetime(2026, 12, 3, 20, 59, tzinfo=UTC)).released == []
    report = run_sweep(app, datetime(2026, 12, 3, 21, 0, tzinfo=UTC))  # Thu 16:00 New York
    assert [t.code for t in report.released] == ["T-0001"]
    after = task(app, task_id)
    assert after.status in ("assigned", "unassigned")
    assert after.claimed_at is None
    assert any("claim lease ran out" in m["text"] for m in dms(app, MARIA))
    assert any("claim lease ran out" in m["text"] for m in dms(app, KIM))
    assert events(app, task_id)[-1].action == "lease_expired"


def test_the_claimers_thread_reply_starts_their_lease_afresh(app: RunningApp) -> None:
    task_id = insurance_task(app)
    assert (
        app.slack.block_actions("task_claim", user_id=MARIA, message=card(app, "T-0001")).status
        == 200
    )
    app.settle()
    app.clock.now = datetime(2026, 12, 3, 20, 0, tzinfo=UTC)  # Thu 15:00 New York
    ts = card(app, "T-0001")["ts"]
    app.slack.thread_reply(QUEUE, ts, "still on hold with the payer", user_id=MARIA)
    app.settle()
    assert task(app, task_id).last_activity_at == app.clock.now
    assert run_sweep(app, datetime(2026, 12, 3, 21, 0, tzinfo=UTC)).released == []
    app.slack.thread_reply(QUEUE, ts, "any news?", user_id=JOSE)  # not the claimer
    app.settle()
    assert task(app, task_id).last_activity_at == app.clock.now


@pytest.mark.parametrize("kept", [0, 1])
def test_a_sweep_cut_off_midway_and_run_again_sends_everything_once(
    app: RunningApp, kept: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.services import escalations

    monkeypatch.setattr(escalations, "WRITE_BATCH", 2)  # three batches: 2, 2 and 1 tasks
    for _ in range(5):
        insurance_task_any(app)
    practice = app.handoff.practice("T0HANDOFF01")
    assert practice is not None
    at = NY_NOON + timedelta(hours=2)
    commits = {"n": 0}

    def failing_uow() -> Any:
        uow = app.handoff.uow()
        real_commit = uow.commit

        def commit() -> None:
            if commits["n"] > kept:
                raise RuntimeError("worker killed")
            commits["n"] += 1
            real_commit()

        uow.commit = commit  # type: ignore[method-assign]
        return uow

    with pytest.raises(RuntimeError):
        sweep(failing_uow, practice, at, dry_run=False)
    sweep(app.handoff.uow, practice, at, dry_run=False)
    app.settle()
    with Session(app.handoff.engine) as session:
        notices = session.exec(select(ClockNoticeRow)).all()
        outbox = session.exec(select(OutboxRow).where(OutboxRow.method == "chat.postMessage")).all()
    keys = [(n.task_id, n.level, n.repetition, n.recipient) for n in notices]
    assert len(keys) == len(set(keys))
    assert len(dms(app, KIM)) == 5  # one per task, none twice
    assert len(outbox) == len(app.standin.calls_to("chat.postMessage"))


def insurance_task_any(app: RunningApp) -> None:
    delegate(app, "insurance verify coverage")
