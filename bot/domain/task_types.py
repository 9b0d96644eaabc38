"""Task types: the permission scopes, with their procedure and time targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from bot.domain.task import Priority


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
