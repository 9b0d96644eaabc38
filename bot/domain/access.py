"""Who may see a task's private fields (details, patient reference)."""

from __future__ import annotations

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
