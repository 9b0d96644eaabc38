"""Who may see a task's private fields (details, patient reference), and where they looked."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.people import Person, Role
from bot.domain.task import Status, Task


def may_view_details(person: Person | None, task: Task) -> bool:
    """Requester, assignee, managers, and in-scope assistants while the task is unassigned."""
    if person is None or not person.active:
        return False
    if person.slack_id in (task.requester_id, task.assignee_id):
        return True
    if person.role is Role.MANAGER:
        return True
    return task.status is Status.UNASSIGNED and person.in_scope(task.type_id)


VIEWED, REFUSED = "viewed_details", "details_refused"  # the audit actions of a look


class Surface(StrEnum):
    """Where a look at private fields came from, recorded as the audit event's reason."""

    CARD = "card"  # a task card or list in a channel
    DM = "dm"  # a direct message from the bot
    HOME = "home"  # App Home
    OTHER = "other"


def surface_in(reason: str) -> str:
    """The surface a look's audit reason records ("" for looks recorded before surfaces)."""
    head = reason.split(";")[0]
    return head if head in set(Surface) else ""


REPORT_OPENED, REPORT_REFUSED = "access_report_opened", "access_report_refused"
REPORT_NOT_ALLOWED = "Only managers and admins can open a person's access report."


def may_open_access_report(person: Person | None) -> bool:
    """Active managers and admins: they account for who looked at what."""
    return person is not None and person.active and person.manages
