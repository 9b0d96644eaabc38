"""Change… and its form with ids Handoff never sent: a 4xx, or at most a refusal, said."""

from __future__ import annotations

import pytest

from bot.devkit import ids
from bot.slack.ids import HomeButton
from tests.conftest import RunningApp
from tests.e2e.sweep import (
    ODD_IDS,
    assert_at_most_a_refusal,
    assert_clear,
    assert_slack_saw_no_internals,
    rows,
    send_payload,
)
from tests.e2e.time_off import DAY, absences, change_form, now, set_away
from tests.support import JOSE, KIM, MARIA


def press_change(app: RunningApp, value: str | None, user: str = MARIA) -> None:
    action = {"type": "button", "action_id": HomeButton.TIME_OFF_CHANGE, "block_id": "b0",
              "action_ts": "1.000001"}  # fmt: skip
    if value is not None:
        action["value"] = value
    reply = send_payload(
        app.slack, "block_actions", user, trigger_id=ids.trigger_id(), state={"values": {}},
        view={"type": "home", "id": "V0HOME00001", "blocks": []}, actions=[action],
    )  # fmt: skip
    assert_clear(reply)


def test_a_change_button_naming_no_absence_is_a_4xx_or_a_refusal(
    app: RunningApp, subtests: pytest.Subtests
) -> None:
    for value in [None, *ODD_IDS, "1", "424242"]:
        with subtests.test(value=repr(value)[:20]):
            before = rows(app)
            press_change(app, value)
            assert_at_most_a_refusal(app, before)
            assert app.standin.calls_to("views.open") == []
    assert_slack_saw_no_internals(app)


@pytest.mark.parametrize("metadata", ["", "abc", "0", "-1", "9" * 40])
def test_change_form_metadata_handoff_never_wrote_is_a_400(app: RunningApp, metadata: str) -> None:
    row = set_away(app, JOSE, now(app), now(app) + DAY)
    form = change_form(app, KIM, row.id) | {"private_metadata": metadata}
    reply = app.slack.view_submission(form, {"time_off_ends": now(app) + 2 * DAY}, user_id=KIM)
    assert reply.status == 400
    assert int(absences(app)[0].ends_at.timestamp()) == now(app) + DAY


def test_a_cancelled_absence_cannot_be_changed_again(app: RunningApp) -> None:
    row = set_away(app, JOSE, now(app) + DAY, now(app) + 2 * DAY)
    form = change_form(app, KIM, row.id)
    cancel = {"time_off_ends": now(app) + 2 * DAY, "time_off_cancel": ["cancel"]}
    assert app.slack.view_submission(form, cancel, user_id=KIM).text == ""
    again = app.slack.view_submission(form, cancel, user_id=KIM).json()
    assert again["errors"] == {"time_off_ends": "That time off has already ended or was cancelled."}
    assert absences(app) == []
