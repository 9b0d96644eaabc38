"""Time off steps e2e tests share: the forms on App Home, and what the database holds."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, select

from bot.slack.ids import Callback, HomeButton
from bot.storage.tables import AbsenceRow, TaskEventRow
from tests.conftest import RunningApp
from tests.e2e.helpers import open_home, opened_view
from tests.support import KIM

DAY = 86_400


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


def set_away(app: RunningApp, who: str, starts: int, ends: int) -> AbsenceRow:
    """Kim sets `who`'s time off from the form; the stored absence."""
    submit(app, time_off_form(app, KIM), KIM, time_off_person=who, time_off_starts=starts,
           time_off_ends=ends, time_off_note="flu")  # fmt: skip
    return absences(app)[-1]


def press_change(app: RunningApp, user: str, home_of: str, absence_id: int) -> None:
    """Press Change… next to the absence on `home_of`'s Home, as `user`."""
    home = open_home(app, home_of)
    action = f"time_off_change:{absence_id}"
    assert app.slack.block_actions(action, user_id=user, view=home).status == 200
    app.settle()


def change_form(app: RunningApp, user: str, absence_id: int) -> dict[str, Any]:
    """Press Change… next to the absence on `user`'s own Home; the form it opened."""
    press_change(app, user, user, absence_id)
    return opened_view(app, Callback.TIME_OFF_CHANGE)
