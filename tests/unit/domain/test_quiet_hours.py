"""Quiet hours per role: when a ping may go out, and who an escalation level notifies."""

from dataclasses import replace
from datetime import time

import pytest

from bot.domain.hours import WeeklyHours
from bot.domain.people import Person, Role
from bot.domain.quiet_hours import earliest_ping
from bot.domain.recipients import Recipient, RecipientKind, ping_at, recipients
from bot.domain.task import Priority, Status, Task
from tests.builders import (
    GRACE,
    MARIA,
    NEW_YORK,
    PATEL,
    WEEKDAYS,
    assistant,
    make_practice,
    make_task,
    ny,
)

PRACTICE = make_practice()
ROUTINE, URGENT = Priority.ROUTINE, Priority.URGENT
NO_SHIFT = assistant("UNOSHIFT", "Nora Shiftless", NEW_YORK, None)
ADMIN = Person("UADMIN", Role.ADMIN, "Tom Admin", NEW_YORK)
NIGHT_NURSE = assistant(
    "UNIGHT", "Night Desk", NEW_YORK, WeeklyHours(WEEKDAYS, time(22), time(6), NEW_YORK)
)


@pytest.mark.parametrize(
    ("person", "priority", "at", "expected"),
    [
        pytest.param(PATEL, ROUTINE, ny(2026, 3, 2, 7), ny(2026, 3, 2, 8), id="clinician-early"),
        pytest.param(PATEL, URGENT, ny(2026, 3, 2, 7), ny(2026, 3, 2, 8), id="clinician-urgent"),
        pytest.param(PATEL, ROUTINE, ny(2026, 3, 2, 10), ny(2026, 3, 2, 10), id="clinician-open"),
        pytest.param(PATEL, ROUTINE, ny(2026, 7, 3, 10), ny(2026, 7, 6, 8), id="clinician-holiday"),
        pytest.param(PATEL, URGENT, ny(2026, 3, 7, 10), ny(2026, 3, 9, 8), id="clinician-weekend"),
        # Maria works 21:00-06:00 Manila time: 08:00-17:00 in New York in winter, 09:00-18:00 in
        # summer; her Monday shift starts on Manila's Monday evening.
        pytest.param(MARIA, ROUTINE, ny(2026, 3, 2, 7), ny(2026, 3, 2, 8), id="overnight-before"),
        pytest.param(MARIA, URGENT, ny(2026, 3, 2, 7), ny(2026, 3, 2, 7), id="assistant-urgent"),
        pytest.param(MARIA, ROUTINE, ny(2026, 3, 3, 2), ny(2026, 3, 3, 8), id="overnight-gap"),
        pytest.param(
            MARIA, ROUTINE, ny(2026, 3, 6, 17, 30), ny(2026, 3, 9, 9), id="overnight-spring"
        ),
        pytest.param(
            MARIA, ROUTINE, ny(2026, 10, 30, 8, 30), ny(2026, 10, 30, 9), id="overnight-fall-fri"
        ),
        pytest.param(
            MARIA, ROUTINE, ny(2026, 10, 30, 18, 30), ny(2026, 11, 2, 8), id="overnight-fall-mon"
        ),
        pytest.param(
            MARIA, ROUTINE, ny(2026, 7, 3, 10), ny(2026, 7, 3, 10), id="shift-ignores-holidays"
        ),
        pytest.param(
            NIGHT_NURSE, ROUTINE, ny(2026, 3, 3, 1), ny(2026, 3, 3, 1), id="local-overnight-shift"
        ),
        pytest.param(NO_SHIFT, ROUTINE, ny(2026, 3, 7, 9), ny(2026, 3, 9, 8), id="no-shift"),
        pytest.param(GRACE, ROUTINE, ny(2026, 3, 7, 10), ny(2026, 3, 9, 8), id="manager-weekend"),
        pytest.param(GRACE, URGENT, ny(2026, 3, 7, 10), ny(2026, 3, 7, 10), id="manager-urgent"),
        pytest.param(ADMIN, ROUTINE, ny(2026, 11, 1, 1), ny(2026, 11, 2, 8), id="admin-fall-back"),
        pytest.param(ADMIN, URGENT, ny(2026, 11, 1, 1), ny(2026, 11, 1, 1), id="admin-urgent"),
        pytest.param(None, URGENT, ny(2026, 3, 2, 18), ny(2026, 3, 3, 8), id="unknown-person"),
    ],
)
def test_earliest_ping(person, priority, at, expected):
    assert earliest_ping(person, priority, PRACTICE, at) == expected


def test_the_escalations_channel_may_be_pinged_any_time():
    channel = Recipient(RecipientKind.CHANNEL, "C_ESC")
    assert ping_at(channel, ROUTINE, PRACTICE, ny(2026, 3, 8, 3)) == ny(2026, 3, 8, 3)
    assert ping_at(Recipient.person("UPATEL"), URGENT, PRACTICE, ny(2026, 3, 8, 3)) == ny(
        2026, 3, 9, 8
    )


def task(status: Status, assignee: str | None = "UMARIA", requester: str = "UPATEL") -> Task:
    return make_task(
        type_id="insurance_verification",
        status=status,
        requester_id=requester,
        assignee_id=assignee,
        title="Verify coverage",
        due_at=ny(2026, 3, 3, 17),
        created_at=ny(2026, 3, 2, 8),
    )


def people(*ids: str) -> tuple[Recipient, ...]:
    return tuple(Recipient.person(slack_id) for slack_id in ids)


MONDAY_10 = ny(2026, 3, 2, 10)


@pytest.mark.parametrize(
    ("notify", "the_task", "now", "expected"),
    [
        pytest.param(("assignee",), task(Status.CLAIMED), MONDAY_10, people("UMARIA"), id="holder"),
        pytest.param(
            ("assignee",), task(Status.RETURNED), MONDAY_10, people("UPATEL"), id="waiting-holder"
        ),
        pytest.param(("assignee",), task(Status.UNASSIGNED, None), MONDAY_10, (), id="no-holder"),
        pytest.param(("managers",), task(Status.CLAIMED), MONDAY_10, people("UGRACE"), id="mgrs"),
        pytest.param(
            ("escalations_channel",),
            task(Status.CLAIMED),
            MONDAY_10,
            (Recipient(RecipientKind.CHANNEL, "C_ESC"),),
            id="channel",
        ),
        # Jose (Bogota 07:00-16:00) is cleared for insurance; Ana is not; Luis is inactive.
        pytest.param(("backups",), task(Status.CLAIMED), MONDAY_10, people("UJOSE"), id="backups"),
        pytest.param(
            ("backups",), task(Status.CLAIMED), ny(2026, 3, 2, 16, 30), (), id="backups-off-shift"
        ),
        pytest.param(
            ("backups",),
            task(Status.ASSIGNED, "UJOSE"),
            MONDAY_10,
            people("UMARIA"),
            id="backups-exclude-the-holder",
        ),
        pytest.param(
            ("assignee", "requester", "managers"),
            task(Status.CLAIMED, requester="UGRACE"),
            MONDAY_10,
            people("UMARIA", "UGRACE"),
            id="each-once-in-order",
        ),
    ],
)
def test_recipients(notify, the_task, now, expected):
    assert recipients(notify, the_task, PRACTICE, now) == expected


@pytest.mark.parametrize(
    ("the_task", "away", "expected"),
    [
        pytest.param(task(Status.CLAIMED), frozenset(), people("UJOSE"), id="none-away"),
        pytest.param(task(Status.CLAIMED), frozenset({"UJOSE"}), (), id="the-backup-away"),
        pytest.param(
            task(Status.ASSIGNED, "UJOSE"), frozenset({"UMARIA"}), (), id="the-other-away"
        ),
        pytest.param(
            task(Status.ASSIGNED, "UJOSE"),
            frozenset({"UJOSE"}),
            people("UMARIA"),
            id="the-holder-away-still-has-backups",
        ),
    ],
)
def test_backups_leave_out_assistants_on_time_off(the_task, away, expected):
    assert recipients(("backups",), the_task, PRACTICE, MONDAY_10, away) == expected


def test_an_unknown_notify_target_is_a_bug():
    with pytest.raises(ValueError, match="boss"):
        recipients(("boss",), task(Status.CLAIMED), PRACTICE, MONDAY_10)


def test_inactive_managers_are_not_notified():
    practice = replace(PRACTICE, people={**PRACTICE.people, "UGRACE": replace(GRACE, active=False)})
    assert recipients(("managers",), task(Status.CLAIMED), practice, MONDAY_10) == ()
