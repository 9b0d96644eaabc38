"""Task vocabulary: statuses, priorities and task types (the permission scopes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
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


class Role(StrEnum):
    CLINICIAN = "clinician"
    ASSISTANT = "assistant"
    MANAGER = "manager"
    ADMIN = "admin"


@dataclass(frozen=True)
class Targets:
    claim_within: timedelta
    resolve_within: timedelta


@dataclass(frozen=True)
class TaskType:
    id: str
    label: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    procedure: tuple[str, ...] = ()
    allows_patient_reference: bool = True
    targets: dict[Priority, Targets] = field(default_factory=dict)
    lease: timedelta | None = None  # a claim lapses after this much idle business time
