"""Show a task's private fields to those allowed, and audit every look."""

from __future__ import annotations

from datetime import datetime

from bot.domain.access import REFUSED, VIEWED, Surface, may_view_details
from bot.domain.practice import Practice
from bot.domain.task import Task
from bot.services.errors import Refused
from bot.services.ports import UnitOfWork


def view_details(
    uow: UnitOfWork,
    practice: Practice,
    *,
    viewer_id: str,
    task_id: int,
    now: datetime,
    surface: Surface = Surface.OTHER,
) -> Task:
    """The task if `viewer_id` may see its private fields; the look, its surface, or the
    refusal is audited."""
    with uow:
        task = uow.tasks.get_by_id(task_id)
        if task is None or task.team_id != practice.team_id:
            uow.audit.record(
                None, team_id=practice.team_id, actor_id=viewer_id, action=REFUSED,
                at=now, reason=f"{surface}; unknown task id {task_id}",
            )  # fmt: skip
            uow.commit()
            raise Refused("That task no longer exists.")
        allowed = may_view_details(practice.person(viewer_id), task)
        uow.audit.record(
            task,
            team_id=task.team_id,
            actor_id=viewer_id,
            action=VIEWED if allowed else REFUSED,
            at=now,
            reason=surface.value,
        )
        uow.commit()
    if not allowed:
        raise Refused(
            f"The details of {task.code} are private: only its requester, its assignee, "
            "the practice managers and (while unassigned) assistants cleared for its type "
            "can see them."
        )
    return task
