"""What the Team view's tests share: opening its forms as someone, submitting them, the rows."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from bot.devkit.payloads import initial_values
from bot.slack.ids import Callback, HomeButton
from bot.storage.tables import PersonRow
from tests.conftest import RunningApp
from tests.e2e.helpers import events, opened_view
from tests.support import ADMIN, KIM, LENA


def press_on_team(
    app: RunningApp, user: str, action_id: str, callback: str
) -> dict[str, Any] | None:
    """Press `action_id` on the manager's Team list as `user`; the form opened, if any."""
    assert app.slack.app_home_opened(KIM).status == 200
    app.settle()
    home = app.standin.home_view(KIM)
    forms = len(app.standin.calls_to("views.open"))
    assert app.slack.block_actions(action_id, user_id=user, view=home).status == 200
    app.settle()
    if user not in (KIM, ADMIN):  # nobody else may open it from here: the ack only
        assert len(app.standin.calls_to("views.open")) == forms
        return None
    opened = app.standin.wait_for(lambda: len(app.standin.calls_to("views.open")) > forms)
    assert opened, "no form opened"  # this press's, not an earlier one (it opens after the ack)
    return opened_view(app, callback)


def open_form(app: RunningApp, editor: str, person: str) -> dict[str, Any] | None:
    """Press Edit next to `person` on the manager's Team list, as `editor`; the form, if any."""
    return press_on_team(app, editor, f"roster_edit:{person}", Callback.ROSTER)


def open_add_form(app: RunningApp, user: str) -> dict[str, Any] | None:
    """Press Add person… on the manager's Team list, as `user`; the form, if any."""
    return press_on_team(app, user, HomeButton.ROSTER_ADD, Callback.ROSTER_ADD)


def save(app: RunningApp, editor: str, form: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """Submit a roster form: `fields` by name (role, scopes, ...), the rest as shown."""
    reply = app.slack.view_submission(form, _values(form, fields), user_id=editor)
    assert reply.status == 200
    app.settle()
    return reply.json() if reply.text else {}


def forge(app: RunningApp, editor: str, form: dict[str, Any], **fields: Any) -> int:
    """Submit a roster form with values it never offered; the HTTP status."""
    return app.slack.view_submission(form, _values(form, fields), user_id=editor).status


def current(app: RunningApp, slack_id: str) -> PersonRow:
    with Session(app.handoff.engine) as session:
        query = select(PersonRow).where(
            PersonRow.slack_id == slack_id, col(PersonRow.valid_to).is_(None)
        )
        return session.exec(query).one()


def people_rows(app: RunningApp) -> int:
    with Session(app.handoff.engine) as session:
        return len(session.exec(select(PersonRow)).all())


def roster_events(app: RunningApp) -> list[tuple[str, str, str]]:
    return [(e.actor_id, e.action, e.reason) for e in events(app) if e.action.startswith("roster")]


NIA = "U0VANIA0001"
NIA_FORM = {
    "user": NIA,
    "name": "Nia Okafor",
    "role": "assistant",
    "timezone": "Asia/Manila",
    "scopes": ["scheduling"],
    "shift_days": ["mon", "tue", "wed"],
    "shift_start": "22:00",
    "shift_end": "07:00",
}
NIA_ADDED = (
    f"{NIA} role: assistant; time zone: Asia/Manila; scopes: [scheduling]; "
    "shift: mon, tue, wed 22:00 to 07:00"
)
NIGHTS = {"shift_days": ["mon", "tue"], "shift_start": "22:00", "shift_end": "06:00"}
LENA_MOVED = f"{LENA} shift: sat, sun 09:00 to 17:00 → mon, tue 22:00 to 06:00"


def last_home(app: RunningApp, user: str) -> str:
    homes = [c.args for c in app.standin.calls_to("views.publish") if c.args["user_id"] == user]
    return str(homes[-1]["view"])


def _values(form: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """The form's values as shown, with `fields` (by name: role, scopes, ...) changed."""
    return initial_values(form["blocks"]) | {f"roster_{n}": v for n, v in fields.items()}
