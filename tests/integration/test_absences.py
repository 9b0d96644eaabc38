"""Time off over the real app and database: the start-of-absence sweep runs once per absence."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain.practice import Practice
from bot.services.absences import AbsenceRequest, set_absence, start_absences
from bot.services.digests import send_digests
from tests.conftest import RunningApp
from tests.e2e.helpers import card, delegate, events, posts_to, submit_form, tasks
from tests.support import JOSE, KIM, MARIA

HOUR = timedelta(hours=1)


def practice_of(app: RunningApp) -> Practice:
    practice = app.handoff.practice("T0HANDOFF01")
    assert practice is not None
    return practice


def maria_away(app: RunningApp, starts: datetime, ends: datetime) -> None:
    request = AbsenceRequest("T0HANDOFF01", KIM, MARIA, starts, ends, note="flu")
    set_absence(app.handoff.uow(), practice_of(app), request, app.clock())


def sweep(app: RunningApp, at: datetime) -> int:
    started = start_absences(app.handoff.uow, practice_of(app), at)
    app.settle()
    return len(started)


def away_notices(app: RunningApp) -> list[dict[str, Any]]:
    """The managers' DMs about Maria's absence starting."""
    start = f"<@{MARIA}> is away from now"
    return [m for m in app.standin.messages() if m.get("text", "").startswith(start)]


def test_the_start_of_an_absence_reroutes_unclaimed_work_and_lists_claimed_work_once(
    app: RunningApp,
) -> None:
    unclaimed = delegate(app, "scheduling book the follow-up")
    claimed = delegate(app, "insurance verify coverage")
    assert (unclaimed.assignee_id, claimed.assignee_id) == (MARIA, MARIA)
    reply = app.slack.block_actions("task_claim", user_id=MARIA, message=card(app, claimed.code))
    assert reply.status == 200
    app.settle()
    starts = app.clock() + HOUR
    maria_away(app, starts, starts + 24 * HOUR)

    assert sweep(app, starts - timedelta(minutes=1)) == 0  # not begun yet
    assert sweep(app, starts) == 1
    assert sweep(app, starts + timedelta(minutes=1)) == 0  # once per absence

    after = {t.id: t for t in tasks(app)}
    assert (after[unclaimed.id].status, after[unclaimed.id].assignee_id) == ("assigned", JOSE)
    assert (after[claimed.id].status, after[claimed.id].assignee_id) == ("claimed", MARIA)
    assert [e.action for e in events(app, unclaimed.id)].count("rerouted") == 1
    [to_kim] = posts_to(app, KIM)  # the one manager, once
    [notice] = away_notices(app)
    assert to_kim["text"] == notice["text"]
    assert f"{unclaimed.code}: <@{MARIA}> → <@{JOSE}>" in str(notice["blocks"])
    assert f"*{claimed.code}*" in str(notice["blocks"])
    assert "flu" not in str(notice)  # the note stays private
    [audited] = [e for e in events(app) if e.action == "absence_started"]
    assert audited.task_id is None

    release = f"task_release:{claimed.id}"
    assert app.slack.block_actions(release, user_id=KIM, message=notice).status == 200
    app.settle()
    assert next(t for t in tasks(app) if t.id == claimed.id).status == "unassigned"


def test_the_assistant_digest_skips_a_day_off(app: RunningApp) -> None:
    """Jose's and Maria's shifts both start at 13:00 UTC; Maria is off that day."""
    delegate(app, "insurance verify coverage")
    shifts_start = datetime(2026, 12, 2, 13, 0, tzinfo=UTC)
    maria_away(app, shifts_start - 2 * HOUR, shifts_start + 10 * HOUR)
    handoff, dms_before = app.handoff, len(posts_to(app, MARIA))
    sent = send_digests(
        handoff.uow, handoff.reading_uow, practice_of(app), "assistant", shifts_start
    )
    app.settle()
    by_recipient = {s.recipient: s.skipped for s in sent}
    assert by_recipient == {JOSE: False, MARIA: True}
    assert len(posts_to(app, MARIA)) == dms_before  # nothing sent to her


def test_changing_and_cancelling_are_guarded_by_the_database(app: RunningApp) -> None:
    """An end moves only while the absence lasts; only one not begun is removed."""
    now = app.clock()
    maria_away(app, now - HOUR, now + HOUR)  # under way
    maria_away(app, now + HOUR, now + 2 * HOUR)  # not begun
    with app.handoff.uow() as uow:
        under_way, coming = uow.absences.current("T0HANDOFF01", now)
        assert uow.absences.get("T0HANDOFF01", under_way.id) == under_way
        assert uow.absences.get("T0OTHER0001", under_way.id) is None  # another workspace's
        assert not uow.absences.remove(under_way.id, now)  # begun: it is ended, not removed
        moved = replace(under_way, ends_at=now + 3 * HOUR, note="surgery")
        assert not uow.absences.change(moved, now + 2 * HOUR)  # over by then
        assert uow.absences.change(moved, now)
        assert uow.absences.remove(coming.id, now)
        assert not uow.absences.remove(coming.id, now)  # once
        uow.commit()
    with app.handoff.uow() as uow:
        assert uow.absences.current("T0HANDOFF01", now) == [moved]


def test_a_claimed_task_listed_at_the_start_of_an_absence_is_reassigned_in_one_form(
    app: RunningApp,
) -> None:
    claimed = delegate(app, "insurance verify coverage")
    assert claimed.assignee_id == MARIA
    reply = app.slack.block_actions("task_claim", user_id=MARIA, message=card(app, claimed.code))
    assert reply.status == 200
    app.settle()
    maria_away(app, app.clock(), app.clock() + 24 * HOUR)
    assert sweep(app, app.clock()) == 1
    [notice] = away_notices(app)
    menu = f"task_more:{claimed.id}"
    reply = app.slack.block_actions(
        menu, user_id=KIM, message=notice, value=f"reassign:{claimed.id}"
    )
    assert reply.status == 200
    assert submit_form(app, KIM, f"Reassign {claimed.code}", action_target=JOSE) == {}
    moved = next(t for t in tasks(app) if t.id == claimed.id)
    assert (moved.status, moved.assignee_id) == ("assigned", JOSE)
