"""Roster edits: who may make them, what they change, how the audit reads them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.people import Person, Role
from bot.domain.roster import RosterEdit, applied, differences, edit_of, refusal, withdrawn_scopes
from tests.builders import JOSE, MARIA, make_practice

PRACTICE = make_practice()
KEEPER = next(p for p in PRACTICE.people.values() if p.role is Role.MANAGER)
CLINICIAN = next(p for p in PRACTICE.people.values() if p.role is Role.CLINICIAN)


def test_scopes_belong_to_assistants_and_assistants_to_clinicians() -> None:
    edit = RosterEdit(Role.CLINICIAN, frozenset({"scheduling"}), (JOSE.slack_id,), True)
    after = applied(MARIA, edit)
    assert (after.role, after.scopes, after.assistants) == (
        Role.CLINICIAN,
        frozenset(),
        (JOSE.slack_id,),
    )


@pytest.mark.parametrize(
    ("actor", "target", "change", "allowed"),
    [
        (KEEPER, MARIA, {"scopes": frozenset()}, True),
        (MARIA, MARIA, {"scopes": frozenset()}, False),
        (CLINICIAN, CLINICIAN, {"assistants": ()}, True),
        (CLINICIAN, CLINICIAN, {"role": Role.MANAGER}, False),
        (CLINICIAN, MARIA, {"active": False}, False),
        (replace(KEEPER, active=False), MARIA, {"active": False}, False),
        (None, MARIA, {"active": False}, False),
    ],
)
def test_who_may_change_what(
    actor: Person | None, target: Person, change: dict[str, object], allowed: bool
) -> None:
    assert (refusal(actor, target, replace(target, **change)) is None) is allowed


def test_differences_read_before_then_after() -> None:
    after = replace(MARIA, scopes=MARIA.scopes | {"zzz"}, active=False)
    [scopes, status] = differences(MARIA, after)
    assert scopes.endswith(", zzz]")
    assert status == "status: active → inactive"
    assert differences(MARIA, applied(MARIA, edit_of(MARIA))) == []


def test_deactivating_or_a_new_role_withdraws_every_scope() -> None:
    assert withdrawn_scopes(MARIA, replace(MARIA, active=False)) == MARIA.scopes
    assert withdrawn_scopes(MARIA, replace(MARIA, role=Role.MANAGER)) == MARIA.scopes
    fewer = replace(MARIA, scopes=frozenset())
    assert withdrawn_scopes(MARIA, fewer) == MARIA.scopes
    assert withdrawn_scopes(fewer, MARIA) == frozenset()
