"""Time off: set an absence, and at its start move the absent assistant's work once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.domain.absence import Absence, absence_problems, may_set_absence
from bot.domain.practice import Practice
from bot.domain.task import Status, Task
from bot.services.errors import InvalidFields
from bot.services.offboarding import SYSTEM, reroute
from bot.services.ports import UnitOfWork

AWAY = "is away"
SWEEP_LIMIT = 500  # tasks one absence's start looks at; more than anyone holds


@dataclass(frozen=True)
class AbsenceRequest:
    team_id: str
    actor_id: str
    slack_id: str  # the assistant who will be away
    starts_at: datetime | None
    ends_at: datetime | None
    note: str = ""


def set_absence(
    uow: UnitOfWork, practice: Practice, request: AbsenceRequest, now: datetime
) -> Absence:
    """Store an absence (audited), or InvalidFields (`person`, `starts`, `ends`, `note`)."""
    who = practice.person(request.actor_id), practice.person(request.slack_id)
    errors = absence_problems(request.starts_at, request.ends_at, request.note, now)
    if refusal := may_set_absence(*who):
        errors = {"person": refusal} | errors
    if errors:
        raise InvalidFields(errors)
    assert request.starts_at is not None
    assert request.ends_at is not None
    new = Absence(
        0, request.team_id, request.slack_id, request.starts_at, request.ends_at,
        request.note.strip(), request.actor_id,
    )  # fmt: skip
    with uow:
        absence = uow.absences.add(new, now)
        uow.audit.record(
            None, team_id=request.team_id, actor_id=request.actor_id, action="absence_set",
            at=now, reason=_audit_reason(new),
        )  # fmt: skip
        uow.commit()
    return absence


def start_absences(
    uow: Callable[[], UnitOfWork], practice: Practice, now: datetime
) -> list[Absence]:
    """Each absence begun and not handled yet: re-route its unclaimed work, list the rest, once."""
    with uow() as reading:
        starting = reading.absences.starting(practice.team_id, now)
    started = []
    for absence in starting:
        with uow() as work:
            if not work.absences.mark_started(absence.id, now):
                continue  # another sweep handled it
            _move_work(work, practice, absence, now)
            work.commit()
            started.append(absence)
    return started


def _move_work(uow: UnitOfWork, practice: Practice, absence: Absence, now: datetime) -> None:
    """Route the assigned-but-unclaimed tasks again; tell the managers what is still held."""
    moves: list[tuple[Task, Task]] = []
    for task in _held(uow, absence, Status.ASSIGNED):
        moved = reroute(uow, practice, task, now, action="rerouted", cause=AWAY)
        if moved is not None:
            moves.append((task, moved))
    in_hand = _held(uow, absence, Status.CLAIMED)
    uow.audit.record(
        None, team_id=practice.team_id, actor_id=SYSTEM, action="absence_started", at=now,
        reason=f"{absence.slack_id}: {len(moves)} routed again, {len(in_hand)} claimed listed",
    )  # fmt: skip
    if moves or in_hand:
        uow.notify.absence_started(practice, absence, moves, in_hand)


def _held(uow: UnitOfWork, absence: Absence, status: Status) -> list[Task]:
    """The absent assistant's tasks in `status`, by due."""
    page = uow.queries.assigned_to(absence.team_id, absence.slack_id, {status}, limit=SWEEP_LIMIT)
    return list(page.tasks)


def _audit_reason(absence: Absence) -> str:
    """Who is away and when; the private note stays out of the audit reason."""
    starts, ends = (at.isoformat(timespec="minutes") for at in (absence.starts_at, absence.ends_at))
    return f"{absence.slack_id} away {starts} until {ends}"
