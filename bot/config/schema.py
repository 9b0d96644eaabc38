"""The shape of the practice config file, field by field (cross-field rules live in rules.py)."""

from __future__ import annotations

from datetime import time
from functools import cache
from importlib import resources
from typing import Annotated, Self

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    TypeAdapter,
    model_validator,
)

from bot.config.fields import (
    NOTIFY_TARGETS,
    ChannelId,
    ClockName,
    ClockTime,
    Day,
    Days,
    DigestDestination,
    Duration,
    HolidayDate,
    NotifyTarget,
    RetentionDays,
    RoleName,
    TaskTypeId,
    TeamId,
    Text,
    TimeZone,
    UserId,
    format_duration,
    invalid,
    non_empty,
)
from bot.config.yamlfile import Loader

DEFAULT_TASK_TYPES = "default_task_types.yml"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BusinessHours(Model):
    days: Days
    open: ClockTime
    close: ClockTime

    @model_validator(mode="after")
    def _opens_before_closing(self) -> Self:
        if self.open >= self.close:
            raise invalid(
                f"opens at {self.open:%H:%M} but closes at {self.close:%H:%M}",
                "close must be later than open on the same day",
            )
        return self


class Shift(Model):
    """end <= start means the shift runs overnight."""

    days: Days
    start: ClockTime
    end: ClockTime


class PracticeInfo(Model):
    name: Text
    team_id: TeamId
    timezone: TimeZone
    business_hours: BusinessHours
    holidays: list[HolidayDate] = []


class Channels(Model):
    queue: ChannelId
    escalations: ChannelId
    digests: ChannelId


class Target(Model):
    claim_within: Duration
    resolve_within: Duration

    @model_validator(mode="after")
    def _claim_fits_in_resolve(self) -> Self:
        if self.claim_within > self.resolve_within:
            raise invalid(
                f"claim_within {format_duration(self.claim_within)} is longer than "
                f"resolve_within {format_duration(self.resolve_within)}",
                "a task must be claimed before it can be resolved",
            )
        return self


class Targets(Model):
    routine: Target
    urgent: Target


class TaskTypeSpec(Model):
    id: TaskTypeId
    label: Text
    aliases: list[Text] = []
    description: Annotated[str, AfterValidator(str.strip)] = ""
    procedure: list[Text] = []
    patient_reference: StrictBool = True
    targets: Targets
    lease: Duration | None = None  # idle business time before a claim lapses; default resolve


class PersonSpec(Model):
    slack_id: UserId
    name: Text | None = None
    role: RoleName
    timezone: TimeZone | None = None
    active: StrictBool = True
    scopes: list[Text] = []
    assistants: list[UserId] = []
    shift: Shift | None = None


class Escalation(Model):
    after: Duration
    clock: ClockName
    notify: Annotated[
        list[NotifyTarget], non_empty("one to notify", f"list any of: {', '.join(NOTIFY_TARGETS)}")
    ]
    repeat: Duration | None = None


class Digest(Model):
    at: ClockTime
    days: Days
    skip_when_empty: StrictBool = True
    to: DigestDestination | None = None  # manager: channel (default) or dm; others: dm


class Weekly(Model):
    """The weekly manager digest with charts; goes where the manager digest goes."""

    day: Day = "mon"
    at: ClockTime = time(7, 30)


class Digests(Model):
    manager: Digest | None = None
    assistant: Digest | None = None
    clinician: Digest | None = None
    weekly: Weekly | None = None

    @model_validator(mode="after")
    def _personal_digests_go_by_dm(self) -> Self:
        for audience in ("assistant", "clinician"):
            digest = getattr(self, audience)
            if digest is not None and digest.to == "channel":
                raise invalid(f"{audience}.to: channel", "personal digests always go by DM")
        return self


class Privacy(Model):
    retain_private_days: RetentionDays = 90  # days after closing before private fields go


@cache
def _packaged_task_types() -> tuple[TaskTypeSpec, ...]:
    text = (resources.files("bot.config") / DEFAULT_TASK_TYPES).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=Loader)
    return tuple(TypeAdapter(list[TaskTypeSpec]).validate_python(data["task_types"]))


def default_task_types() -> list[TaskTypeSpec]:
    """The task types shipped in default_task_types.yml."""
    return list(_packaged_task_types())


class PracticeFile(Model):
    practice: PracticeInfo
    channels: Channels
    task_types: Annotated[
        list[TaskTypeSpec],
        non_empty("task types", "list at least one, or remove task_types to use the defaults"),
    ] = Field(default_factory=default_task_types)
    people: Annotated[list[PersonSpec], non_empty("people", "list at least one person")]
    escalations: list[Escalation] = []
    digests: Digests = Digests()
    privacy: Privacy = Privacy()
