"""Who receives a new task: the chosen assistant, a preferred one, the least loaded, or a shift."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.domain.people import Person, Role
from bot.domain.task_types import TaskType

Rule = Literal[
    "explicit", "preferred", "least_loaded", "off_shift_preferred", "next_shift", "no_one_in_scope"
]


@dataclass(frozen=True)
class RoutingDecision:
    assignee: str | None  # slack id; None leaves the task unassigned in the queue
    rule: Rule
    reason: str  # PHI-free sentence naming people by Person.name
    waits_until: datetime | None = None  # the assignee's next shift start when off shift
    refused: bool = False  # the explicitly chosen person may not take the task
    alternatives: tuple[str, ...] = ()  # on a refusal: who could, on shift first, by name


def route(
    *,
    task_type: TaskType,
    requester: Person,
    explicit: Person | str | None,
    people: Iterable[Person],
    open_counts: Mapping[str, int],
    last_assigned: Mapping[str, datetime],
    now: datetime,
    away: frozenset[str] = frozenset(),
) -> RoutingDecision:
    """Pick an assignee; `explicit` is the chosen person or their (possibly unknown) slack id.

    Nobody in `away` (on time off at `now`) is chosen or offered.
    """
    by_id = {person.slack_id: person for person in people}
    cleared = sorted(
        (p for p in by_id.values() if p.in_scope(task_type.id) and p.slack_id not in away),
        key=lambda p: (p.name, p.slack_id),
    )
    if explicit is not None:
        chosen = by_id.get(explicit) if isinstance(explicit, str) else explicit
        return _explicit(chosen, task_type, cleared, now, away)
    cleared_ids = {p.slack_id for p in cleared}
    preferred = [by_id[sid] for sid in requester.assistants if sid in cleared_ids]
    on_shift = [p for p in cleared if _on_shift(p, now)]
    return (
        _preferred_on_shift(requester, preferred, now)
        or _least_loaded(on_shift, open_counts, last_assigned)
        or _waiting(requester, preferred, cleared, task_type, now)
        or RoutingDecision(
            None, "no_one_in_scope", f"No active assistant is cleared for {task_type.label}"
        )
    )


def _on_shift(person: Person, now: datetime) -> bool:
    return person.shift is not None and person.shift.is_open(now)


def _next_shift(person: Person, now: datetime) -> datetime | None:
    return person.shift.next_open(now) if person.shift else None


def _explicit(
    chosen: Person | None,
    task_type: TaskType,
    cleared: list[Person],
    now: datetime,
    away: frozenset[str],
) -> RoutingDecision:
    if chosen is not None and chosen.in_scope(task_type.id) and chosen.slack_id not in away:
        if _on_shift(chosen, now):
            return RoutingDecision(chosen.slack_id, "explicit", f"{chosen.name} was chosen")
        reason = f"{chosen.name} was chosen and is off shift; the task waits for the next shift"
        return RoutingDecision(chosen.slack_id, "explicit", reason, _next_shift(chosen, now))
    alternatives = sorted(cleared, key=lambda p: not _on_shift(p, now))  # stable: keeps names
    return RoutingDecision(
        None,
        "explicit",
        _refusal(chosen, task_type, away),
        refused=True,
        alternatives=tuple(p.slack_id for p in alternatives),
    )


def _refusal(chosen: Person | None, task_type: TaskType, away: frozenset[str]) -> str:
    if chosen is None:
        return "Unknown person"
    if not chosen.active or chosen.role is not Role.ASSISTANT:
        return f"{chosen.name} is not an active assistant"
    if chosen.slack_id in away:
        return f"{chosen.name} is away"
    return f"{chosen.name} is not cleared for {task_type.label}"


def _preferred_on_shift(
    requester: Person, preferred: list[Person], now: datetime
) -> RoutingDecision | None:
    for person in preferred:
        if _on_shift(person, now):
            reason = f"{requester.name}'s assistant {person.name} is on shift"
            return RoutingDecision(person.slack_id, "preferred", reason)
    return None


def _least_loaded(
    on_shift: list[Person], open_counts: Mapping[str, int], last_assigned: Mapping[str, datetime]
) -> RoutingDecision | None:
    """Fewest open tasks; ties go to the least recently assigned (never first), then slack id."""
    if not on_shift:
        return None

    def load(person: Person) -> tuple[int, bool, datetime | None, str]:
        sid = person.slack_id
        return open_counts.get(sid, 0), sid in last_assigned, last_assigned.get(sid), sid

    chosen = min(on_shift, key=load)
    reason = f"{chosen.name} is on shift and has the fewest open tasks"
    return RoutingDecision(chosen.slack_id, "least_loaded", reason)


def _waiting(
    requester: Person,
    preferred: list[Person],
    cleared: list[Person],
    task_type: TaskType,
    now: datetime,
) -> RoutingDecision | None:
    """Nobody cleared is on shift: the requester's first assistant, else the soonest shift."""
    if preferred:
        person = preferred[0]
        reason = f"{requester.name}'s assistant {person.name} is off shift; "
        reason += "the task waits for the next shift"
        return RoutingDecision(
            person.slack_id, "off_shift_preferred", reason, _next_shift(person, now)
        )
    if not cleared:
        return None
    starts = {p.slack_id: _next_shift(p, now) for p in cleared}
    person = min(cleared, key=lambda p: (starts[p.slack_id] is None, starts[p.slack_id] or now))
    reason = f"No one cleared for {task_type.label} is on shift; "
    reason += f"the task waits for {person.name}'s next shift"
    return RoutingDecision(person.slack_id, "next_shift", reason, starts[person.slack_id])
