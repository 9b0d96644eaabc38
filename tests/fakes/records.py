"""The audit log, dedupe keys, the clock's ledger, people and digest queries, in memory."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import astuple, replace
from datetime import datetime

from bot.domain.absence import Absence
from bot.domain.digest import DigestData, TaskEvent
from bot.domain.people import Person
from bot.domain.task import OPEN_STATUSES, Status, Task
from bot.services.ports import AccessEntry, AuditEntry, ChartFile, NoticeKey
from tests.fakes.store import AuditEvent, FakeStore


class FakeAuditLog:
    def __init__(self, store: FakeStore) -> None:
        self.store = store

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
    ) -> None:
        task_id = task.id if task else None
        event = AuditEvent(task_id, team_id, actor_id, action, at, to_status, from_status, reason)
        self.store.events.append(event)

    def record_all(self, entries: Sequence[AuditEntry]) -> None:
        self.store.events.extend(entries)


class FakeDedupe:
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def first_time(self, team_id: str, key: str, now: datetime, task_id: int | None = None) -> bool:
        if (team_id, key) in self.store.seen:
            return False
        self.store.seen.add((team_id, key))
        if task_id is not None:
            self.store.remembered[(team_id, key)] = task_id
        return True

    def task_for(self, team_id: str, key: str) -> int | None:
        return self.store.remembered.get((team_id, key))


class FakeLedger:
    """Unique keys like the database's: a repeated key is refused."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def first_notices(self, keys: Collection[NoticeKey], now: datetime) -> set[NoticeKey]:
        new = {key for key in keys if astuple(key) not in self.store.notices}
        self.store.notices |= {astuple(key): now for key in new}
        return new

    def first_digest(
        self, *, team_id: str, kind: str, recipient: str, period: str, now: datetime, skipped: bool
    ) -> bool:
        key = (team_id, kind, recipient, period)
        if key in self.store.digest_runs:
            return False
        self.store.digest_runs[key] = skipped
        return True

    def digest_recorded(self, team_id: str, kind: str, recipient: str, period: str) -> bool:
        return (team_id, kind, recipient, period) in self.store.digest_runs

    def beat(self, process: str, now: datetime) -> None:
        self.store.beats[process] = now


class FakePeople:
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def set_slack_deleted(
        self, team_id: str, slack_id: str, deleted: bool, config_active: bool, now: datetime
    ) -> bool:
        before = self.store.slack_deleted.get((team_id, slack_id), False)
        self.store.slack_deleted[(team_id, slack_id)] = deleted
        return before != deleted

    def inactive_ids(self, team_id: str) -> frozenset[str]:
        return frozenset(
            who
            for (team, who), gone in self.store.slack_deleted.items()
            if gone and team == team_id
        )

    def roster(self, team_id: str) -> list[Person]:
        """People edited in Slack (the config's people stand for the rest)."""
        return [person for (team, _), person in self.store.roster.items() if team == team_id]

    def save(
        self, team_id: str, person: Person, now: datetime, *, replacing: Person | None
    ) -> bool:
        """Saved unless an edit stored since (or an addition's earlier one) says otherwise."""
        stored = self.store.roster.get((team_id, person.slack_id))
        if stored is not None and stored != replacing:
            return False
        self.store.roster[(team_id, person.slack_id)] = person
        return True


class FakeDigestQueries:
    """Digest data from the stored tasks and audit events; dead messages as the test sets them."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def digest_data(
        self, team_id: str, since: datetime, until: datetime, now: datetime
    ) -> DigestData:
        events = [
            TaskEvent(e.task_id, e.action, e.actor_id, e.at)
            for e in self.store.events
            if e.team_id == team_id and e.task_id is not None and since <= e.at < until
        ]
        named = {event.task_id for event in events}
        tasks = {
            t.id: t
            for t in self.store.tasks.values()
            if t.team_id == team_id and (t.status in OPEN_STATUSES or t.id in named)
        }
        return DigestData(since=since, until=until, now=now, tasks=tasks, events=events)

    def latest_charts(self, team_id: str, channels: Collection[str]) -> list[ChartFile]:
        """Charts a test put in the store as uploaded, newest last."""
        return list(self.store.charts)

    def escalations_fired(self, team_id: str, since: datetime, until: datetime) -> int:
        """Firings above the reminder level in [since, until), each once however many were told."""
        fired = {
            key[1:6]
            for key, at in self.store.notices.items()
            if key[0] == team_id and key[4] > 0 and since <= at < until
        }
        return len(fired)

    def dead_messages(self, team_id: str) -> int:
        return self.store.dead_messages


class FakeAbsences:
    """Absences in the store; the sweep's `started` mark is set at most once."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def add(self, absence: Absence, now: datetime) -> Absence:
        stored = replace(
            absence, id=max([0, *self.store.absences, *self.store.absences_started]) + 1
        )
        self.store.absences[stored.id] = stored
        return stored

    def current(self, team_id: str, now: datetime) -> list[Absence]:
        return sorted(
            (a for a in self.store.absences.values() if a.team_id == team_id and a.ends_at > now),
            key=lambda a: (a.starts_at, a.id),
        )

    def starting(self, team_id: str, now: datetime) -> list[Absence]:
        started = self.store.absences_started
        return [a for a in self.current(team_id, now) if a.covers(now) and a.id not in started]

    def mark_started(self, absence_id: int, now: datetime) -> bool:
        if absence_id not in self.store.absences or absence_id in self.store.absences_started:
            return False
        self.store.absences_started[absence_id] = now
        return True

    def get(self, team_id: str, absence_id: int) -> Absence | None:
        absence = self.store.absences.get(absence_id)
        return absence if absence is not None and absence.team_id == team_id else None

    def change(self, absence: Absence, now: datetime) -> bool:
        stored = self.store.absences.get(absence.id)
        if stored is None or stored.ends_at <= now:
            return False
        self.store.absences[absence.id] = replace(
            stored, ends_at=absence.ends_at, note=absence.note
        )
        return True

    def remove(self, absence_id: int, now: datetime) -> bool:
        stored = self.store.absences.get(absence_id)
        if stored is None or stored.starts_at <= now:
            return False
        del self.store.absences[absence_id]
        return True


class FakeRetention:
    """The access log read from the recorded audit events (looks and refusals)."""

    OUTCOMES = {"viewed_details": "viewed", "details_refused": "refused"}

    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def access(self, team_id: str, actor_id: str, since: datetime) -> list[AccessEntry]:
        return [
            AccessEntry(e.at, self._code(e.task_id), self.OUTCOMES[e.action], e.reason)
            for e in self.store.events
            if (e.team_id, e.actor_id) == (team_id, actor_id)
            and e.action in self.OUTCOMES
            and e.at >= since
        ]

    def _code(self, task_id: int | None) -> str:
        task = self.store.tasks.get(task_id) if task_id is not None else None
        return task.code if task else ""
