"""The manager's daily digest: flow in the period, open work by age, overdue, and per assistant.

Ages and medians are business time (the practice's hours and holidays, like the types'
targets), so a weekend does not make Friday's work look three days old. Time to claim and
time to done run from the task's creation. Lateness is wall time (how long past its due).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from bot.domain.business_time import business_day_length, business_time_between
from bot.domain.digest import CREATED, DigestData
from bot.domain.lifecycle import Action
from bot.domain.people import Role
from bot.domain.practice import Practice
from bot.domain.task import Task


class Age(Enum):
    """How long an open task has existed, in business days."""

    UNDER_1 = "under_1_day"
    FROM_1_TO_3 = "1_to_3_days"
    OVER_3 = "over_3_days"


AGES = tuple(Age)
FRESH_DAYS, OLD_DAYS = 1, 3


@dataclass(frozen=True)
class OpenByAge:
    """Open tasks of one type, counted per age bucket (in AGES order)."""

    type_id: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Overdue:
    task: Task
    late: timedelta  # wall time past its due at `now`


@dataclass(frozen=True)
class AssistantFigures:
    """One assistant over the period; medians are None when there is nothing to measure."""

    assistant_id: str
    done: int
    on_time: int  # done no later than due
    to_claim: timedelta | None  # median, business time from creation to each claim
    to_done: timedelta | None  # median, business time from creation to done

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.on_time / self.done) if self.done else None


@dataclass(frozen=True)
class ManagerDigest:
    since: datetime
    until: datetime
    created: int
    claimed: int  # claims (a task released and claimed again counts twice)
    done: int
    cancelled: int
    open_by_age: tuple[OpenByAge, ...]  # types with open tasks, in config order
    overdue: tuple[Overdue, ...]  # most late first
    assistants: tuple[AssistantFigures, ...]  # active assistants and anyone who did work, by name
    escalations: int  # escalations fired in the period (the service counts them)
    dead_messages: int  # outbox messages given up on (the service counts them)

    @property
    def open_total(self) -> int:
        return sum(row.total for row in self.open_by_age)

    @property
    def is_empty(self) -> bool:
        flow = self.created + self.claimed + self.done + self.cancelled
        return not (flow or self.open_total or self.escalations or self.dead_messages)


def manager_digest(
    practice: Practice, data: DigestData, *, escalations: int, dead_messages: int
) -> ManagerDigest:
    """The manager's digest over `data`'s period, open work as of `data.now`."""
    open_tasks = data.open_tasks()
    return ManagerDigest(
        since=data.since,
        until=data.until,
        created=_count(data, CREATED),
        claimed=_count(data, Action.CLAIM),
        done=_count(data, Action.DONE),
        cancelled=_count(data, Action.CANCEL),
        open_by_age=open_by_age(practice, open_tasks, data.now),
        overdue=tuple(Overdue(t, data.now - t.due_at) for t in open_tasks if t.due_at < data.now),
        assistants=assistant_figures(practice, data),
        escalations=escalations,
        dead_messages=dead_messages,
    )


def age_of(practice: Practice, task: Task, now: datetime) -> Age:
    """The task's age bucket at `now`, in business days."""
    days = since_created(practice, task, now) / business_day_length(practice.business_hours)
    if days < FRESH_DAYS:
        return Age.UNDER_1
    return Age.FROM_1_TO_3 if days <= OLD_DAYS else Age.OVER_3


def _count(data: DigestData, action: str) -> int:
    return sum(1 for _ in data.happened(action))


def open_by_age(practice: Practice, tasks: list[Task], now: datetime) -> tuple[OpenByAge, ...]:
    counts = Counter((task.type_id, age_of(practice, task, now)) for task in tasks)
    order = list(practice.task_types) + sorted(
        {t.type_id for t in tasks} - set(practice.task_types)
    )
    return tuple(
        OpenByAge(type_id, tuple(counts[type_id, age] for age in AGES))
        for type_id in order
        if any(counts[type_id, age] for age in AGES)
    )


def assistant_figures(practice: Practice, data: DigestData) -> tuple[AssistantFigures, ...]:
    """Figures for every active assistant and anyone who claimed or finished work, by name."""
    claims: defaultdict[str, list[timedelta]] = defaultdict(list)
    dones: defaultdict[str, list[tuple[timedelta, bool]]] = defaultdict(list)
    for event, task in data.happened(Action.CLAIM):
        claims[event.actor_id].append(since_created(practice, task, event.at))
    for event, task in data.happened(Action.DONE):  # a manager may close an assistant's task
        took = since_created(practice, task, event.at)
        dones[task.assignee_id or event.actor_id].append((took, event.at <= task.due_at))
    people = {p.slack_id for p in practice.with_role(Role.ASSISTANT)} | set(claims) | set(dones)
    rows = (_figures(who, claims[who], dones[who]) for who in people)
    return tuple(
        sorted(rows, key=lambda row: (_name(practice, row.assistant_id), row.assistant_id))
    )


def _figures(
    who: str, claims: list[timedelta], dones: list[tuple[timedelta, bool]]
) -> AssistantFigures:
    return AssistantFigures(
        assistant_id=who,
        done=len(dones),
        on_time=sum(on_time for _, on_time in dones),
        to_claim=median(claims),
        to_done=median(took for took, _ in dones),
    )


def since_created(practice: Practice, task: Task, at: datetime) -> timedelta:
    return business_time_between(task.created_at, at, practice.business_hours, practice.holidays)


def median(spans: Iterable[timedelta]) -> timedelta | None:
    seconds = [span.total_seconds() for span in spans]
    return timedelta(seconds=statistics.median(seconds)) if seconds else None


def _name(practice: Practice, slack_id: str) -> str:
    person = practice.person(slack_id)
    return person.name if person else slack_id
