"""Roster changes on fakes: adding a person and moving a shift, audited; refusals audited too."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.people import Person
from bot.domain.practice import Practice
from bot.domain.roster import description, edit_of
from bot.services.errors import Conflict, InvalidFields, Refused
from bot.services.roster import SAME_MOMENT, add_person, change_person
from tests.builders import GRACE, JOSE, MARIA, PATEL, ny
from tests.fakes import FakeStore, FakeUnitOfWork

NOW = ny(2026, 12, 1, 10)
NEW = replace(JOSE, slack_id="UNEWBIE01", name="Nia Okafor")


def audited(store: FakeStore) -> list[tuple[str, str, str]]:
    return [(e.actor_id, e.action, e.reason) for e in store.events]


def test_a_manager_adds_a_person_saved_and_audited_as_an_addition(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    said = add_person(uow, practice, actor_id=GRACE.slack_id, person=NEW, problems={}, now=NOW)
    assert store.roster[(practice.team_id, NEW.slack_id)] == NEW
    [(actor, action, reason)] = audited(store)
    assert (actor, action) == (GRACE.slack_id, "roster_added")
    assert reason == f"{NEW.slack_id} {'; '.join(said)}"
    assert "role: assistant" in said
    assert NEW.name not in reason


@pytest.mark.parametrize("actor", [MARIA.slack_id, PATEL.slack_id, "UNOBODY"])
def test_anyone_else_adding_is_refused_and_the_refusal_audited(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice, actor: str
) -> None:
    with pytest.raises(Refused, match="Only managers and admins add people"):
        add_person(uow, practice, actor_id=actor, person=NEW, problems={}, now=NOW)
    assert store.roster == {}
    assert [(a, action) for a, action, _ in audited(store)] == [(actor, "roster_add_refused")]


@pytest.mark.parametrize(
    ("person", "problems", "field"),
    [
        (replace(JOSE, name="Someone"), {}, "user"),
        (NEW, {"shift": "missing — every assistant needs a shift"}, "shift"),
    ],
    ids=["already on the team", "the config rules"],
)
def test_an_addition_the_form_must_fix_writes_nothing(
    uow: FakeUnitOfWork,
    store: FakeStore,
    practice: Practice,
    person: Person,
    problems: dict[str, str],
    field: str,
) -> None:
    with pytest.raises(InvalidFields) as invalid:
        add_person(uow, practice, actor_id=GRACE.slack_id, person=person, problems=problems,
                   now=NOW)  # fmt: skip
    assert list(invalid.value.errors) == [field]
    assert (store.roster, store.events) == ({}, [])


def test_a_new_shift_is_saved_and_audited_before_then_after(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    assert JOSE.shift is not None
    later = replace(JOSE.shift, start=time(10), end=time(19))
    edit = replace(edit_of(JOSE), shift=later)
    [change] = change_person(uow, practice, actor_id=GRACE.slack_id, slack_id=JOSE.slack_id,
                             edit=edit, now=NOW)  # fmt: skip
    assert store.roster[(practice.team_id, JOSE.slack_id)].shift == later
    assert change.startswith("shift: ")
    assert change.endswith(" 10:00 to 19:00")
    assert audited(store) == [(GRACE.slack_id, "roster_changed", f"{JOSE.slack_id} {change}")]


def test_an_assistant_moving_their_own_shift_is_refused_and_audited(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    assert JOSE.shift is not None
    edit = replace(edit_of(JOSE), shift=replace(JOSE.shift, start=time(11)))
    with pytest.raises(Refused):
        change_person(uow, practice, actor_id=JOSE.slack_id, slack_id=JOSE.slack_id,
                      edit=edit, now=NOW)  # fmt: skip
    assert store.roster == {}
    assert [action for _, action, _ in audited(store)] == ["roster_change_refused"]


def test_an_edit_over_a_change_made_meanwhile_is_refused_audited_and_writes_nothing(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    meanwhile = replace(JOSE, scopes=JOSE.scopes | {"prior_authorization"})
    store.roster[(practice.team_id, JOSE.slack_id)] = meanwhile  # another manager, first
    edit = replace(edit_of(JOSE), active=False)
    with pytest.raises(Conflict, match=f"Someone changed <@{JOSE.slack_id}> at the same moment"):
        change_person(uow, practice, actor_id=GRACE.slack_id, slack_id=JOSE.slack_id,
                      edit=edit, now=NOW)  # fmt: skip
    assert store.roster[(practice.team_id, JOSE.slack_id)] == meanwhile
    assert audited(store) == [
        (GRACE.slack_id, "roster_change_refused",
         f"{JOSE.slack_id} status: active → inactive{SAME_MOMENT}"),
    ]  # fmt: skip
    assert store.calls == []


def test_adding_someone_another_manager_just_added_is_refused_and_audited(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    first = replace(NEW, name="Nia O.")
    store.roster[(practice.team_id, NEW.slack_id)] = first
    with pytest.raises(Conflict, match="at the same moment; look again"):
        add_person(uow, practice, actor_id=GRACE.slack_id, person=NEW, problems={}, now=NOW)
    assert store.roster[(practice.team_id, NEW.slack_id)] == first
    said = f"{NEW.slack_id} {'; '.join(description(NEW))}{SAME_MOMENT}"
    assert audited(store) == [(GRACE.slack_id, "roster_add_refused", said)]


def test_a_new_time_zone_is_saved_and_audited_before_then_after(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    manila = ZoneInfo("Asia/Manila")
    edit = replace(edit_of(JOSE), tz=manila)
    change_person(uow, practice, actor_id=GRACE.slack_id, slack_id=JOSE.slack_id, edit=edit,
                  now=NOW)  # fmt: skip
    saved = store.roster[(practice.team_id, JOSE.slack_id)]
    assert saved.shift is not None
    assert (saved.tz, saved.shift.tz) == (manila, manila)
    said = f"{JOSE.slack_id} time zone: {JOSE.tz.key} → Asia/Manila"
    assert audited(store) == [(GRACE.slack_id, "roster_changed", said)]
