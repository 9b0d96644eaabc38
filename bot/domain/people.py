"""People of a practice as the domain sees them, and their roles."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.hours import WeeklyHours


class Role(StrEnum):
    CLINICIAN = "clinician"
    ASSISTANT = "assistant"
    MANAGER = "manager"
    ADMIN = "admin"


@dataclass(frozen=True)
class Person:
    slack_id: str
    role: Role
    name: str
    tz: ZoneInfo
    active: bool = True
    scopes: frozenset[str] = frozenset()
    shift: WeeklyHours | None = None
    assistants: tuple[str, ...] = ()

    def in_scope(self, task_type: str) -> bool:
        return self.active and self.role is Role.ASSISTANT and task_type in self.scopes

    @property
    def manages(self) -> bool:
        """A manager or an admin: may change the team, anyone's time off, see access reports."""
        return self.role in (Role.MANAGER, Role.ADMIN)

    @property
    def may_delegate(self) -> bool:
        return self.active and self.role in (Role.CLINICIAN, Role.MANAGER)
