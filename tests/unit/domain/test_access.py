"""Who may see a task's private fields."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.access import may_open_access_report, may_view_details
from bot.domain.people import Person, Role
from bot.domain.task import Status, Task
from tests.builders import make_task

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)
TASK = make_task(
    status=Status.UNASSIGNED, requester_id="UREQ", assignee_id=None, details="secret",
    due_at=NOW, created_at=NOW,
)  # fmt: skip


def person(
    slack_id: str, role: Role, scopes: frozenset[str] = frozenset(), active: bool = True
) -> Person:
    return Person(slack_id, role, slack_id, NY, active=active, scopes=scopes)


@pytest.mark.parametrize(
    ("viewer", "task", "allowed"),
    [
        (person("UREQ", Role.CLINICIAN), TASK, True),
        (person("UOTHER", Role.CLINICIAN), TASK, False),
        (person("UMGR", Role.MANAGER), TASK, True),
        (person("UADMIN", Role.ADMIN), TASK, False),
        (person("UVA", Role.ASSISTANT, frozenset({"scheduling"})), TASK, True),
        (person("UVA", Role.ASSISTANT, frozenset({"records_request"})), TASK, False),
        (person("UVA", Role.ASSISTANT, frozenset({"scheduling"}), active=False), TASK, False),
        (
            person("UVA", Role.ASSISTANT, frozenset({"scheduling"})),
            replace(TASK, status=Status.ASSIGNED, assignee_id="UOTHERVA"),
            False,
        ),
        (
            person("UOTHERVA", Role.ASSISTANT, frozenset({"scheduling"})),
            replace(TASK, status=Status.ASSIGNED, assignee_id="UOTHERVA"),
            True,
        ),
        (None, TASK, False),
    ],
)
def test_private_fields_are_shown_only_to_the_tasks_people(
    viewer: Person | None, task: Task, allowed: bool
) -> None:
    assert may_view_details(viewer, task) is allowed


@pytest.mark.parametrize(
    ("role", "active", "may"),
    [
        (Role.MANAGER, True, True),
        (Role.ADMIN, True, True),
        (Role.MANAGER, False, False),
        (Role.ASSISTANT, True, False),
        (Role.CLINICIAN, True, False),
    ],
)
def test_only_active_managers_and_admins_open_access_reports(
    role: Role, active: bool, may: bool
) -> None:
    assert may_open_access_report(person("U1", role, active=active)) is may
    assert may_open_access_report(None) is False
