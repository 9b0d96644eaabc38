"""From the validated file to the domain Practice, and from a Practice to plain JSON."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

from bot.config.fields import format_duration
from bot.config.schema import Digests, Escalation, PersonSpec, PracticeFile, TaskTypeSpec
from bot.domain.hours import WEEKDAYS, WeeklyHours
from bot.domain.people import Person, Role
from bot.domain.practice import WEEKLY, Channels, DigestSchedule, EscalationLevel, Practice
from bot.domain.task import Priority
from bot.domain.task_types import Targets, TaskType


def to_practice(spec: PracticeFile) -> Practice:
    info = spec.practice
    tz = ZoneInfo(info.timezone)
    hours = info.business_hours
    return Practice(
        team_id=info.team_id,
        name=info.name,
        tz=tz,
        business_hours=_weekly(hours.days, hours.open, hours.close, tz),
        holidays=frozenset(info.holidays),
        channels=Channels(**spec.channels.model_dump()),
        task_types={task_type.id: _task_type(task_type) for task_type in spec.task_types},
        people={person.slack_id: _person(person, tz) for person in spec.people},
        escalations=tuple(_escalation(level) for level in spec.escalations),
        digests=_digests(spec.digests),
        retain_private_days=spec.privacy.retain_private_days,
    )


def _digests(spec: Digests) -> tuple[DigestSchedule, ...]:
    """The daily digests, then the weekly one (to wherever the manager digest goes)."""
    daily = (
        DigestSchedule(
            audience,
            digest.at,
            _day_numbers(digest.days),
            digest.skip_when_empty,
            to_channel=audience == "manager" and digest.to != "dm",
        )
        for audience, digest in (
            ("manager", spec.manager),
            ("assistant", spec.assistant),
            ("clinician", spec.clinician),
        )
        if digest
    )
    weekly = spec.weekly
    if weekly is None:
        return tuple(daily)
    to_channel = spec.manager is None or spec.manager.to != "dm"
    week = DigestSchedule(WEEKLY, weekly.at, _day_numbers([weekly.day]), False, to_channel)
    return (*daily, week)


def _day_numbers(days: Iterable[str]) -> frozenset[int]:
    return frozenset(WEEKDAYS.index(day) for day in days)


def _weekly(days: list[str], start: time, end: time, tz: ZoneInfo) -> WeeklyHours:
    return WeeklyHours(_day_numbers(days), start, end, tz)


def _task_type(spec: TaskTypeSpec) -> TaskType:
    return TaskType(
        id=spec.id,
        label=spec.label,
        description=spec.description,
        aliases=tuple(spec.aliases),
        procedure=tuple(spec.procedure),
        allows_patient_reference=spec.patient_reference,
        targets={
            Priority(priority): Targets(target.claim_within, target.resolve_within)
            for priority, target in spec.targets
        },
        lease=spec.lease,
    )


def _person(spec: PersonSpec, practice_tz: ZoneInfo) -> Person:
    tz = ZoneInfo(spec.timezone) if spec.timezone else practice_tz
    shift = spec.shift
    return Person(
        slack_id=spec.slack_id,
        role=Role(spec.role),
        name=spec.name or spec.slack_id,
        tz=tz,
        active=spec.active,
        scopes=frozenset(spec.scopes),
        shift=_weekly(shift.days, shift.start, shift.end, tz) if shift else None,
        assistants=tuple(spec.assistants),
    )


def _escalation(spec: Escalation) -> EscalationLevel:
    return EscalationLevel(spec.after, spec.clock, tuple(spec.notify), spec.repeat)


def to_json(practice: Practice) -> dict[str, Any]:
    """The practice as plain JSON data, keyed like the config file, defaults filled in."""
    hours = practice.business_hours
    return {
        "practice": {
            "name": practice.name,
            "team_id": practice.team_id,
            "timezone": practice.tz.key,
            "business_hours": {"days": _day_names(hours.days), **_span(hours, "open", "close")},
            "holidays": sorted(holiday.isoformat() for holiday in practice.holidays),
        },
        "channels": asdict(practice.channels),
        "task_types": [_task_type_json(task_type) for task_type in practice.task_types.values()],
        "people": [_person_json(person) for person in practice.people.values()],
        "escalations": [_escalation_json(level) for level in practice.escalations],
        "digests": {digest.audience: _digest_json(digest) for digest in practice.digests},
        "privacy": {"retain_private_days": practice.retain_private_days},
    }


def _day_names(days: frozenset[int]) -> list[str]:
    return [WEEKDAYS[day] for day in sorted(days)]


def _clock(at: time) -> str:
    return at.strftime("%H:%M")


def _span(hours: WeeklyHours, start_key: str, end_key: str) -> dict[str, str]:
    return {start_key: _clock(hours.start), end_key: _clock(hours.end)}


def _task_type_json(task_type: TaskType) -> dict[str, Any]:
    return {
        "id": task_type.id,
        "label": task_type.label,
        "aliases": list(task_type.aliases),
        "description": task_type.description,
        "procedure": list(task_type.procedure),
        "patient_reference": task_type.allows_patient_reference,
        "targets": {
            priority.value: {
                "claim_within": format_duration(targets.claim_within),
                "resolve_within": format_duration(targets.resolve_within),
            }
            for priority, targets in task_type.targets.items()
        },
        "lease": format_duration(task_type.lease) if task_type.lease else None,
    }


def _person_json(person: Person) -> dict[str, Any]:
    shift = person.shift
    return {
        "slack_id": person.slack_id,
        "name": person.name,
        "role": person.role.value,
        "scopes": sorted(person.scopes),
        "assistants": list(person.assistants),
        "active": person.active,
        "timezone": person.tz.key,
        "shift": {"days": _day_names(shift.days), **_span(shift, "start", "end")}
        if shift
        else None,
    }


def _escalation_json(level: EscalationLevel) -> dict[str, Any]:
    return {
        "after": format_duration(level.after),
        "clock": level.clock,
        "notify": list(level.notify),
        "repeat": format_duration(level.repeat) if level.repeat else None,
    }


def _digest_json(digest: DigestSchedule) -> dict[str, Any]:
    if digest.audience == WEEKLY:
        return {"day": _day_names(digest.days)[0], "at": _clock(digest.at)}
    return {
        "at": _clock(digest.at),
        "days": _day_names(digest.days),
        "skip_when_empty": digest.skip_when_empty,
    }
