"""Task lifecycle: the actions, the states they apply to, and one rule set for who may act."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.people import Person, Role
from bot.domain.task import OPEN_STATUSES, Status, Task


class Action(StrEnum):
    CLAIM = "claim"
    RELEASE = "release"
    DONE = "done"
    RETURN = "return"
    ANSWER = "answer"
    REASSIGN = "reassign"
    CANCEL = "cancel"
    SNOOZE = "snooze"


UNCLAIMED = frozenset({Status.UNASSIGNED, Status.ASSIGNED})
ALLOWED_FROM: dict[Action, frozenset[Status]] = {
    Action.CLAIM: UNCLAIMED,
    Action.RELEASE: frozenset({Status.CLAIMED}),
    Action.DONE: frozenset({Status.CLAIMED}),
    Action.RETURN: frozenset({Status.CLAIMED}),
    Action.ANSWER: frozenset({Status.RETURNED}),
    Action.REASSIGN: OPEN_STATUSES,
    Action.CANCEL: OPEN_STATUSES,
    Action.SNOOZE: OPEN_STATUSES,
}
WHO_CAN: dict[Action, str] = {
    Action.CLAIM: "active assistants cleared for this task type",
    Action.RELEASE: "the assistant who claimed it, or a manager",
    Action.DONE: "the assistant who claimed it, or a manager",
    Action.RETURN: "the assistant who claimed it, or a manager",
    Action.ANSWER: "the clinician who delegated it, or a manager",
    Action.REASSIGN: "managers",
    Action.CANCEL: "the clinician who delegated it, or a manager",
    Action.SNOOZE: "managers",
}
NEEDS_TEXT = frozenset({Action.DONE, Action.RETURN, Action.ANSWER, Action.CANCEL, Action.SNOOZE})


@dataclass(frozen=True)
class Verdict:
    """Whether an action is allowed; if not, why, who can, and who holds the task."""

    allowed: bool
    why: str = ""
    who_can: str = ""
    holder: str | None = None


def next_status(action: Action, task: Task) -> Status:
    """The status after an allowed action (snooze keeps the status)."""
    return {
        Action.CLAIM: Status.CLAIMED,
        Action.RELEASE: Status.UNASSIGNED,
        Action.DONE: Status.DONE,
        Action.RETURN: Status.RETURNED,
        Action.ANSWER: Status.CLAIMED,
        Action.REASSIGN: Status.ASSIGNED,
        Action.CANCEL: Status.CANCELLED,
        Action.SNOOZE: task.status,
    }[action]


def decide(
    actor: Person | None,
    action: Action,
    task: Task,
    *,
    target: Person | None = None,
    check_target: bool = True,
) -> Verdict:
    """Allow or refuse `actor` doing `action` on `task` (and, to reassign, to `target`).

    `check_target=False` asks only whether the actor may reassign at all (before the form).
    """
    if actor is None or not actor.active:
        return _no(action, "you are not an active member of this practice in Handoff")
    if task.status not in ALLOWED_FROM[action]:
        return _wrong_state(action, task)
    if not _may(actor, action, task):
        return _no(action, f"you can't {action.value} {task.code}")
    if action is Action.REASSIGN and check_target:
        return _check_target(task, target)
    return Verdict(allowed=True)


def _may(actor: Person, action: Action, task: Task) -> bool:
    manager = actor.role is Role.MANAGER
    if actor.role is Role.ADMIN:
        return False  # admins look after Handoff's settings, not its tasks
    if action is Action.CLAIM:
        return actor.in_scope(task.type_id)
    if action in (Action.RELEASE, Action.DONE, Action.RETURN):  # the assistant holding it
        holder = actor.role is Role.ASSISTANT and actor.slack_id == task.assignee_id
        return manager or holder
    if action in (Action.ANSWER, Action.CANCEL):
        return manager or actor.slack_id == task.requester_id
    return manager  # reassign, snooze


def _check_target(task: Task, target: Person | None) -> Verdict:
    if target is None or not target.active or target.role is not Role.ASSISTANT:
        return _no(Action.REASSIGN, "tasks can only go to an active assistant")
    if not target.in_scope(task.type_id):
        return _no(Action.REASSIGN, f"{target.name} is not cleared for this task type")
    if target.slack_id == task.assignee_id:
        return _no(Action.REASSIGN, f"{task.code} is already with {target.name}")
    return Verdict(allowed=True)


def _wrong_state(action: Action, task: Task) -> Verdict:
    holder = task.assignee_id if task.status in OPEN_STATUSES else None
    why = {
        Status.UNASSIGNED: f"{task.code} is not claimed yet",
        Status.ASSIGNED: f"{task.code} is not claimed yet",
        Status.CLAIMED: f"{task.code} is already claimed",
        Status.RETURNED: f"{task.code} is waiting for the clinician's answer",
        Status.DONE: f"{task.code} is already done",
        Status.CANCELLED: f"{task.code} was cancelled",
    }[task.status]
    return Verdict(allowed=False, why=why, who_can=WHO_CAN[action], holder=holder)


def _no(action: Action, why: str) -> Verdict:
    return Verdict(allowed=False, why=why, who_can=WHO_CAN[action])
