"""Who an escalation level notifies: the config's notify targets resolved to people and channels.

"assignee" means whoever holds the task: the assignee on the claim and resolve clocks, the
requester while it waits on them (returned). "backups" are the other active assistants cleared
for the type who are at work now and not on time off. "managers" are the active managers, each
by DM.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.people import Role
from bot.domain.practice import Practice
from bot.domain.quiet_hours import at_work, earliest_ping
from bot.domain.task import Priority, Status, Task


class RecipientKind(StrEnum):
    PERSON = "person"  # id is a Slack user id, pinged by DM
    CHANNEL = "channel"  # id is a Slack channel id


@dataclass(frozen=True)
class Recipient:
    kind: RecipientKind
    id: str

    @classmethod
    def person(cls, slack_id: str) -> Recipient:
        return cls(RecipientKind.PERSON, slack_id)


def holder(task: Task) -> str | None:
    """Who the task waits on: the requester while returned, else the assignee (if any)."""
    return task.requester_id if task.status is Status.RETURNED else task.assignee_id


def recipients(
    notify: Iterable[str],
    task: Task,
    practice: Practice,
    now: datetime,
    away: frozenset[str] = frozenset(),
) -> tuple[Recipient, ...]:
    """The people and channels `notify` names for `task` at `now`, each once, in order; nobody
    in `away` (on time off at `now`) is a backup."""
    found: dict[Recipient, None] = {}
    for target in notify:
        found.update(dict.fromkeys(_resolve(target, task, practice, now, away)))
    return tuple(found)


def ping_at(recipient: Recipient, priority: Priority, practice: Practice, at: datetime) -> datetime:
    """When a ping due at `at` may go out: channels at any time, people outside quiet hours."""
    if recipient.kind is RecipientKind.CHANNEL:
        return at
    return earliest_ping(practice.person(recipient.id), priority, practice, at)


def _resolve(
    target: str, task: Task, practice: Practice, now: datetime, away: frozenset[str]
) -> Iterator[Recipient]:
    if target == "escalations_channel":
        yield Recipient(RecipientKind.CHANNEL, practice.channels.escalations)
    elif target == "managers":
        yield from (Recipient.person(p.slack_id) for p in practice.with_role(Role.MANAGER))
    elif target == "requester":
        yield Recipient.person(task.requester_id)
    elif target == "assignee":
        held_by = holder(task)
        yield from [Recipient.person(held_by)] if held_by else []
    elif target == "backups":
        yield from (
            Recipient.person(p.slack_id)
            for p in practice.people.values()
            if p.in_scope(task.type_id)
            and p.slack_id not in (holder(task), *away)
            and at_work(p, practice, now)
        )
    else:
        raise ValueError(f"unknown notify target {target!r}")
