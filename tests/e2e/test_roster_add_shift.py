"""Adding a person and moving a shift from the Team view, over HTTP: allowed for managers,
refused (and audited) for anyone else, checked by the config rules, seen by a second process."""

from __future__ import annotations

from typing import Any

import pytest

from bot.bootstrap import build
from bot.domain.roster import NOT_ADDING
from bot.settings import load_settings
from tests.conftest import RunningApp, app_settings
from tests.e2e.helpers import posts_to
from tests.e2e.team import (
    LENA_MOVED,
    NIA,
    NIA_ADDED,
    NIA_FORM,
    NIGHTS,
    current,
    last_home,
    open_add_form,
    open_form,
    people_rows,
    roster_events,
    save,
)
from tests.support import ADMIN, KIM, LENA, MARIA


@pytest.mark.parametrize("manager", [KIM, ADMIN])
def test_a_manager_adds_a_person_saved_audited_and_on_the_team(
    app: RunningApp, manager: str
) -> None:
    form = open_add_form(app, manager)
    assert form is not None
    assert save(app, manager, form, **NIA_FORM) == {}
    row = current(app, NIA)
    assert (row.role, row.scopes, row.timezone, row.source) == (
        "assistant", ["scheduling"], "Asia/Manila", "slack",
    )  # fmt: skip
    assert (row.shift_days, f"{row.shift_start:%H:%M}") == (["mon", "tue", "wed"], "22:00")
    assert roster_events(app) == [(manager, "roster_added", NIA_ADDED)]
    practice = app.handoff.practice(row.team_id)
    assert practice is not None
    assert practice.people[NIA].in_scope("scheduling")
    assert f"<@{NIA}>" in last_home(app, manager)


def test_anyone_else_gets_no_form_and_a_forged_addition_is_refused_and_audited(
    app: RunningApp,
) -> None:
    assert open_add_form(app, MARIA) is None
    form = open_add_form(app, KIM)
    assert form is not None
    rows = people_rows(app)
    answer = save(app, MARIA, form, **NIA_FORM)
    assert "Only managers and admins add people" in answer["errors"]["roster_user"]
    assert people_rows(app) == rows
    assert roster_events(app) == [
        (MARIA, "roster_add_refused", f"add form: {NOT_ADDING}"),  # the press: told, by DM
        (MARIA, "roster_add_refused", NIA_ADDED),
    ]
    app.settle()
    told = posts_to(app, MARIA)
    assert told[-1]["text"] == "Only managers and admins add people to the team."


@pytest.mark.parametrize(
    ("change", "block", "says"),
    [
        ({"user": LENA}, "roster_user", "Already on the team (assistant)"),
        ({"shift_days": []}, "roster_shift_days", "every assistant needs a shift"),
        ({"name": "   "}, "roster_name", "empty text"),
        ({"shift_end": None}, "roster_shift_end", "Pick a time"),
    ],
    ids=["on the team", "no shift", "blank name", "no end"],
)
def test_an_addition_the_config_rules_refuse_shows_on_its_field_and_writes_nothing(
    app: RunningApp, change: dict[str, Any], block: str, says: str
) -> None:
    form = open_add_form(app, KIM)
    assert form is not None
    rows = people_rows(app)
    answer = save(app, KIM, form, **(NIA_FORM | change))
    assert answer["response_action"] == "errors"
    assert says in answer["errors"][block]
    assert (people_rows(app), roster_events(app)) == (rows, [])


def test_a_manager_moves_a_shift_audited_before_then_after_and_shown(app: RunningApp) -> None:
    form = open_form(app, KIM, LENA)
    assert form is not None
    assert save(app, KIM, form, **NIGHTS) == {}
    row = current(app, LENA)
    assert (row.shift_days, f"{row.shift_start:%H:%M}", f"{row.shift_end:%H:%M}") == (
        ["mon", "tue"], "22:00", "06:00",
    )  # fmt: skip
    assert roster_events(app) == [(KIM, "roster_changed", LENA_MOVED)]
    assert "Shift: mon, tue 22:00 to 06:00 (Europe/Berlin)" in last_home(app, KIM)


def test_a_forged_shift_change_is_refused_and_a_missing_time_shows_on_its_field(
    app: RunningApp,
) -> None:
    form = open_form(app, KIM, LENA)
    assert form is not None
    refused = save(app, MARIA, form, **NIGHTS)
    assert "Only managers and admins" in str(refused["errors"])
    unfinished = save(app, KIM, form, **(NIGHTS | {"shift_start": None}))
    assert list(unfinished["errors"]) == ["roster_shift_start"]
    assert current(app, LENA).shift_days == ["sat", "sun"]
    assert [(actor, action) for actor, action, _ in roster_events(app)] == [
        (MARIA, "roster_change_refused")
    ]


def test_an_addition_and_a_new_shift_reach_a_second_process(app: RunningApp) -> None:
    """Another process (its own directory) sees both once it reads the roster again."""
    other = build(load_settings(app_settings(app.handoff.settings.database_url, app.standin)),
                  clock=app.clock)  # fmt: skip
    try:
        team = current(app, LENA).team_id
        before = other.practice(team)
        assert before is not None
        assert NIA not in before.people
        added, edit = open_add_form(app, KIM), open_form(app, KIM, LENA)
        assert added is not None
        assert edit is not None
        save(app, KIM, added, **NIA_FORM)
        save(app, KIM, edit, **NIGHTS)
        other.forget_people(team)  # what its TTL does within PEOPLE_TTL_SECONDS
        after = other.practice(team)
        assert after is not None
        assert after.people[NIA].in_scope("scheduling")
        shift = after.people[LENA].shift
        assert shift is not None
        assert (sorted(shift.days), shift.overnight) == ([0, 1], True)
    finally:
        other.close()
