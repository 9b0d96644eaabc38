"""Time off over HTTP: set from App Home by the assistant or a manager; routing skips the away."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, select

from bot.slack.ids import Callback, HomeButton
from bot.storage.tables import AbsenceRow, TaskEventRow
from tests.conftest import RunningApp
from tests.e2e.helpers import opened_view, tasks
from tests.support import JOSE, KIM, MARIA, PATEL, QUEUE

DAY = 86_400


def open_home(app: RunningApp, user: str) -> dict[str, Any]:
    assert app.slack.app_home_opened(user).status == 200
    app.settle()
    view: dict[str, Any] = app.standin.home_view(user)
    return view


def time_off_form(app: RunningApp, user: str) -> dict[str, Any]:
    """Press Time off… on `user`'s Home; the form it opened."""
    home = open_home(app, user)
    assert app.slack.block_actions(HomeButton.TIME_OFF, user_id=user, view=home).status == 200
    return opened_view(app, Callback.TIME_OFF)


def submit(app: RunningApp, form: dict[str, Any], user: str, **values: Any) -> dict[str, Any]:
    """Submit the time off form (values by action id); Slack's answer, {} when accepted."""
    reply = app.slack.view_submission(form, values, user_id=user)
    assert reply.status == 200, reply.text
    app.settle()
    return json.loads(reply.text) if reply.text else {}


def absences(app: RunningApp) -> list[AbsenceRow]:
    with Session(app.handoff.engine) as session:
        return list(session.exec(select(AbsenceRow).order_by(AbsenceRow.id)))


def audited(app: RunningApp, action: str) -> list[TaskEventRow]:
    with Session(app.handoff.engine) as session:
        return list(session.exec(select(TaskEventRow).where(TaskEventRow.action == action)))


def now(app: RunningApp) -> int:
    return int(app.clock().timestamp())


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
    away = next(b for b in open_home(app, MARIA)["blocks"] if b["block_id"] == "away")
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
    away = next(b for b in open_home(app, KIM)["blocks"] if b["block_id"] == "away")
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
