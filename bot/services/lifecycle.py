"""Claim, release, done, return, answer, reassign, cancel, snooze: one guarded transition each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.lifecycle import NEEDS_TEXT, Action, Verdict, decide, next_status
from bot.domain.practice import Practice
from bot.domain.task import Status, Task
from bot.domain.text import visible
from bot.services.clocks import clock_after
from bot.services.ports import ReplyTo, UnitOfWork

TEXT_MAX = 3000
ATTEMPTS = 2  # a lost race is judged again on the fresh state: still allowed means apply it


@dataclass(frozen=True)
class ActionRequest:
    team_id: str
    actor_id: str
    task_id: int
    action: Action
    reply_to: ReplyTo
    dedupe_key: str
    text: str = ""  # note, reason or answer (private)
    target_id: str | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class ActionResult:
    done: bool
    task: Task | None
    refusal: str = ""


def perform(
    uow: UnitOfWork, practice: Practice, request: ActionRequest, now: datetime
) -> ActionResult:
    """Apply one action with a guarded update and its audit row, or refuse it and say why."""
    with uow:
        if not uow.dedupe.first_time(request.team_id, request.dedupe_key, now):
            return ActionResult(done=False, task=None)
        for _attempt in range(ATTEMPTS):
            task, verdict = _judge(uow, practice, request, now)
            if task is None or not verdict.allowed:
                return _refuse(uow, request, task, verdict, now)
            changes = _changes(practice, request, task, now)
            if after := uow.tasks.transition(task.id, task.status, changes):
                return _done(uow, practice, request, task, after, now)
        changed = Verdict(False, "it kept changing while you acted; please try again")
        return _refuse(uow, request, task, changed, now)


def _done(
    uow: UnitOfWork,
    practice: Practice,
    request: ActionRequest,
    before: Task,
    after: Task,
    now: datetime,
) -> ActionResult:
    uow.audit.record(
        after, team_id=after.team_id, actor_id=request.actor_id, action=request.action.value,
        from_status=before.status, to_status=after.status, at=now, reason=request.text.strip(),
    )  # fmt: skip
    uow.notify.task_changed(practice, before, after, request.action, request.actor_id)
    uow.commit()
    return ActionResult(done=True, task=after)


def precheck(
    uow: UnitOfWork, practice: Practice, request: ActionRequest, now: datetime
) -> Task | None:
    """Before opening a form: the task if allowed so far, else None (refusal audited, told)."""
    with uow:
        task, verdict = _judge(uow, practice, request, now, before_form=True)
        if task is None or not verdict.allowed:
            _refuse(uow, request, task, verdict, now)
            return None
    return task


def _judge(
    uow: UnitOfWork,
    practice: Practice,
    request: ActionRequest,
    now: datetime,
    before_form: bool = False,
) -> tuple[Task | None, Verdict]:
    """The task and the verdict; before a form, the words and the target are not known yet."""
    task = uow.tasks.get_by_id(request.task_id)
    if task is None or task.team_id != practice.team_id:
        return None, Verdict(False, "that task no longer exists")
    actor = practice.person(request.actor_id)
    target = practice.person(request.target_id) if request.target_id else None
    verdict = decide(actor, request.action, task, target=target, check_target=not before_form)
    problem = "" if before_form or not verdict.allowed else _text_problem(request, now)
    return task, Verdict(False, problem) if problem else verdict


def _text_problem(request: ActionRequest, now: datetime) -> str:
    text = request.text.strip()
    if request.action in NEEDS_TEXT and not visible(text):
        return "add a note: it is kept private with the task"
    if len(text) > TEXT_MAX:
        return f"keep the note under {TEXT_MAX:,} characters"
    if request.action is Action.SNOOZE and request.until is None:
        return "choose until when to snooze"
    if request.action is Action.SNOOZE and request.until is not None and request.until <= now:
        return "choose a time in the future to snooze until"
    return ""


def _refuse(
    uow: UnitOfWork, request: ActionRequest, task: Task | None, verdict: Verdict, now: datetime
) -> ActionResult:
    uow.audit.record(
        task, team_id=request.team_id, actor_id=request.actor_id,
        action=f"{request.action.value}_refused", at=now, reason=verdict.why,
        from_status=task.status if task else None,
    )  # fmt: skip
    uow.notify.refused(request.team_id, request.reply_to, task, request.action, verdict)
    uow.commit()
    return ActionResult(done=False, task=task, refusal=verdict.why)


def _changes(
    practice: Practice, request: ActionRequest, task: Task, now: datetime
) -> dict[str, object]:
    status = next_status(request.action, task)
    text = request.text.strip()
    changes: dict[str, object] = {"status": status.value}
    match request.action:
        case Action.CLAIM:
            changes |= {"assignee_id": request.actor_id, "claimed_at": now}
        case Action.RELEASE:
            changes |= {"assignee_id": None, "claimed_at": None}
        case Action.DONE:
            changes |= {"resolution": text, "closed_at": now}
        case Action.RETURN:
            changes |= {"return_reason": text}
        case Action.ANSWER:
            changes |= {"answer": text}
        case Action.REASSIGN:
            changes |= {"assignee_id": request.target_id, "assigned_at": now, "claimed_at": None}
        case Action.CANCEL:
            changes |= {"closed_at": now, "resolution": text}
        case Action.SNOOZE:
            changes |= {"snoozed_until": request.until}
    if status is Status.UNASSIGNED:
        changes["assigned_at"] = None
    return changes | clock_after(practice, task, status, request.action, now, request.until)
