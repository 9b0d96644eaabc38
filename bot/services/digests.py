"""Daily digests: at each recipient's local time, at most once per recipient and period.

A catch-up sweep like the escalations: for every recipient whose period is due as of `now`,
compute the digest from a read-only transaction, then record (recipient, kind, period) in the
ledger and queue the message in one short write transaction. The unique key makes a second
worker, a rerun or a missed tick harmless; an empty digest is recorded as skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.absence import away_at
from bot.domain.digest import AssistantDigest, ClinicianDigest, assistant_digest, clinician_digest
from bot.domain.digest_manager import ManagerDigest, manager_digest
from bot.domain.digest_schedule import DigestPeriod, due_period
from bot.domain.people import Person, Role
from bot.domain.practice import DigestSchedule, Practice
from bot.services.ports import UnitOfWork

AUDIENCES = ("manager", "assistant", "clinician")
ROLES = {"manager": Role.MANAGER, "assistant": Role.ASSISTANT, "clinician": Role.CLINICIAN}
Digest = ManagerDigest | AssistantDigest | ClinicianDigest


@dataclass(frozen=True)
class DigestSent:
    audience: str
    recipient: str  # a Slack user id (DM) or the digests channel
    period: DigestPeriod
    digest: Digest
    skipped: bool  # empty and the schedule skips empty digests, or the assistant is away


def send_digests(
    uow: Callable[[], UnitOfWork], read: Callable[[], UnitOfWork], practice: Practice,
    audience: str, now: datetime, *, dry_run: bool = False,
) -> list[DigestSent]:  # fmt: skip
    """Every `audience` digest due as of `now` and not sent yet (`read` opens read-only work)."""
    schedule = next((d for d in practice.digests if d.audience == audience), None)
    if schedule is None:
        return []
    results = []
    for recipient, tz, person, when in _recipients(practice, schedule):
        period = due_period(when, recipient, tz, now)
        if period is None:
            continue
        with read() as reading:
            key = (practice.team_id, audience, recipient, period.key)
            if reading.ledger.digest_recorded(*key):
                continue  # sent (or skipped) already: the common case, read nothing more
            digest = _compute(reading, practice, audience, person, period, now)
            away = audience == "assistant" and _away(reading, practice, recipient, period)
        sent = DigestSent(audience, recipient, period, digest, away or _skip(schedule, digest))
        if dry_run or _record(uow(), practice, sent, tz, now):
            results.append(sent)
    return results


def _recipients(
    practice: Practice, schedule: DigestSchedule
) -> Iterator[tuple[str, ZoneInfo, Person | None, DigestSchedule]]:
    """Who gets this digest, in which time zone, on which schedule.

    The channel reads in practice time; an assistant with a shift gets theirs as it starts.
    """
    if schedule.to_channel:
        yield practice.channels.digests, practice.tz, None, schedule
        return
    for person in practice.with_role(ROLES[schedule.audience]):
        yield person.slack_id, person.tz, person, _own_schedule(schedule, person)


def _own_schedule(schedule: DigestSchedule, person: Person) -> DigestSchedule:
    """The assistant digest comes at the start of each shift; the config's `at` otherwise."""
    if schedule.audience != "assistant" or person.shift is None:
        return schedule
    return replace(schedule, at=person.shift.start, days=person.shift.days)


def _compute(
    uow: UnitOfWork, practice: Practice, audience: str, person: Person | None,
    period: DigestPeriod, now: datetime,
) -> Digest:  # fmt: skip
    data = uow.digests.digest_data(practice.team_id, period.since, period.until, now)
    if audience == "manager":
        fired = uow.digests.escalations_fired(practice.team_id, period.since, period.until)
        dead = uow.digests.dead_messages(practice.team_id)
        return manager_digest(practice, data, escalations=fired, dead_messages=dead)
    assert person is not None
    if audience == "assistant":
        return assistant_digest(person, data)
    return clinician_digest(person.slack_id, data)


def _away(uow: UnitOfWork, practice: Practice, recipient: str, period: DigestPeriod) -> bool:
    """Whether the assistant is on time off when this digest is due (their day off)."""
    return recipient in away_at(uow.absences.current(practice.team_id, period.until), period.until)


def _skip(schedule: DigestSchedule, digest: Digest) -> bool:
    return schedule.skip_when_empty and digest.is_empty


def _record(
    uow: UnitOfWork, practice: Practice, sent: DigestSent, tz: ZoneInfo, now: datetime
) -> bool:
    """Key the digest and queue its message in one transaction; False if it went before."""
    with uow:
        first = uow.ledger.first_digest(
            team_id=practice.team_id, kind=sent.audience, recipient=sent.recipient,
            period=sent.period.key, now=now, skipped=sent.skipped,
        )  # fmt: skip
        if first and not sent.skipped:
            uow.notify.digest(practice, sent.recipient, sent.digest, tz)
        uow.commit()
    return first
