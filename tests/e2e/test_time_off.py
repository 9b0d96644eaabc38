"""Time off over HTTP: set from App Home by the assistant or a manager; routing skips the away."""

from __future__ import annotations

import json

from tests.conftest import RunningApp
from tests.e2e.helpers import open_home, opened_view, tasks
from tests.e2e.time_off import (
    DAY,
    absences,
    audited,
    change_form,
    now,
    press_change,
    set_away,
    submit,
    time_off_form,
)
from tests.support import JOSE, KIM, MARIA, PATEL, QUEUE


def test_an_assistant_sets_their_own_time_off_and_their_home_shows_it(app: RunningApp) -> None:
    form = time_off_form(app, MARIA)
    assert "time_off_person" not in json.dumps(form["blocks"])  # their own, nobody to choose
    starts, ends = now(app) + DAY, now(app) + 3 * DAY
    answer = submit(
        app, form, MARIA, time_off_starts=starts, time_off_ends=ends, time_off_note="dentist"
    )
    assert answer == {}
    [row] = absences(app)
    assert (row.slack_id, row.created_by, row.note) == (MARIA, MARIA, "dentist")
    assert (int(row.starts_at.timestamp()), int(row.ends_at.timestamp())) == (starts, ends)
    [event] = audited(app, "absence_set")
    assert (event.actor_id, event.task_id) == (MARIA, None)
    assert "dentist" not in event.reason  # the note is private
    away = next(b for b in open_home(app, MARIA)["blocks"] if b["block_id"] == f"away:{row.id}")
    assert f"<@{MARIA}>" in away["text"]["text"]
    assert "dentist" not in json.dumps(away)


def test_a_manager_sets_an_assistants_time_off(app: RunningApp) -> None:
    form = time_off_form(app, KIM)
    answer = submit(
        app, form, KIM, time_off_person=JOSE, time_off_starts=now(app), time_off_ends=now(app) + DAY
    )
    assert answer == {}
    [row] = absences(app)
    assert (row.slack_id, row.created_by) == (JOSE, KIM)
    away = next(b for b in open_home(app, KIM)["blocks"] if b["block_id"] == f"away:{row.id}")
    assert f"<@{JOSE}>" in away["text"]["text"]


def test_an_assistant_cannot_set_someone_elses_time_off(app: RunningApp) -> None:
    form = time_off_form(app, KIM)  # a manager's form, submitted by an assistant
    answer = submit(
        app,
        form,
        JOSE,
        time_off_person=MARIA,
        time_off_starts=now(app),
        time_off_ends=now(app) + DAY,
    )
    assert answer["response_action"] == "errors"
    assert answer["errors"]["time_off_person"] == "Only managers can set someone else's time off."
    assert absences(app) == []


def test_the_form_says_what_is_wrong_with_the_times(app: RunningApp) -> None:
    form = time_off_form(app, MARIA)
    answer = submit(app, form, MARIA, time_off_starts=now(app) + DAY, time_off_ends=now(app))
    assert answer["errors"] == {"time_off_ends": "That time has passed. Choose a later one."}
    answer = submit(app, form, MARIA, time_off_starts=now(app) + DAY, time_off_ends=now(app) + 60)
    assert answer["errors"] == {"time_off_ends": "Choose a time after the start."}
    assert absences(app) == []


def test_delegating_to_an_absent_assistant_says_so_and_offers_who_is_on_shift(
    app: RunningApp,
) -> None:
    form = time_off_form(app, KIM)
    submit(
        app, form, KIM, time_off_person=JOSE, time_off_starts=now(app), time_off_ends=now(app) + DAY
    )
    text = f"scheduling book the follow-up <@{JOSE}>"
    reply = app.slack.slash_command("/delegate", text, user_id=PATEL, channel_id=QUEUE)
    assert reply.status == 200, reply.text
    view = opened_view(app)
    assert "Jose Ramos is away. Could take it: Maria Santos." in json.dumps(view["blocks"][0])
    assert tasks(app) == []


def test_routing_skips_an_absent_assistant(app: RunningApp) -> None:
    form = time_off_form(app, MARIA)
    submit(app, form, MARIA, time_off_starts=now(app), time_off_ends=now(app) + DAY)
    reply = app.slack.slash_command(
        "/delegate", "scheduling book the follow-up", user_id=PATEL, channel_id=QUEUE
    )
    assert reply.status == 200, reply.text
    app.settle()
    assert tasks(app)[-1].assignee_id == JOSE  # Dr. Patel's first assistant, Maria, is away


def test_an_assistant_moves_the_end_of_her_time_off_and_its_note(app: RunningApp) -> None:
    row = set_away(app, MARIA, now(app), now(app) + DAY)
    form = change_form(app, MARIA, row.id)
    shown = json.dumps(form["blocks"])
    assert f'"initial_date_time": {now(app) + DAY}' in shown
    assert '"initial_value": "flu"' in shown
    later = now(app) + 3 * DAY
    assert submit(app, form, MARIA, time_off_ends=later, time_off_note="surgery") == {}
    [changed] = absences(app)
    assert (int(changed.ends_at.timestamp()), changed.note) == (later, "surgery")
    [event] = audited(app, "absence_changed")
    assert event.actor_id == MARIA
    assert "surgery" not in event.reason
    assert "flu" not in event.reason


def test_a_manager_cancels_time_off_under_way_and_routing_uses_the_assistant_again(
    app: RunningApp,
) -> None:
    row = set_away(app, MARIA, now(app), now(app) + DAY)
    form = change_form(app, KIM, row.id)
    answer = submit(app, form, KIM, time_off_ends=now(app) + DAY, time_off_cancel=["cancel"])
    assert answer == {}
    [ended] = absences(app)
    assert int(ended.ends_at.timestamp()) == now(app)
    assert [e.actor_id for e in audited(app, "absence_cancelled")] == [KIM]
    home = app.standin.calls_to("views.publish")[-1].args
    assert home["user_id"] == KIM
    assert "Nobody." in json.dumps(home["view"])
    reply = app.slack.slash_command(
        "/delegate", "scheduling book the follow-up", user_id=PATEL, channel_id=QUEUE
    )
    assert reply.status == 200, reply.text
    app.settle()
    assert tasks(app)[-1].assignee_id == MARIA


def test_cancelling_time_off_not_begun_removes_it(app: RunningApp) -> None:
    row = set_away(app, JOSE, now(app) + DAY, now(app) + 2 * DAY)
    form = change_form(app, JOSE, row.id)
    assert submit(app, form, JOSE, time_off_ends=now(app) + 2 * DAY,
                  time_off_cancel=["cancel"]) == {}  # fmt: skip
    assert absences(app) == []
    [event] = audited(app, "absence_cancelled")
    assert event.reason.endswith("cancelled before it began")


def test_another_assistant_is_refused_by_dm_and_a_forged_form_is_refused_audited(
    app: RunningApp,
) -> None:
    row = set_away(app, MARIA, now(app), now(app) + DAY)
    press_change(app, JOSE, KIM, row.id)  # a manager's Home, pressed by Jose
    assert app.standin.calls_to("views.open")[-1].args["view"]["callback_id"] == "time_off_modal"
    told = [m["text"] for m in app.standin.messages() if m["channel"] != QUEUE]
    assert "Only managers can change someone else's time off." in told
    form = change_form(app, KIM, row.id)
    answer = submit(app, form, JOSE, time_off_ends=now(app) + DAY, time_off_cancel=["cancel"])
    assert answer["errors"] == {
        "time_off_ends": "Only managers can change someone else's time off."
    }
    assert int(absences(app)[0].ends_at.timestamp()) == now(app) + DAY
    assert [e.actor_id for e in audited(app, "absence_change_refused")] == [JOSE, JOSE]
