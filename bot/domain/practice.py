"""A practice as the domain sees it: calendar, channels, task types and people."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.hours import WeeklyHours
from bot.domain.people import Person, Role
from bot.domain.task_types import TaskType


@dataclass(frozen=True)
class Channels:
    queue: str
    escalations: str
    digests: str


@dataclass(frozen=True)
class EscalationLevel:
    """After `after` on `clock` ("business" or "wall"), notify `notify`; again every `repeat`."""

    after: timedelta
    clock: str
    notify: tuple[str, ...]
    repeat: timedelta | None = None


WEEKLY = "weekly"  # the audience of the weekly manager digest (one day a week)


@dataclass(frozen=True)
class DigestSchedule:
    audience: str  # manager | assistant | clinician | weekly
    at: time
    days: frozenset[int]
    skip_when_empty: bool = True
    to_channel: bool = False  # the manager digest goes to the digests channel, else by DM


@dataclass(frozen=True)
class Practice:
    team_id: str
    name: str
    tz: ZoneInfo
    business_hours: WeeklyHours
    holidays: frozenset[date]
    channels: Channels
    task_types: dict[str, TaskType]
    people: dict[str, Person]
    escalations: tuple[EscalationLevel, ...] = ()
    digests: tuple[DigestSchedule, ...] = ()
    retain_private_days: int = 90  # private fields of closed tasks are redacted after this

    def person(self, slack_id: str) -> Person | None:
        return self.people.get(slack_id)

    def with_role(self, role: Role) -> list[Person]:
        return [p for p in self.people.values() if p.role is role and p.active]

    def cleared_for(self, type_id: str) -> list[str]:
        """The active assistants cleared for tasks of type `type_id`: who routing weighs."""
        return [p.slack_id for p in self.people.values() if p.in_scope(type_id)]

    def task_type(self, key: str) -> TaskType | None:
        """Find a task type by id, label or alias (case-insensitive)."""
        wanted = key.strip().lower()
        for task_type in self.task_types.values():
            names = {task_type.id, task_type.label.lower(), *(a.lower() for a in task_type.aliases)}
            if wanted in names:
                return task_type
        return None

    def with_roster(self, roster: list[Person]) -> Practice:
        """This practice with its people as the database holds them.

        An assistant whose row holds no shift (a Slack edit from before rows held shifts)
        keeps the config's.
        """
        people = dict(self.people)
        for person in roster:
            configured = self.people.get(person.slack_id)
            if person.shift is None and person.role is Role.ASSISTANT and configured:
                person = replace(person, shift=configured.shift)
            people[person.slack_id] = person
        return replace(self, people=people)

    def with_inactive(self, slack_ids: frozenset[str]) -> Practice:
        """This practice with the given people no longer active (e.g. deactivated in Slack)."""
        if not slack_ids & {i for i, p in self.people.items() if p.active}:
            return self
        people = {
            i: replace(p, active=False) if i in slack_ids else p for i, p in self.people.items()
        }
        return replace(self, people=people)
