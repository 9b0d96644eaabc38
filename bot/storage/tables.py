"""SQLModel tables. Every row carries the Slack team id; datetimes are aware UTC."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, Time, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from bot.domain.task import OPEN_STATUSES
from bot.storage.types import UTCDateTime

# The open statuses, sorted, as a query must spell them for ix_tasks_team_open_due to be used.
OPEN_VALUES = sorted(status.value for status in OPEN_STATUSES)
IS_OPEN = text(f"status IN ({', '.join(repr(value) for value in OPEN_VALUES)})")


def utc_column(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class TeamRow(SQLModel, table=True):
    """A Slack workspace served by this deployment, with its task-number counter."""

    __tablename__ = "teams"
    team_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(max_length=200)
    next_task_number: int = Field(default=1)
    created_at: datetime = utc_column()


class PersonRow(SQLModel, table=True):
    """A person as the config or a Slack edit said, from `valid_from` until `valid_to`."""

    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_current", "team_id", "slack_id", "valid_to"),
        Index(  # one current row per person, whoever writes at the same moment
            "uq_people_one_current",
            "team_id",
            "slack_id",
            unique=True,
            sqlite_where=text("valid_to IS NULL"),
            postgresql_where=text("valid_to IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    slack_id: str = Field(max_length=32)
    name: str = Field(max_length=200)
    role: str = Field(max_length=16)
    scopes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    assistants: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    timezone: str = Field(max_length=64)
    active: bool = True
    slack_deleted: bool = False  # Slack said the account was deactivated (user_change)
    source: str = Field(default="config", max_length=16)  # "slack": a manager edited it in Slack
    # an assistant's shift (day names, local start and end); all None for everyone else
    shift_days: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    shift_start: time | None = Field(default=None, sa_column=Column(Time, nullable=True))
    shift_end: time | None = Field(default=None, sa_column=Column(Time, nullable=True))
    valid_from: datetime = utc_column()
    valid_to: datetime | None = utc_column(nullable=True)


class TaskRow(SQLModel, table=True):
    """A delegated task; `title` is channel-visible, `details` and `patient_ref` are private."""

    __tablename__ = "tasks"
    __table_args__ = (
        UniqueConstraint("team_id", "number", name="uq_tasks_team_number"),
        Index("ix_tasks_team_status_due", "team_id", "status", "due_at"),
        Index("ix_tasks_team_assignee_status", "team_id", "assignee_id", "status"),
        Index("ix_tasks_team_assignee_assigned", "team_id", "assignee_id", "assigned_at"),
        Index("ix_tasks_team_channel_thread", "team_id", "channel_id", "thread_ts"),
        Index("ix_tasks_team_next_check", "team_id", "next_check_at"),
        Index("ix_tasks_team_redacted_closed", "team_id", "redacted_at", "closed_at"),
        Index(
            "ix_tasks_team_open_due",
            "team_id",
            "due_at",
            sqlite_where=IS_OPEN,
            postgresql_where=IS_OPEN,
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    number: int
    code: str = Field(max_length=16)
    type_id: str = Field(max_length=64)
    priority: str = Field(max_length=16)
    status: str = Field(max_length=16)
    requester_id: str = Field(max_length=32)
    assignee_id: str | None = Field(default=None, max_length=32)
    title: str = Field(max_length=200)
    details: str = Field(default="")
    patient_ref: str = Field(default="", max_length=200)
    due_at: datetime = utc_column()
    created_at: datetime = utc_column()
    assigned_at: datetime | None = utc_column(nullable=True)
    claimed_at: datetime | None = utc_column(nullable=True)
    closed_at: datetime | None = utc_column(nullable=True)
    source_permalink: str = Field(default="", max_length=500)
    channel_id: str = Field(default="", max_length=32)
    thread_ts: str = Field(default="", max_length=32)
    resolution: str = Field(default="")
    return_reason: str = Field(default="")
    answer: str = Field(default="")
    snoozed_until: datetime | None = utc_column(nullable=True)
    clock_target_at: datetime | None = utc_column(nullable=True)  # the running clock's target
    clock_epoch: int = 0  # bumped whenever a clock (re)starts; part of every notice's key
    next_check_at: datetime | None = utc_column(nullable=True)  # when the sweep looks again
    last_activity_at: datetime | None = utc_column(nullable=True)  # the claimer's last move
    redacted_at: datetime | None = utc_column(nullable=True)  # private fields removed (retention)


class TaskEventRow(SQLModel, table=True):
    """Append-only audit trail: who did what to which task, when and why."""

    __tablename__ = "task_events"
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    task_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("tasks.id"), nullable=True, index=True)
    )
    actor_id: str = Field(max_length=32)
    action: str = Field(max_length=32)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    at: datetime = utc_column(index=True)
    reason: str = Field(default="")


class OutboxRow(SQLModel, table=True):
    """A Slack call to make after the change that announced it has committed."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_not_before", "status", "not_before"),
        Index("ix_outbox_task_id", "task_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    task_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("tasks.id"), nullable=True)
    )
    method: str = Field(max_length=64)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    paced_channel: str = Field(default="", max_length=32)  # pacing key of a message, else ""
    records_card: bool = False
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    not_before: datetime = utc_column()
    lease_until: datetime | None = utc_column(nullable=True)
    created_at: datetime = utc_column()
    sent_at: datetime | None = utc_column(nullable=True)
    result_channel: str = Field(default="", max_length=32)
    result_ts: str = Field(default="", max_length=32)
    last_error: str = Field(default="", max_length=500)


class ProcessedEventRow(SQLModel, table=True):
    """A Slack delivery already handled (event id, trigger id or view id), for dedupe."""

    __tablename__ = "processed_events"
    team_id: str = Field(primary_key=True, max_length=32)
    key: str = Field(primary_key=True, max_length=200)
    task_id: int | None = None
    seen_at: datetime = utc_column()


class ChannelPaceRow(SQLModel, table=True):
    """When the next message may be posted to a channel (or a user's DM), for every process."""

    __tablename__ = "channel_pace"
    team_id: str = Field(primary_key=True, max_length=32)
    channel: str = Field(primary_key=True, max_length=32)
    next_at: datetime = utc_column()


class ClockNoticeRow(SQLModel, table=True):
    """A reminder or escalation sent once: the unique key makes a second sweep a no-op."""

    __tablename__ = "clock_notices"
    __table_args__ = (
        UniqueConstraint(
            "task_id", "clock", "epoch", "level", "repetition", "recipient",
            name="uq_clock_notices_key",
        ),
    )  # fmt: skip
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    task_id: int = Field(sa_column=Column(Integer, ForeignKey("tasks.id"), nullable=False))
    clock: str = Field(max_length=16)
    epoch: int
    level: int
    repetition: int
    recipient: str = Field(max_length=32)
    sent_at: datetime = utc_column(index=True)


class DigestRunRow(SQLModel, table=True):
    """A digest sent (or skipped as empty) to one recipient for one period, at most once."""

    __tablename__ = "digest_runs"
    team_id: str = Field(primary_key=True, max_length=32)
    kind: str = Field(primary_key=True, max_length=16)
    recipient: str = Field(primary_key=True, max_length=32)
    period: str = Field(primary_key=True, max_length=32)
    sent_at: datetime = utc_column()
    skipped: bool = False


class HeartbeatRow(SQLModel, table=True):
    """The last moment a background process said it was alive."""

    __tablename__ = "heartbeats"
    process: str = Field(primary_key=True, max_length=64)
    at: datetime = utc_column()


class AbsenceRow(SQLModel, table=True):
    """An assistant's time off; `started_swept_at`: when the start-of-absence sweep ran (once)."""

    __tablename__ = "absences"
    __table_args__ = (Index("ix_absences_team_ends", "team_id", "ends_at"),)
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    slack_id: str = Field(max_length=32)
    starts_at: datetime = utc_column()
    ends_at: datetime = utc_column()
    note: str = Field(default="", max_length=300)  # private: never posted in a channel
    created_by: str = Field(max_length=32)
    created_at: datetime = utc_column()
    started_swept_at: datetime | None = utc_column(nullable=True)
