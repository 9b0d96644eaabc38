"""Every cell of actor x action x state, checked against a hand-written permission table.

The expectation below is written out from the product rules, not derived from
`bot.domain.lifecycle`:

* only active assistants cleared for the task type may claim, and only while the
  task is unassigned or assigned;
* only the assistant holding it (the assignee) or a manager may mark done, release
  or return it, and only while it is claimed;
* only the requesting clinician or a manager may answer it, and only while returned;
* the requesting clinician or a manager may cancel any open task;
* managers may reassign (open states, to active in-scope assistants) and snooze
  (open states);
* clinicians never act on other clinicians' tasks; admins, inactive people and
  unknown users can do nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.lifecycle import ALLOWED_FROM, WHO_CAN, Action, Verdict, decide, next_status
from bot.domain.people import Person, Role
from bot.domain.task import Status, Task
from tests.builders import make_task

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)
TYPE = "scheduling"
CODE = "T-0042"
REQUESTER_ID = "UREQ"
ASSIGNEE_ID = "UVA"

ACTORS: dict[str, Person | None] = {
    "requester": Person(REQUESTER_ID, Role.CLINICIAN, "Dr. Rita Req", NY),
    "other-clinician": Person("UDOC2", Role.CLINICIAN, "Dr. Omar Other", NY),
    "assignee": Person(ASSIGNEE_ID, Role.ASSISTANT, "Val Assignee", NY, scopes=frozenset({TYPE})),
    "peer-assistant": Person(
        "UPEER", Role.ASSISTANT, "Pia Peer", NY, scopes=frozenset({TYPE, "records_request"})
    ),
    "out-of-scope-assistant": Person(
        "UOUT", Role.ASSISTANT, "Olly Outside", NY, scopes=frozenset({"records_request"})
    ),
    "inactive-assistant": Person(
        "UOLD", Role.ASSISTANT, "Ida Inactive", NY, active=False, scopes=frozenset({TYPE})
    ),
    "manager": Person("UMGR", Role.MANAGER, "Mona Manager", NY),
    "admin": Person("UADMIN", Role.ADMIN, "Adam Admin", NY),
    "unknown": None,
}
INACTIVE_ACTORS = frozenset({"inactive-assistant", "unknown"})

OPEN = frozenset({Status.UNASSIGNED, Status.ASSIGNED, Status.CLAIMED, Status.RETURNED})
UNCLAIMED = frozenset({Status.UNASSIGNED, Status.ASSIGNED})
CLAIMED = frozenset({Status.CLAIMED})
RETURNED = frozenset({Status.RETURNED})
NEVER: frozenset[Status] = frozenset()

# The states each action applies to, whoever asks.
STATES_FOR: dict[Action, frozenset[Status]] = {
    Action.CLAIM: UNCLAIMED,
    Action.RELEASE: CLAIMED,
    Action.DONE: CLAIMED,
    Action.RETURN: CLAIMED,
    Action.ANSWER: RETURNED,
    Action.REASSIGN: OPEN,
    Action.CANCEL: OPEN,
    Action.SNOOZE: OPEN,
}

# actor -> action -> the states in which that actor may take that action.
# (For REASSIGN the target is an active, in-scope assistant who does not hold the task.)
ALLOWED: dict[str, dict[Action, frozenset[Status]]] = {
    "requester": {
        Action.CLAIM: NEVER,
        Action.RELEASE: NEVER,
        Action.DONE: NEVER,
        Action.RETURN: NEVER,
        Action.ANSWER: RETURNED,
        Action.REASSIGN: NEVER,
        Action.CANCEL: OPEN,
        Action.SNOOZE: NEVER,
    },
    "other-clinician": {
        Action.CLAIM: NEVER,
        Action.RELEASE: NEVER,
        Action.DONE: NEVER,
        Action.RETURN: NEVER,
        Action.ANSWER: NEVER,
        Action.REASSIGN: NEVER,
        Action.CANCEL: NEVER,
        Action.SNOOZE: NEVER,
    },
    "assignee": {
        Action.CLAIM: UNCLAIMED,
        Action.RELEASE: CLAIMED,
        Action.DONE: CLAIMED,
        Action.RETURN: CLAIMED,
        Action.ANSWER: NEVER,
        Action.REASSIGN: NEVER,
        Action.CANCEL: NEVER,
        Action.SNOOZE: NEVER,
    },
    "peer-assistant": {
        Action.CLAIM: UNCLAIMED,
        Action.RELEASE: NEVER,
        Action.DONE: NEVER,
        Action.RETURN: NEVER,
        Action.ANSWER: NEVER,
        Action.REASSIGN: NEVER,
        Action.CANCEL: NEVER,
        Action.SNOOZE: NEVER,
    },
    "out-of-scope-assistant": {
        Action.CLAIM: NEVER,
        Action.RELEASE: NEVER,
        Action.DONE: NEVER,
        Action.RETURN: NEVER,
        Action.ANSWER: NEVER,
        Action.REASSIGN: NEVER,
        Action.CANCEL: NEVER,
        Action.SNOOZE: NEVER,
    },
    "inactive-assistant": {
        Action.CLAIM: NEVER,
        Action.RELEASE: NEVER,
        Action.DONE: NEVER,
        Action.RETURN: NEVER,
        Action.ANSWER: NEVER,
        Action.REASSIGN: NEVER,
        Action.CANCEL: NEVER,
        Action.SNOOZE: NEVER,
    },
    "manager": {
        Action.CLAIM: NEVER,
        Action.RELEASE: CLAIMED,
        Action.DONE: CLAIMED,
        Action.RETURN: CLAIMED,
        Action.ANSWER: RETURNED,
        Action.REASSIGN: OPEN,
        Action.CANCEL: OPEN,
        Action.SNOOZE: OPEN,
    },
    "admin": {
        Action.CLAIM: NEVER,
        Action.RELEASE: NEVER,
        Action.DONE: NEVER,
        Action.RETURN: NEVER,
        Action.ANSWER: NEVER,
        Action.REASSIGN: NEVER,
        Action.CANCEL: NEVER,
        Action.SNOOZE: NEVER,
    },
    "unknown": {
        Action.CLAIM: NEVER,
        Action.RELEASE: NEVER,
        Action.DONE: NEVER,
        Action.RETURN: NEVER,
        Action.ANSWER: NEVER,
        Action.REASSIGN: NEVER,
        Action.CANCEL: NEVER,
        Action.SNOOZE: NEVER,
    },
}

# Reassign targets, and the refusal (a fragment of `why`) a manager gets for each in an
# open state; None means the reassignment goes through.
TARGETS: dict[str, Person | None] = {
    "peer-assistant": ACTORS["peer-assistant"],
    "assignee": ACTORS["assignee"],
    "out-of-scope-assistant": ACTORS["out-of-scope-assistant"],
    "inactive-assistant": ACTORS["inactive-assistant"],
    "clinician": ACTORS["other-clinician"],
    "nobody": None,
}
TARGET_REFUSAL: dict[str, dict[Status, str | None]] = {
    "peer-assistant": dict.fromkeys(OPEN, None),
    # An unassigned task has no assignee, so "the assignee" is just another fine target.
    "assignee": {
        Status.UNASSIGNED: None,
        Status.ASSIGNED: "already with",
        Status.CLAIMED: "already with",
        Status.RETURNED: "already with",
    },
    "out-of-scope-assistant": dict.fromkeys(OPEN, "not cleared"),
    "inactive-assistant": dict.fromkeys(OPEN, "active assistant"),
    "clinician": dict.fromkeys(OPEN, "active assistant"),
    "nobody": dict.fromkeys(OPEN, "active assistant"),
}

NEXT: dict[Action, Status | None] = {  # None: the status is kept
    Action.CLAIM: Status.CLAIMED,
    Action.RELEASE: Status.UNASSIGNED,
    Action.DONE: Status.DONE,
    Action.RETURN: Status.RETURNED,
    Action.ANSWER: Status.CLAIMED,
    Action.REASSIGN: Status.ASSIGNED,
    Action.CANCEL: Status.CANCELLED,
    Action.SNOOZE: None,
}


def task_in(status: Status) -> Task:
    """Task T-0042 from UREQ in `status`; held by UVA unless it is unassigned."""
    return make_task(
        42,
        code=CODE,
        type_id=TYPE,
        status=status,
        requester_id=REQUESTER_ID,
        assignee_id=None if status is Status.UNASSIGNED else ASSIGNEE_ID,
        title="Book follow-up",
        due_at=NOW,
        created_at=NOW,
    )


def assert_refusal(verdict: Verdict, actor_key: str, action: Action, status: Status) -> None:
    assert verdict.allowed is False
    assert verdict.why.strip(), "a refusal says why"
    assert verdict.who_can.strip(), "a refusal says who can"
    wrong_state = actor_key not in INACTIVE_ACTORS and status not in STATES_FOR[action]
    if wrong_state and status in (Status.ASSIGNED, Status.CLAIMED, Status.RETURNED):
        assert verdict.holder == ASSIGNEE_ID, "a wrong-state refusal names who holds the task"


CELLS = [
    pytest.param(actor_key, action, status, id=f"{actor_key}-{action.value}-{status.value}")
    for actor_key in ACTORS
    for action in Action
    for status in Status
]


@pytest.mark.parametrize(("actor_key", "action", "status"), CELLS)
def test_decide_cell(actor_key: str, action: Action, status: Status) -> None:
    verdict = decide(ACTORS[actor_key], action, task_in(status), target=TARGETS["peer-assistant"])

    if status in ALLOWED[actor_key][action]:
        assert verdict == Verdict(allowed=True)
    else:
        assert_refusal(verdict, actor_key, action, status)


REASSIGN_CELLS = [
    pytest.param(
        actor_key, status, target_key, id=f"{actor_key}-reassign-{status.value}-to-{target_key}"
    )
    for actor_key in ACTORS
    for status in Status
    for target_key in TARGETS
]


@pytest.mark.parametrize(("actor_key", "status", "target_key"), REASSIGN_CELLS)
def test_reassign_target_cell(actor_key: str, status: Status, target_key: str) -> None:
    verdict = decide(
        ACTORS[actor_key], Action.REASSIGN, task_in(status), target=TARGETS[target_key]
    )

    if status not in ALLOWED[actor_key][Action.REASSIGN]:
        assert_refusal(verdict, actor_key, Action.REASSIGN, status)
        return
    refusal = TARGET_REFUSAL[target_key][status]
    if refusal is None:
        assert verdict == Verdict(allowed=True)
    else:
        assert_refusal(verdict, actor_key, Action.REASSIGN, status)
        assert refusal in verdict.why


def test_the_table_covers_every_actor_action_and_the_code_agrees_on_states() -> None:
    assert set(ALLOWED) == set(ACTORS)
    assert all(set(row) == set(Action) for row in ALLOWED.values())
    assert set(STATES_FOR) == set(Action) == set(ALLOWED_FROM) == set(WHO_CAN)
    assert STATES_FOR == ALLOWED_FROM
    for row in ALLOWED.values():
        for action, states in row.items():
            assert states <= STATES_FOR[action]


NEXT_CELLS = [
    pytest.param(action, status, id=f"{action.value}-from-{status.value}")
    for action in Action
    for status in Status
    if status in STATES_FOR[action]
]


@pytest.mark.parametrize(("action", "status"), NEXT_CELLS)
def test_next_status_after_every_allowed_action(action: Action, status: Status) -> None:
    expected = NEXT[action] or status
    assert next_status(action, task_in(status)) is expected
