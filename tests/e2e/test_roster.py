"""The Team view over HTTP: managers change the roster, others are refused, every change audited."""

from __future__ import annotations

import pytest

from bot.bootstrap import build
from bot.domain.roster import NOT_ALLOWED
from bot.settings import load_settings
from bot.slack.ids import Callback
from tests.conftest import RunningApp, app_settings
from tests.e2e.helpers import delegate, events, opened_view, posts_to, reply_in_thread, task
from tests.e2e.team import current, open_form, roster_events, save
from tests.support import ADMIN, CHEN, JOSE, KIM, LENA, MARIA, PATEL


@pytest.mark.parametrize("manager", [KIM, ADMIN])
def test_a_manager_grants_a_scope_and_it_is_audited_and_shown(
    app: RunningApp, manager: str
) -> None:
    form = open_form(app, manager, LENA)
    assert form is not None
    assert save(app, manager, form, role="assistant", scopes=["records_request", "scheduling"],
                status="active") == {}  # fmt: skip
    row = current(app, LENA)
    assert (sorted(row.scopes), row.source) == (["records_request", "scheduling"], "slack")
    assert roster_events(app) == [
        (
            manager,
            "roster_changed",
            f"{LENA} scopes: [records_request] → [records_request, scheduling]",
        )
    ]
    practice = app.handoff.practice(row.team_id)
    assert practice is not None
    assert practice.people[LENA].in_scope("scheduling")
    assert practice.people[LENA].shift == app.handoff.practices[row.team_id].people[LENA].shift
    home = app.standin.calls_to("views.publish")[-1].args
    assert home["user_id"] == manager
    assert "Scheduling" in str(home["view"])


def test_an_assistant_gets_no_form_and_a_forged_submission_is_refused_and_audited(
    app: RunningApp,
) -> None:
    assert open_form(app, MARIA, LENA) is None
    form = open_form(app, KIM, LENA)
    assert form is not None
    answer = save(app, MARIA, form, role="assistant", scopes=["scheduling"], status="active")
    assert "Only managers and admins" in str(answer["errors"])
    assert current(app, LENA).scopes == ["records_request"]
    pressed, forged = roster_events(app)
    assert pressed == (MARIA, "roster_change_refused", f"{LENA} form: {NOT_ALLOWED}")
    assert forged[:2] == (MARIA, "roster_change_refused")
    app.settle()
    told = posts_to(app, MARIA)
    assert told[-1]["text"].startswith("Only managers and admins change the team")


def test_the_config_rules_check_the_form(app: RunningApp) -> None:
    """A clinician made an assistant needs a shift: the form says so, as `bot config check` does."""
    form = open_form(app, KIM, PATEL)
    assert form is not None
    answer = save(app, KIM, form, role="assistant", scopes=["scheduling"], status="active")
    assert "every assistant needs a shift" in answer["errors"]["roster_shift_days"]
    assert current(app, PATEL).role == "clinician"
    assert roster_events(app) == []


def test_withdrawing_a_scope_routes_unclaimed_tasks_again_and_tells_managers_of_claimed(
    app: RunningApp,
) -> None:
    unclaimed = delegate(app, "scheduling book the annual")  # to Maria
    claimed = delegate(app, "scheduling book the follow-up")
    assert task(app, claimed.id).assignee_id == MARIA
    reply_in_thread(app, MARIA, claimed.code, "claim")
    form = open_form(app, KIM, MARIA)
    assert form is not None
    save(app, KIM, form, role="assistant", status="active",
         scopes=["insurance_verification", "inbox_voicemail", "patient_questions"])  # fmt: skip
    moved = task(app, unclaimed.id)
    assert (moved.status, moved.assignee_id) == ("assigned", JOSE)
    assert events(app, unclaimed.id)[-1].action == "rerouted"
    assert task(app, claimed.id).assignee_id == MARIA
    [told] = [p["text"] for p in posts_to(app, KIM) if "no longer cleared" in p["text"]]
    assert unclaimed.code in told
    assert f"{claimed.code} is still claimed" in told


def test_deactivating_someone_moves_their_tasks_and_reactivating_restores_them(
    app: RunningApp,
) -> None:
    t = delegate(app, "scheduling book the annual")
    form = open_form(app, KIM, MARIA)
    assert form is not None
    scopes = sorted(current(app, MARIA).scopes)
    save(app, KIM, form, role="assistant", scopes=scopes, status="inactive")
    assert task(app, t.id).assignee_id == JOSE
    assert not current(app, MARIA).active
    save(app, KIM, form, role="assistant", scopes=scopes, status="active")
    assert current(app, MARIA).active
    assert [r for _, _, r in roster_events(app)] == [
        f"{MARIA} status: active → inactive",
        f"{MARIA} status: inactive → active",
    ]


def test_a_clinician_sets_their_own_preferred_assistants_only(app: RunningApp) -> None:
    assert app.slack.app_home_opened(PATEL).status == 200
    app.settle()
    own = app.standin.home_view(PATEL)
    assert app.slack.block_actions(f"roster_edit:{PATEL}", user_id=PATEL, view=own).status == 200
    form = opened_view(app, Callback.ROSTER)
    assert [b["block_id"] for b in form["blocks"] if b["type"] == "input"] == ["roster_assistants"]
    assert save(app, PATEL, form, assistants=[JOSE]) == {}
    assert current(app, PATEL).assistants == [JOSE]
    assert roster_events(app)[-1] == (
        PATEL,
        "roster_changed",
        f"{PATEL} assistants: [{MARIA}, {JOSE}] → [{JOSE}]",
    )
    assert open_form(app, PATEL, CHEN) is None  # nobody else's


def test_a_change_reaches_a_second_process_once_it_reads_the_roster_again(app: RunningApp) -> None:
    """Another process (its own directory) sees the change after its TTL or `forget_people`."""
    env = app_settings(app.handoff.settings.database_url, app.standin)
    other = build(load_settings(env), clock=app.clock)
    try:
        team = current(app, LENA).team_id
        before = other.practice(team)
        assert before is not None
        assert not before.people[LENA].in_scope("scheduling")
        form = open_form(app, KIM, LENA)
        assert form is not None
        save(app, KIM, form, role="assistant", scopes=["records_request", "scheduling"],
             status="active")  # fmt: skip
        other.forget_people(team)  # what its TTL does within PEOPLE_TTL_SECONDS
        after = other.practice(team)
        assert after is not None
        assert after.people[LENA].in_scope("scheduling")
    finally:
        other.close()
