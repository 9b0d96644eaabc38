"""Delegate a task: check who asks and what they sent, route it, store it, announce it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from bot.domain.absence import away_at
from bot.domain.business_time import default_due
from bot.domain.people import Person
from bot.domain.phi import find_identifiers
from bot.domain.practice import Practice
from bot.domain.routing import RoutingDecision, route
from bot.domain.task import Priority, Status, Task
from bot.domain.text import has_link, visible, without_bidi_controls
from bot.services.clocks import started_clock
from bot.services.errors import InvalidFields, Refused
from bot.services.ports import AuditEntry, NewTask, UnitOfWork

TITLE_MAX = 150
DETAILS_MAX = 40_000
PATIENT_MAX = 100


@dataclass(frozen=True)
class DelegationRequest:
    team_id: str
    requester_id: str
    type_key: str | None
    details: str
    dedupe_key: str
    title: str = ""
    patient_ref: str = ""
    priority: Priority = Priority.ROUTINE
    due_at: datetime | None = None
    assignee_id: str | None = None
    source_permalink: str = ""
    response_url: str = ""  # when set, the confirmation is sent there


@dataclass(frozen=True)
class Delegated:
    task: Task
    decision: RoutingDecision | None  # None when this was a repeat of an earlier request
    duplicate: bool = False


def requester_of(practice: Practice, user_id: str) -> Person:
    """The person delegating, or Refused with a message that says what to do."""
    person = practice.person(user_id)
    if person is None:
        raise Refused(
            f"You're not set up in Handoff for {practice.name}. "
            "Ask your practice manager to add you to the team (Add person… in Handoff's Home)."
        )
    if not person.may_delegate:
        raise Refused(
            "Only clinicians and managers can delegate tasks. "
            "Ask your practice manager if you need to."
        )
    return person


HANDLED = "This request is already being handled."


def delegate(
    uow: UnitOfWork, practice: Practice, request: DelegationRequest, now: datetime
) -> Delegated:
    """Create, route and announce a task; a repeated request returns the first one's task."""
    requester = requester_of(practice, request.requester_id)
    task_type_id = _check_fields(practice, request, now)
    decision = _routed(uow, practice, request, requester, task_type_id, now)
    if decision.refused:
        with uow.reads() as seen:  # a repeat of a request that went through is not refused
            earlier = _earlier(seen, request)
        if earlier is not None:
            return earlier
        raise InvalidFields({"assignee": _refusal(practice, decision)})
    new_task = _new_task(practice, request, task_type_id, decision, now)
    with uow:  # the write: one short transaction (SQLite's writer lock is held only here)
        task = uow.tasks.add(new_task)  # a repeat's task is rolled back on leaving
        if not uow.dedupe.first_time(request.team_id, request.dedupe_key, now, task.id):
            return _repeat(uow, request)
        _audit_creation(uow, task, decision, now)
        uow.notify.task_created(practice, task, decision, request.response_url)
        uow.commit()
    return Delegated(task=task, decision=decision)


def _routed(
    uow: UnitOfWork,
    practice: Practice,
    request: DelegationRequest,
    requester: Person,
    type_id: str,
    now: datetime,
) -> RoutingDecision:
    """Who gets the task, from a read of the workload and absences before the write begins.

    Two requests routed at once may both see the same least-loaded assistant: routing balances
    work, it does not guard it (the task's insert and its audit rows are the guarded part).
    """
    with uow.reads() as seen:
        load = seen.tasks.workload(request.team_id, practice.cleared_for(type_id))
        away = away_at(seen.absences.current(request.team_id, now), now)
    return route(
        task_type=practice.task_types[type_id],
        requester=requester,
        explicit=request.assignee_id,
        people=practice.people.values(),
        open_counts=load.open_counts,
        last_assigned=load.last_assigned,
        now=now,
        away=away,
    )


def _repeat(uow: UnitOfWork, request: DelegationRequest) -> Delegated:
    earlier = _earlier(uow, request)
    if earlier is None:
        raise Refused(HANDLED)
    return earlier


def _earlier(uow: UnitOfWork, request: DelegationRequest) -> Delegated | None:
    """The task of the request this one repeats; None if its key was never seen."""
    task_id = uow.dedupe.task_for(request.team_id, request.dedupe_key)
    if task_id is None:
        return None
    task = uow.tasks.get_by_id(task_id)
    if task is None:
        raise Refused(HANDLED)
    return Delegated(task=task, decision=None, duplicate=True)


def _new_task(
    practice: Practice,
    request: DelegationRequest,
    type_id: str,
    decision: RoutingDecision,
    now: datetime,
) -> NewTask:
    due = request.due_at or default_due(
        now,
        practice.task_types[type_id],
        request.priority,
        practice.business_hours,
        practice.holidays,
    )
    status = Status.ASSIGNED if decision.assignee else Status.UNASSIGNED
    clock = started_clock(
        practice, type_id=type_id, priority=request.priority, status=status, due_at=due, now=now
    )
    return NewTask(
        team_id=request.team_id,
        type_id=type_id,
        priority=request.priority,
        status=status,
        requester_id=request.requester_id,
        assignee_id=decision.assignee,
        title=_clean_title(request.title),
        details=request.details.strip(),
        patient_ref=request.patient_ref.strip(),
        due_at=due,
        created_at=now,
        source_permalink=request.source_permalink,
        **clock,  # type: ignore[arg-type]
    )


def _audit_creation(uow: UnitOfWork, task: Task, decision: RoutingDecision, now: datetime) -> None:
    """`created`, then `assigned` or `queued` (still unassigned), with the routing reason."""
    entry = partial(AuditEntry, task.id, task.team_id, task.requester_id, at=now)
    created = entry(action="created", to_status=Status.UNASSIGNED)
    routed = entry(
        action="assigned" if decision.assignee else "queued",
        from_status=Status.UNASSIGNED,
        to_status=task.status,
        reason=f"{decision.rule}: {decision.reason}",
    )
    uow.audit.record_all([created, routed])


def _refusal(practice: Practice, decision: RoutingDecision) -> str:
    names = [practice.people[i].name for i in decision.alternatives if i in practice.people]
    could = f" Could take it: {', '.join(names)}." if names else " Nobody is cleared for it yet."
    return f"{decision.reason}.{could}"


def _clean_title(title: str) -> str:
    """The title as the channel will show it: no direction overrides, no outer whitespace."""
    return without_bidi_controls(title).strip()


def _title_problem(title: str) -> str:
    """Why the channel-visible title can't be posted, or "" when it can."""
    if len(title) > TITLE_MAX:
        return f"Keep the title under {TITLE_MAX} characters; put the rest in Details."
    if found := find_identifiers(title):
        return (
            f"The title is shown to the whole channel and looks like it holds a {found[0]}. "
            "Put patient details in Details or Patient reference: both are private."
        )
    if has_link(title):
        return "Titles can't contain links: put links in the private Details."
    return ""


def _check_fields(practice: Practice, request: DelegationRequest, now: datetime) -> str:
    """The task type id, or InvalidFields naming every field that needs fixing."""
    errors: dict[str, str] = {}
    task_type = practice.task_type(request.type_key) if request.type_key else None
    if task_type is None:
        errors["task_type"] = "Choose a task type from the list."
    if problem := _title_problem(_clean_title(request.title)):
        errors["title"] = problem
    details = request.details.strip()
    if not visible(details):
        errors["details"] = "Say what needs doing. Details are private to the task's people."
    elif len(details) > DETAILS_MAX:
        errors["details"] = f"Details are limited to {DETAILS_MAX:,} characters."
    if request.patient_ref.strip():
        if task_type is not None and not task_type.allows_patient_reference:
            errors["patient_ref"] = f"{task_type.label} tasks don't take a patient reference."
        elif len(request.patient_ref.strip()) > PATIENT_MAX:
            errors["patient_ref"] = f"Keep the patient reference under {PATIENT_MAX} characters."
    if request.due_at is not None and request.due_at <= now:
        errors["due"] = "That time has passed. Choose a later time, or leave it empty."
    if errors:
        raise InvalidFields(errors)
    assert task_type is not None
    return task_type.id
