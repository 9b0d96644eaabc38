"""What the services need from storage and from Slack, as interfaces."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from bot.domain.absence import Absence
from bot.domain.digest import DigestData
from bot.domain.lifecycle import Action, Verdict
from bot.domain.people import Person
from bot.domain.practice import Practice
from bot.domain.routing import RoutingDecision
from bot.domain.task import Priority, Status, Task
from bot.domain.weekly import WeeklyFigures

if TYPE_CHECKING:
    from bot.services.digests import Digest
    from bot.services.escalation_looks import Escalation
    from bot.services.home import Home, TaskQueries


@dataclass(frozen=True)
class ChartFile:
    """A chart Slack holds (uploaded with a weekly digest): shown in App Home by file id."""

    file_id: str
    title: str
    alt_text: str


@dataclass(frozen=True)
class NewTask:
    team_id: str
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
    source_permalink: str = ""
    clock_target_at: datetime | None = None
    clock_epoch: int = 0
    next_check_at: datetime | None = None


@dataclass(frozen=True)
class NoticeKey:
    """A reminder or escalation as the ledger keys it: one firing of a clock, to one recipient."""

    team_id: str
    task_id: int
    clock: str
    epoch: int
    level: int
    repetition: int
    recipient: str


@dataclass(frozen=True)
class Workload:
    """What routing weighs: open tasks per assistant, and when each was last given one."""

    open_counts: Mapping[str, int]
    last_assigned: Mapping[str, datetime]


@dataclass(frozen=True)
class ReplyTo:
    """Where an ephemeral answer goes: a response_url, or a user in a channel (and thread)."""

    response_url: str = ""
    channel: str = ""
    user: str = ""
    thread_ts: str = ""


class TaskRepository(Protocol):
    def add(self, new: NewTask) -> Task: ...
    def get(self, team_id: str, code: str) -> Task | None: ...
    def get_by_id(self, task_id: int) -> Task | None: ...
    def lock_due(self, task_ids: Collection[int], now: datetime) -> dict[int, Task]: ...
    def by_thread(self, team_id: str, channel_id: str, thread_ts: str) -> Task | None: ...
    def held_by_others(self, team_id: str, keep: frozenset[str]) -> list[Task]: ...
    def transition(
        self, task_id: int, expected: Status, changes: Mapping[str, object]
    ) -> Task | None:
        """The task after `changes`, applied only if still in `expected` status; else None."""
        ...

    def workload(self, team_id: str, assistants: Collection[str]) -> Workload: ...
    def due_for_check(self, team_id: str, now: datetime, *, limit: int) -> list[Task]: ...
    def set_next_checks(self, moves: Sequence[tuple[Task, datetime | None]]) -> bool: ...
    def record_activity(self, task: Task, now: datetime) -> bool: ...


class PeopleRepository(Protocol):
    def set_slack_deleted(
        self, team_id: str, slack_id: str, deleted: bool, config_active: bool, now: datetime
    ) -> bool: ...
    def inactive_ids(self, team_id: str) -> frozenset[str]: ...
    def roster(self, team_id: str) -> list[Person]: ...
    def save(
        self, team_id: str, person: Person, now: datetime, *, replacing: Person | None
    ) -> bool: ...


class AbsenceRepository(Protocol):
    def add(self, absence: Absence, now: datetime) -> Absence: ...
    def current(self, team_id: str, now: datetime) -> list[Absence]: ...
    def starting(self, team_id: str, now: datetime) -> list[Absence]: ...
    def mark_started(self, absence_id: int, now: datetime) -> bool: ...
    def get(self, team_id: str, absence_id: int) -> Absence | None: ...
    def change(self, absence: Absence, now: datetime) -> bool: ...
    def remove(self, absence_id: int, now: datetime) -> bool: ...


@dataclass(frozen=True)
class AuditEntry:
    """One audit row: who did what to a task (None: to no task), when, and why."""

    task_id: int | None
    team_id: str
    actor_id: str
    action: str
    at: datetime
    to_status: Status | None = None
    from_status: Status | None = None
    reason: str = ""


class AuditLog(Protocol):
    def record(
        self,
        task: Task | None,
        *,
        team_id: str,
        actor_id: str,
        action: str,
        at: datetime,
        to_status: Status | None = None,
        from_status: Status | None = None,
        reason: str = "",
    ) -> None: ...
    def record_all(self, entries: Sequence[AuditEntry]) -> None:
        """Several rows at once (one round trip), in the order given."""


class Ledger(Protocol):
    """Exactly-once keys for what the clock sends (unique in the database)."""

    def first_notices(self, keys: Collection[NoticeKey], now: datetime) -> set[NoticeKey]: ...
    def first_digest(
        self, *, team_id: str, kind: str, recipient: str, period: str, now: datetime, skipped: bool
    ) -> bool: ...
    def digest_recorded(self, team_id: str, kind: str, recipient: str, period: str) -> bool: ...
    def beat(self, process: str, now: datetime) -> None: ...


class DigestQueries(Protocol):
    def digest_data(
        self, team_id: str, since: datetime, until: datetime, now: datetime
    ) -> DigestData: ...
    def escalations_fired(self, team_id: str, since: datetime, until: datetime) -> int: ...
    def dead_messages(self, team_id: str) -> int: ...
    def latest_charts(self, team_id: str, channels: Collection[str]) -> list[ChartFile]: ...


@dataclass(frozen=True)
class AccessEntry:
    """One look at (or refusal of) a task's private fields: codes and times only, no PHI."""

    at: datetime
    task_code: str  # "" when the task did not exist
    outcome: str  # viewed | refused | cli_read
    surface: str  # card | dm | home | cli, or "" for looks recorded before surfaces were


class Retention(Protocol):
    """Closed tasks whose private fields outlived the retention period, and their redaction."""

    def expired(self, team_id: str, closed_before: datetime, *, limit: int) -> list[Task]: ...
    def redact(self, task_ids: list[int], closed_before: datetime, now: datetime) -> list[Task]: ...
    def access(self, team_id: str, actor_id: str, since: datetime) -> list[AccessEntry]: ...


class Dedupe(Protocol):
    def first_time(
        self, team_id: str, key: str, now: datetime, task_id: int | None = None
    ) -> bool: ...
    def task_for(self, team_id: str, key: str) -> int | None: ...


class Notifier(Protocol):
    """Announces changes; implementations queue Slack calls in the same transaction."""

    def task_created(
        self, practice: Practice, task: Task, decision: RoutingDecision, response_url: str = ""
    ) -> None:
        """The card and who it went to; with `response_url`, the requester's confirmation too
        (for flows whose ack cannot carry it: modals)."""

    def publish_home(self, practice: Practice, user_id: str, home: Home) -> None: ...
    def task_rerouted(
        self, practice: Practice, before: Task, after: Task, decision: RoutingDecision, cause: str
    ) -> None: ...
    def escalated(self, practice: Practice, escalations: Sequence[Escalation]) -> None: ...
    def lease_expired(self, practice: Practice, before: Task, after: Task) -> None: ...
    def digest(self, practice: Practice, channel: str, digest: Digest, tz: ZoneInfo) -> None: ...
    def weekly_digest(
        self, practice: Practice, channel: str, figures: WeeklyFigures, tz: ZoneInfo
    ) -> None: ...
    def people_left(self, practice: Practice, moves: list[tuple[Task, Task]]) -> None: ...
    def absence_started(
        self, practice: Practice, absence: Absence, moves: list[tuple[Task, Task]],
        in_hand: list[Task],
    ) -> None: ...  # fmt: skip
    def tell(self, team_id: str, reply_to: ReplyTo, text: str) -> None: ...
    def task_changed(
        self, practice: Practice, before: Task, after: Task, action: Action, actor_id: str
    ) -> None: ...
    def refused(
        self, team_id: str, reply_to: ReplyTo, task: Task | None, action: Action, verdict: Verdict
    ) -> None: ...


class UnitOfWork(Protocol):
    @property
    def tasks(self) -> TaskRepository: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def dedupe(self) -> Dedupe: ...
    @property
    def notify(self) -> Notifier: ...
    @property
    def queries(self) -> TaskQueries: ...
    @property
    def people(self) -> PeopleRepository: ...
    @property
    def ledger(self) -> Ledger: ...
    @property
    def absences(self) -> AbsenceRepository: ...
    @property
    def digests(self) -> DigestQueries: ...
    @property
    def retention(self) -> Retention: ...

    def reads(self) -> UnitOfWork:
        """A unit of work on the same data that only reads (on SQLite: no write lock)."""
        ...

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...


class SlackRefused(Exception):
    """Slack answered a call with an error (`code` as Slack names it), or could not be reached."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class SlackIdentity:
    """Whom the bot token belongs to; `scopes` is None when Slack did not say."""

    team_id: str
    user_id: str
    scopes: frozenset[str] | None


@dataclass(frozen=True)
class SlackChannel:
    id: str
    name: str
    is_member: bool


@dataclass(frozen=True)
class SlackUser:
    id: str
    deleted: bool
    is_bot: bool
    tz: str


class SlackWorkspace(Protocol):
    """What `bot doctor` asks Slack; each call raises SlackRefused on an error answer."""

    def identity(self) -> SlackIdentity: ...
    def channel(self, channel_id: str) -> SlackChannel: ...
    def user(self, user_id: str) -> SlackUser: ...


@dataclass(frozen=True)
class SchemaState:
    """The database's migration revision (None: no schema) and the code's head revision."""

    current: str | None
    head: str


@dataclass(frozen=True)
class OutboxHealth:
    pending: int
    dead: int
    oldest_pending_at: datetime | None


class OperationsStore(Protocol):
    """What operators check in the database: schema, outbox, heartbeats."""

    def reachable(self) -> bool: ...
    def schema(self) -> SchemaState: ...
    def outbox(self) -> OutboxHealth: ...
    def heartbeat(self, process: str) -> datetime | None: ...
