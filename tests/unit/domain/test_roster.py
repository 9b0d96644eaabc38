"""Roster edits: who may make them, what they change, how the audit reads them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.people import Person, Role
from bot.domain.quiet_hours import at_work
from bot.domain.roster import (
    RosterEdit,
    adding_refusal,
    applied,
    description,
    differences,
    edit_of,
    refusal,
    withdrawn_scopes,
)
from tests.builders import JOSE, MARIA, make_practice

PRACTICE = make_practice()
KEEPER = next(p for p in PRACTICE.people.values() if p.role is Role.MANAGER)
CLINICIAN = next(p for p in PRACTICE.people.values() if p.role is Role.CLINICIAN)


def test_scopes_belong_to_assistants_and_assistants_to_clinicians() -> None:
    edit = RosterEdit(Role.CLINICIAN, frozenset({"scheduling"}), (JOSE.slack_id,), True, JOSE.shift,
                      MARIA.tz)  # fmt: skip
    after = applied(MARIA, edit)
    assert (after.role, after.scopes, after.assistants, after.shift) == (
        Role.CLINICIAN,
        frozenset(),
        (JOSE.slack_id,),
        None,
    )


def test_a_new_shift_reads_before_then_after_in_the_persons_own_hours() -> None:
    assert MARIA.shift is not None
    later = replace(MARIA.shift, days=frozenset({0, 1}), start=time(22), end=time(7))
    after = applied(MARIA, replace(edit_of(MARIA), shift=later))
    assert after.shift == later
    assert differences(MARIA, after) == [
        "shift: mon, tue, wed, thu, fri 21:00 to 06:00 → mon, tue 22:00 to 07:00"
    ]


def test_a_new_time_zone_reads_before_then_after_and_the_shift_keeps_its_local_hours() -> None:
    assert MARIA.shift is not None
    new_york = ZoneInfo("America/New_York")
    after = applied(MARIA, replace(edit_of(MARIA), tz=new_york))
    assert (after.tz, after.shift) == (new_york, replace(MARIA.shift, tz=new_york))
    assert differences(MARIA, after) == ["time zone: Asia/Manila → America/New_York"]
    monday_10pm_in_new_york = datetime(2026, 12, 1, 3, tzinfo=UTC)  # Tuesday 11:00 in Manila
    at = monday_10pm_in_new_york
    assert (at_work(MARIA, PRACTICE, at), at_work(after, PRACTICE, at)) == (False, True)


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [(KEEPER, True), (replace(KEEPER, active=False), False), (CLINICIAN, False),
     (MARIA, False), (None, False)],
)  # fmt: skip
def test_only_active_managers_and_admins_add_people(actor: Person | None, allowed: bool) -> None:
    assert (adding_refusal(actor) is None) is allowed
    assert adding_refusal(replace(KEEPER, role=Role.ADMIN)) is None


def test_a_new_person_is_described_by_what_their_role_uses() -> None:
    assert description(MARIA) == [
        "role: assistant",
        "time zone: Asia/Manila",
        f"scopes: [{', '.join(sorted(MARIA.scopes))}]",
        "shift: mon, tue, wed, thu, fri 21:00 to 06:00",
    ]
    assert description(CLINICIAN) == [
        "role: clinician",
        f"time zone: {CLINICIAN.tz.key}",
    ]


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
