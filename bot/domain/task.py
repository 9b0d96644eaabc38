"""A delegated task as the domain sees it: its status, priority and code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    UNASSIGNED = "unassigned"
    ASSIGNED = "assigned"
    CLAIMED = "claimed"
    RETURNED = "returned"
    DONE = "done"
    CANCELLED = "cancelled"


OPEN_STATUSES = frozenset({Status.UNASSIGNED, Status.ASSIGNED, Status.CLAIMED, Status.RETURNED})


class Priority(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"


@dataclass(frozen=True)
class Task:
    id: int
    team_id: str
    code: str
    type_id: str
    priority: Priority
    status: Status
    requester_id: str
    assignee_id: str | None
    title: str
    details: str
    patient_ref: str
    due_at: datetime
    created_at: datetime
    claimed_at: datetime | None = None
    closed_at: datetime | None = None
    source_permalink: str = ""
    channel_id: str = ""
    thread_ts: str = ""
    resolution: str = ""
    return_reason: str = ""
    answer: str = ""
    snoozed_until: datetime | None = None
    assigned_at: datetime | None = None
    clock_target_at: datetime | None = None
    clock_epoch: int = 0
    next_check_at: datetime | None = None
    last_activity_at: datetime | None = None
    redacted_at: datetime | None = None


def task_code(number: int) -> str:
    """The human code of a task: T-0042."""
    return f"T-{number:04d}"
