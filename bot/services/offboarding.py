"""People who leave: they can no longer act, and what they held goes back through routing."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.absence import away_at
from bot.domain.people import Person, Role
from bot.domain.practice import Practice
from bot.domain.routing import RoutingDecision, route
from bot.domain.task import Status, Task
from bot.services.clocks import started_clock
from bot.services.ports import UnitOfWork

SYSTEM = "handoff"
LEFT = "is no longer active"
WITHDRAWN = "is no longer cleared for this task type"


def account_changed(
    uow: UnitOfWork, practice: Practice, *, slack_id: str, deleted: bool, now: datetime
) -> bool:
    """Record that Slack deactivated (or restored) an account; True if that changed anything.

    `practice` is the config as written (its `active` flags are the practice's own word).
    """
    person = practice.person(slack_id)
    if person is None:
        return False
    with uow:
        changed = uow.people.set_slack_deleted(
            practice.team_id, slack_id, deleted, person.active, now
        )
        uow.commit()
    return changed


def reroute_orphans(uow: UnitOfWork, practice: Practice, now: datetime) -> list[tuple[Task, Task]]:
    """Route again every open task held by someone who is no longer an active assistant."""
    active = frozenset(p.slack_id for p in practice.with_role(Role.ASSISTANT))
    moves: list[tuple[Task, Task]] = []
    with uow:
        for task in uow.tasks.held_by_others(practice.team_id, active):
            moved = reroute(uow, practice, task, now, action="rerouted", cause=LEFT)
            if moved is not None:
                moves.append((task, moved))
        if moves:
            uow.notify.people_left(practice, moves)
        uow.commit()
    return moves


def reroute_withdrawn(
    uow: UnitOfWork, practice: Practice, slack_id: str, scopes: frozenset[str], now: datetime
) -> tuple[list[tuple[Task, Task]], list[Task]]:
    """Route again `slack_id`'s unclaimed tasks of `scopes`; their claimed ones, for managers."""
    moves: list[tuple[Task, Task]] = []
    claimed: list[Task] = []
    with uow:
        for task in uow.tasks.held_by_others(
            practice.team_id, frozenset(practice.people) - {slack_id}
        ):
            if task.assignee_id != slack_id or task.type_id not in scopes:
                continue
            if task.status is not Status.ASSIGNED:
                claimed.append(task)
            elif moved := reroute(uow, practice, task, now, action="rerouted", cause=WITHDRAWN):
                moves.append((task, moved))
        uow.commit()
    return moves, claimed


def reroute(
    uow: UnitOfWork, practice: Practice, task: Task, now: datetime, *, action: str, cause: str
) -> Task | None:
    """Route `task` to someone other than its holder (its claim clock restarts).

    None if the task moved meanwhile; the next sweep looks again.
    """
    decision = _route_without_holder(uow, practice, task, now)
    status = Status.ASSIGNED if decision.assignee else Status.UNASSIGNED
    changes = {
        "status": status.value,
        "assignee_id": decision.assignee,
        "assigned_at": now if decision.assignee else None,
        "claimed_at": None,
        "snoozed_until": None,
    } | started_clock(
        practice, type_id=task.type_id, priority=task.priority, status=status,
        due_at=task.due_at, now=now, epoch=task.clock_epoch,
    )  # fmt: skip
    after = uow.tasks.transition(task.id, task.status, changes)
    if after is None:
        return None  # changed meanwhile; the next sweep looks again
    uow.audit.record(
        after, team_id=task.team_id, actor_id=SYSTEM, action=action, at=now,
        from_status=task.status, to_status=status,
        reason=f"{task.assignee_id} {cause}; {decision.rule}: {decision.reason}",
    )  # fmt: skip
    uow.notify.task_rerouted(practice, task, after, decision, cause)
    return after


def _route_without_holder(
    uow: UnitOfWork, practice: Practice, task: Task, now: datetime
) -> RoutingDecision:
    """Routing among everyone but the task's current holder and whoever is away."""
    load = uow.tasks.workload(task.team_id, practice.cleared_for(task.type_id))
    task_type = practice.task_types[task.type_id]
    decision = route(
        task_type=task_type,
        requester=practice.person(task.requester_id) or _former(task.requester_id, practice),
        explicit=None,
        people=[p for p in practice.people.values() if p.slack_id != task.assignee_id],
        open_counts=load.open_counts,
        last_assigned=load.last_assigned,
        now=now,
        away=away_at(uow.absences.current(task.team_id, now), now),
    )
    if decision.rule == "no_one_in_scope" and task.assignee_id:
        why = f"No other active assistant is cleared for {task_type.label}"
        return replace(decision, reason=why)
    return decision


def _former(slack_id: str, practice: Practice) -> Person:
    """A stand-in for a requester who has left the config (no preferred assistants)."""
    return Person(slack_id, Role.CLINICIAN, slack_id, practice.tz, active=False)
