"""The clock's edges: snoozes and what ends them, old tasks, a failing task, a moved task.

Same practice and times as test_escalation_sweep.py: a routine insurance task delegated Tue
10:00 New York must be claimed by 12:00 (17:00 UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update
from sqlmodel import Session

from bot.services.escalations import sweep
from bot.slack.ids import Button
from bot.storage.tables import TaskRow
from tests.conftest import RunningApp
from tests.e2e.helpers import card, submit_form, task
from tests.integration.clock import NY_NOON, dms, insurance_task, run_sweep, sent
from tests.support import KIM, MARIA


def snooze(app: RunningApp, task_id: int, until: datetime) -> dict[str, Any]:
    """Kim snoozes the task from the card's menu (waits for this press's own form)."""
    opened = len(app.standin.calls_to("views.open"))
    menu = {"message": card(app, "T-0001"), "value": f"snooze:{task_id}"}
    assert app.slack.block_actions(Button.MORE, user_id=KIM, **menu).status == 200
    assert app.standin.wait_for(lambda: len(app.standin.calls_to("views.open")) > opened)
    stamp = int(until.timestamp())
    answer = submit_form(app, KIM, "Snooze T-0001", action_text="payer", action_until=stamp)
    app.settle()
    return answer


def test_a_claim_ends_a_snooze_so_the_resolve_clock_is_heard(app: RunningApp) -> None:
    """Reproduction: snoozed until Friday, claimed Tuesday: the sweep kept waiting for Friday."""
    task_id = insurance_task(app)
    friday = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    assert snooze(app, task_id, friday) == {}
    assert app.slack.block_actions("task_claim", user_id=MARIA, message=card(app, "T-0001"))
    app.settle()
    claimed = task(app, task_id)
    assert claimed.snoozed_until is None
    assert claimed.next_check_at is not None
    assert claimed.next_check_at < friday


def test_changing_a_running_snooze_counts_only_the_new_one(app: RunningApp) -> None:
    """Reproduction: a second snooze inside the first one kept the first one's whole push."""
    task_id = insurance_task(app)
    target = task(app, task_id).clock_target_at  # Tue 12:00 New York
    snooze(app, task_id, datetime(2026, 12, 2, 15, 0, tzinfo=UTC))  # until Wed 10:00
    app.clock.advance(hours=1)
    snooze(app, task_id, datetime(2026, 12, 1, 18, 0, tzinfo=UTC))  # until Tue 13:00 instead
    assert target is not None
    # snoozed 10:00-13:00 in all: the 2 hours left at 10:00 run from 13:00, to 15:00
    assert task(app, task_id).clock_target_at == target + timedelta(hours=3)


def test_a_snooze_into_the_past_is_refused(app: RunningApp) -> None:
    task_id = insurance_task(app)
    answer = snooze(app, task_id, app.clock() - timedelta(hours=1))
    assert "future" in str(answer)
    assert task(app, task_id).snoozed_until is None


def test_a_task_opened_before_the_clock_existed_gets_its_clock_from_the_sweep(
    app: RunningApp,
) -> None:
    task_id = insurance_task(app)
    with Session(app.handoff.engine) as session:  # what migration 0007 leaves on an open task
        blank = {"clock_target_at": None, "next_check_at": app.clock(), "clock_epoch": 0}
        session.exec(update(TaskRow).where(TaskRow.id == task_id).values(**blank))  # type: ignore[call-overload]
        session.commit()
    run_sweep(app, app.clock())
    started = task(app, task_id)
    assert started.clock_target_at is not None
    assert (started.clock_epoch, started.next_check_at) == (1, started.clock_target_at)
    assert sent(run_sweep(app, started.clock_target_at)) == [(0, MARIA)]


def test_one_task_that_fails_stops_no_other(
    app: RunningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = insurance_task(app), insurance_task(app)
    from bot.services import escalations

    real = escalations.look_at

    def broken_on_the_first(practice: Any, t: Any, now: Any, away: Any) -> Any:
        if t.id == first:
            raise RuntimeError("a bad row")
        return real(practice, t, now, away)

    monkeypatch.setattr(escalations, "look_at", broken_on_the_first)
    report = run_sweep(app, NY_NOON)
    assert [e.task.id for e in report.sent] == [second]
    assert task(app, first).next_check_at == NY_NOON + timedelta(minutes=5)  # tried again later


def test_one_task_whose_write_fails_costs_its_batch_nothing(
    app: RunningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch's transaction fails on one task's message: the others go out, each once."""
    bad, *good = [insurance_task(app) for _ in range(3)]
    from bot.slack import notifier

    real = notifier.escalation_text

    def broken_for_one(practice: Any, escalation: Any) -> str:
        if escalation.task.id == bad:
            raise RuntimeError("a bad message")
        return str(real(practice, escalation))

    monkeypatch.setattr(notifier, "escalation_text", broken_for_one)
    report = run_sweep(app, NY_NOON)
    assert sorted(e.task.id for e in report.sent) == good
    assert task(app, bad).next_check_at == NY_NOON + timedelta(minutes=5)  # tried again later
    monkeypatch.undo()
    assert [e.task.id for e in run_sweep(app, NY_NOON + timedelta(minutes=5)).sent] == [bad]
    assert len(dms(app, MARIA)) == 3 + 3  # the new-task DMs, then one clock message each


def test_a_task_that_moved_under_the_sweep_gets_nothing(
    app: RunningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The task changed between the sweep's read and its write: the look is rolled back."""
    task_id = insurance_task(app)
    practice = app.handoff.practice("T0HANDOFF01")
    assert practice is not None
    from bot.storage.repositories import SqlTaskRepository

    monkeypatch.setattr(SqlTaskRepository, "set_next_checks", lambda *_: False)
    report = sweep(app.handoff.uow, practice, NY_NOON)
    app.settle()
    assert report.sent == []
    reminders = [
        c for c in app.standin.calls_to("chat.postMessage") if "Reminder" in c.args["text"]
    ]
    assert reminders == []
    assert task(app, task_id).next_check_at == NY_NOON  # nothing of the look was kept
