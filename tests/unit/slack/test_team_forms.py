"""The roster forms: within Block Kit's limits and schema, and read back as the user left them."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.config import load_practice
from bot.config.roster_rules import roster_problems
from bot.devkit import limits, specs
from bot.devkit.payloads import initial_values, state_values
from bot.domain.hours import WeeklyHours
from bot.domain.people import Role
from bot.slack.blocks.team import roster_modal, roster_submission
from bot.slack.blocks.team_add import add_person_modal, add_submission
from bot.slack.parse import Malformed
from tests.support import KIM, LENA, PATEL, PRACTICE_FILE

PRACTICE = load_practice(PRACTICE_FILE)
NEWBIE = "U0NEWBIE001"


def submitted(view: dict[str, Any], **values: Any) -> dict[str, Any]:
    """`view` as Slack submits it: the inputs as shown, `values` (by action id) changed."""
    chosen = initial_values(view["blocks"]) | values
    return view | {"state": {"values": state_values(view["blocks"], chosen)}}


def adding(**values: Any) -> dict[str, Any]:
    base = {"roster_user": NEWBIE, "roster_name": "Nia Okafor", "roster_role": "assistant"}
    return submitted(add_person_modal(PRACTICE), **(base | values))


@pytest.mark.parametrize(
    "view",
    [
        add_person_modal(PRACTICE),
        roster_modal(PRACTICE, PRACTICE.people[LENA], PRACTICE.people[KIM]),
    ],
    ids=["add", "edit"],
)
def test_the_forms_pass_block_kit_limits_and_the_schema(view: dict[str, Any]) -> None:
    assert limits.check_view(view) == []
    assert specs.check_view(view) == []


def test_the_edit_form_shows_the_shift_and_reads_a_new_one_in_the_persons_zone() -> None:
    lena = PRACTICE.people[LENA]
    view = roster_modal(PRACTICE, lena, PRACTICE.people[KIM])
    edit, missing = roster_submission(submitted(view), PRACTICE, lena)
    assert (edit.shift, missing) == (lena.shift, {})
    moved = submitted(view, roster_shift_days=["sat", "sun"], roster_shift_start="22:00",
                      roster_shift_end="06:00")  # fmt: skip
    edit, _ = roster_submission(moved, PRACTICE, lena)
    assert edit.shift == WeeklyHours(frozenset({5, 6}), time(22), time(6), lena.tz)
    assert edit.shift is not None
    assert edit.shift.overnight


def test_days_without_a_time_ask_for_the_time_and_no_days_means_no_shift() -> None:
    lena = PRACTICE.people[LENA]
    view = roster_modal(PRACTICE, lena, PRACTICE.people[KIM])
    _, missing = roster_submission(submitted(view, roster_shift_end=None), PRACTICE, lena)
    assert list(missing) == ["shift_end"]
    edit, missing = roster_submission(submitted(view, roster_shift_days=[]), PRACTICE, lena)
    assert (edit.shift, missing) == (None, {})


def test_the_add_form_describes_a_new_assistant_in_the_chosen_zone() -> None:
    form = add_submission(
        adding(roster_scopes=["scheduling"], roster_timezone="Asia/Manila",
               roster_shift_days=["mon", "tue"]),
        PRACTICE,
    )  # fmt: skip
    person = form.person
    assert (person.slack_id, person.name, person.role, person.tz.key) == (
        NEWBIE, "Nia Okafor", Role.ASSISTANT, "Asia/Manila",
    )  # fmt: skip
    assert person.scopes == frozenset({"scheduling"})
    assert person.shift == WeeklyHours(frozenset({0, 1}), time(9), time(17), person.tz)
    assert roster_problems(PRACTICE, person) == {}


def test_the_add_form_is_checked_by_the_config_rules() -> None:
    no_shift = add_submission(adding(), PRACTICE).person
    assert "every assistant needs a shift" in roster_problems(PRACTICE, no_shift)["shift"]
    blank = add_submission(adding(roster_name="  ", roster_role="manager"), PRACTICE).person
    assert roster_problems(PRACTICE, blank) == {"name": "empty text — write a value"}
    clinician = add_submission(adding(roster_role="clinician", roster_scopes=["scheduling"],
                                      roster_shift_days=["mon"]), PRACTICE).person  # fmt: skip
    assert (clinician.scopes, clinician.shift) == (frozenset(), None)


@pytest.mark.parametrize(
    "values",
    [
        {"roster_timezone": "../../etc/passwd"},
        {"roster_role": "owner"},
        {"roster_shift_days": ["someday"]},
        {"roster_shift_days": ["mon"], "roster_shift_start": "9am"},
    ],
)
def test_answers_the_form_never_offered_are_malformed(values: dict[str, Any]) -> None:
    with pytest.raises(Malformed):
        add_submission(adding(**values), PRACTICE)


def test_the_edit_form_shows_the_persons_zone_and_moves_the_shift_hours_to_a_new_one() -> None:
    lena = PRACTICE.people[LENA]
    assert lena.shift is not None
    view = roster_modal(PRACTICE, lena, PRACTICE.people[KIM])
    assert initial_values(view["blocks"])["roster_timezone"] == lena.tz.key
    edit, _ = roster_submission(submitted(view, roster_timezone="Asia/Manila"), PRACTICE, lena)
    manila = ZoneInfo("Asia/Manila")
    assert (edit.tz, edit.shift) == (manila, replace(lena.shift, tz=manila))
    with pytest.raises(Malformed):
        roster_submission(submitted(view, roster_timezone="Mars/Olympus"), PRACTICE, lena)


def test_a_zone_the_common_list_lacks_is_offered_for_whoever_has_it() -> None:
    tokyo = replace(PRACTICE.people[LENA], tz=ZoneInfo("Asia/Tokyo"))
    view = roster_modal(PRACTICE, tokyo, PRACTICE.people[KIM])
    edit, _ = roster_submission(submitted(view), PRACTICE, tokyo)
    assert edit.tz.key == "Asia/Tokyo"


def test_a_clinician_editing_their_assistants_keeps_their_zone() -> None:
    patel = PRACTICE.people[PATEL]
    view = roster_modal(PRACTICE, patel, patel)
    assert "roster_timezone" not in initial_values(view["blocks"])
    edit, _ = roster_submission(submitted(view), PRACTICE, patel)
    assert edit.tz == patel.tz
