"""Valid files: the shipped example and defaults, and what they turn into."""

import json
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import check_practice, load_practice, practice_json
from bot.domain.people import Role
from bot.domain.task import Priority
from bot.domain.task_types import Targets
from tests.unit.config.samples import ASSISTANT, CLINICIAN, HEADER

EXAMPLE = Path(__file__).parents[3] / "practice.example.yml"
DEFAULTS = (resources.files("bot.config") / "default_task_types.yml").read_text(encoding="utf-8")


def test_example_practice_has_no_problems():
    assert check_practice(EXAMPLE) == []


def test_example_practice_loads_into_the_domain():
    practice = load_practice(EXAMPLE)
    patel, maria = practice.people["U0DRPATEL01"], practice.people["U0VAMARIA01"]
    assert practice.team_id == "T0RIVERSIDE1"
    assert patel.tz == practice.tz == ZoneInfo("America/New_York")
    assert patel.assistants == ("U0VAMARIA01", "U0VAJOSE001")
    assert maria.role is Role.ASSISTANT
    assert maria.scopes == {"scheduling", "insurance_verification", "inbox_voicemail"}
    assert maria.shift is not None
    assert maria.shift.tz == ZoneInfo("Asia/Manila")
    assert not practice.people["U0VACARLOS1"].active
    audiences = [digest.audience for digest in practice.digests]
    assert audiences == ["manager", "assistant", "clinician", "weekly"]
    assert practice.escalations[1].repeat == timedelta(hours=1)


def test_packaged_task_types_apply_when_task_types_are_omitted(write):
    practice = load_practice(write(HEADER + CLINICIAN))
    assert list(practice.task_types) == [
        "scheduling",
        "insurance_verification",
        "patient_questions",
        "inbox_voicemail",
        "refill_paperwork",
        "records_request",
        "prior_authorization",
    ]
    for alias in ("ins", "eligibility", "vm", "refill", "records", "prior auth", "pa", "priorauth"):
        assert practice.task_type(alias) is not None, alias
    assert practice.task_types["scheduling"].targets[Priority.URGENT] == Targets(
        timedelta(minutes=15), timedelta(hours=2)
    )


def test_packaged_task_types_pass_every_check(check):
    assert check(HEADER + CLINICIAN + DEFAULTS) == []


def test_listed_task_types_replace_the_packaged_ones(write):
    task_types = (
        "task_types:\n"
        "  - id: billing\n"
        "    label: Billing\n"
        "    patient_reference: false\n"
        "    targets:\n"
        "      routine: {claim_within: 1d, resolve_within: 3d}\n"
        "      urgent: {claim_within: 90m, resolve_within: 1d}\n"
    )
    practice = load_practice(write(HEADER + CLINICIAN + task_types))
    assert list(practice.task_types) == ["billing"]
    assert not practice.task_types["billing"].allows_patient_reference
    assert practice.task_types["billing"].targets[Priority.URGENT].claim_within == timedelta(
        minutes=90
    )


def test_a_task_type_lease_is_optional_and_shown_in_json(write):
    task_types = (
        "task_types:\n"
        "  - id: billing\n"
        "    label: Billing\n"
        "    lease: 3h\n"
        "    targets:\n"
        "      routine: {claim_within: 1d, resolve_within: 3d}\n"
        "      urgent: {claim_within: 90m, resolve_within: 1d}\n"
    )
    path = write(HEADER + CLINICIAN + task_types)
    assert load_practice(path).task_types["billing"].lease == timedelta(hours=3)
    assert practice_json(path)["task_types"][0]["lease"] == "3h"
    assert load_practice(EXAMPLE).task_types["scheduling"].lease is None


def test_person_name_and_time_zone_default_to_slack_id_and_practice(write):
    practice = load_practice(write(HEADER + "  - {slack_id: U0MGRLINDA1, role: manager}\n"))
    linda = practice.people["U0MGRLINDA1"]
    assert (linda.name, linda.tz, linda.active) == ("U0MGRLINDA1", practice.tz, True)


def test_overnight_shift_is_valid_and_open_after_midnight(write):
    overnight = ASSISTANT.replace('start: "09:00", end: "17:00"', 'start: "21:00", end: "06:00"')
    shift = load_practice(write(HEADER + overnight)).people["U0VAMARIA01"].shift
    assert shift is not None
    assert shift.overnight
    # Monday's 21:00-06:00 shift (New York time) is open at 02:00 Tuesday, closed at 07:00
    assert shift.is_open(datetime(2026, 3, 3, 7, 0, tzinfo=UTC))
    assert not shift.is_open(datetime(2026, 3, 3, 12, 0, tzinfo=UTC))


def test_practice_json_is_normalized_and_complete():
    data = practice_json(EXAMPLE)
    assert json.loads(json.dumps(data)) == data
    assert list(data) == [
        "practice",
        "channels",
        "task_types",
        "people",
        "escalations",
        "digests",
        "privacy",
    ]
    assert data["privacy"] == {"retain_private_days": 90}
    assert data["practice"]["business_hours"] == {
        "days": ["mon", "tue", "wed", "thu", "fri"],
        "open": "08:00",
        "close": "17:00",
    }
    assert data["practice"]["holidays"] == ["2026-11-26", "2026-12-25", "2027-01-01"]
    assert data["channels"] == {
        "queue": "C0HANDQUEUE1",
        "escalations": "C0HANDESCAL1",
        "digests": "C0HANDDIGST1",
    }
    assert len(data["task_types"]) == 7
    assert data["task_types"][0]["targets"] == {
        "routine": {"claim_within": "1h", "resolve_within": "1d"},
        "urgent": {"claim_within": "15m", "resolve_within": "2h"},
    }
    people = {person["slack_id"]: person for person in data["people"]}
    assert people["U0MGRLINDA1"] == {
        "slack_id": "U0MGRLINDA1",
        "name": "Linda Brooks",
        "role": "manager",
        "scopes": [],
        "assistants": [],
        "active": True,
        "timezone": "America/New_York",
        "shift": None,
    }
    assert people["U0VAMARIA01"]["shift"] == {
        "days": ["mon", "tue", "wed", "thu", "fri"],
        "start": "21:00",
        "end": "06:00",
    }
    assert data["escalations"][1] == {
        "after": "2h",
        "clock": "business",
        "notify": ["assignee", "backups", "managers"],
        "repeat": "1h",
    }
    assert data["digests"]["assistant"] == {
        "at": "08:00",
        "days": ["mon", "tue", "wed", "thu", "fri"],
        "skip_when_empty": True,
    }
