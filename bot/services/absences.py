"""Time off: set, change or cancel an absence; at its start move the assistant's work once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.absence import (
    Absence,
    absence_problems,
    cancelled,
    may_change_absence,
    may_set_absence,
)
from bot.domain.practice import Practice
from bot.domain.task import Status, Task
from bot.services.errors import InvalidFields
from bot.services.offboarding import SYSTEM, reroute
from bot.services.ports import ReplyTo, UnitOfWork
from bot.services.roster import mention

AWAY = "is away"
CHANGED, CANCELLED = "absence_changed", "absence_cancelled"
CHANGE_REFUSED = "absence_change_refused"
GONE = "That time off has already ended or was cancelled."
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


@dataclass(frozen=True)
class AbsenceChange:
    """What the change form says: a new end and note, or cancel it."""

    team_id: str
    actor_id: str
    absence_id: int
    ends_at: datetime | None
    note: str = ""
    cancel: bool = False


def absence_to_change(
    uow: UnitOfWork, practice: Practice, *, actor_id: str, absence_id: int, now: datetime,
    reply_to: ReplyTo,
) -> Absence | None:  # fmt: skip
    """The absence for the change form if `actor_id` may change it; else None, and they are
    told why (the refusal audited)."""
    with uow:
        absence = uow.absences.get(practice.team_id, absence_id)
        refusal = _change_refusal(practice, actor_id, absence, now)
        if refusal:
            _audit(uow, practice, actor_id, CHANGE_REFUSED, f"absence {absence_id}", now)
            uow.notify.tell(practice.team_id, reply_to, refusal)
            uow.commit()
            return None
    return absence


def change_absence(
    uow: UnitOfWork, practice: Practice, change: AbsenceChange, now: datetime
) -> str:
    """Cancel an absence or set its end and note (audited); the audit action, or InvalidFields
    (`person`, `ends`, `note`)."""
    with uow:
        before = uow.absences.get(practice.team_id, change.absence_id)
        if refusal := _change_refusal(practice, change.actor_id, before, now):
            _audit(uow, practice, change.actor_id, CHANGE_REFUSED,
                   f"absence {change.absence_id}", now)  # fmt: skip
            uow.commit()
            raise InvalidFields({"person": refusal})
        assert before is not None
        after = _changed(before, change, now)
        done = uow.absences.change(after, now) if after else uow.absences.remove(before.id, now)
        if not done:
            raise InvalidFields({"ends": GONE})
        action = CANCELLED if change.cancel else CHANGED
        _audit(uow, practice, change.actor_id, action, _change_reason(before, after), now)
        if change.actor_id != before.slack_id:
            _tell_assistant(uow, practice, change, before.slack_id, after)
        uow.commit()
    return action


def _tell_assistant(
    uow: UnitOfWork, practice: Practice, change: AbsenceChange, slack_id: str,
    after: Absence | None,
) -> None:  # fmt: skip
    """Someone else changed their time off: the assistant hears it (the note stays out)."""
    actor_id = change.actor_id
    if change.cancel or after is None:
        text = f"{mention(actor_id)} cancelled your time off."
    else:
        back = int(after.ends_at.timestamp())
        when = f"<!date^{back}^{{date_short_pretty}} {{time}}|{after.ends_at:%Y-%m-%d %H:%M} UTC>"
        text = f"{mention(actor_id)} changed your time off: you are back {when}."
    uow.notify.tell(practice.team_id, ReplyTo(user=slack_id), text)


def _changed(before: Absence, change: AbsenceChange, now: datetime) -> Absence | None:
    """The absence after the change (None: cancelled before it began); InvalidFields if wrong."""
    if change.cancel:
        return cancelled(before, now)
    if errors := absence_problems(before.starts_at, change.ends_at, change.note, now):
        raise InvalidFields(errors)
    assert change.ends_at is not None
    return replace(before, ends_at=change.ends_at, note=change.note.strip())


def _change_refusal(
    practice: Practice, actor_id: str, absence: Absence | None, now: datetime
) -> str:
    """Why `actor_id` may not change `absence` now ("" when they may): gone, or not theirs."""
    if absence is None or absence.ends_at <= now:
        return GONE
    return may_change_absence(practice.person(actor_id), absence)


def _change_reason(before: Absence, after: Absence | None) -> str:
    """What changed, the note only as "note changed" (it is private)."""
    if after is None:
        return f"{_audit_reason(before)}: cancelled before it began"
    until = (at.isoformat(timespec="minutes") for at in (before.ends_at, after.ends_at))
    reason = f"{before.slack_id} until {' → '.join(until)}"
    return reason + ("; note changed" if after.note != before.note else "")


def _audit(
    uow: UnitOfWork, practice: Practice, actor_id: str, action: str, reason: str, now: datetime
) -> None:
    uow.audit.record(None, team_id=practice.team_id, actor_id=actor_id, action=action, at=now,
                     reason=reason)  # fmt: skip
