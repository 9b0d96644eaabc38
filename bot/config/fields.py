"""Field types of the config file: each parses one value or explains how to fix it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from difflib import get_close_matches
from functools import cache
from typing import Annotated, Any
from zoneinfo import available_timezones

from pydantic import AfterValidator, PlainValidator
from pydantic_core import PydanticCustomError

from bot.domain.hours import WEEKDAYS
from bot.domain.people import Role

CUSTOM_ERROR = "handoff_config"
NOTIFY_TARGETS = ("assignee", "backups", "requester", "managers", "escalations_channel")
CLOCKS = ("business", "wall")
DIGEST_DESTINATIONS = ("channel", "dm")

_DURATION = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?")
_CLOCK_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


def invalid(problem: str, fix: str) -> PydanticCustomError:
    """A validation error whose message is "<problem> — <fix>"."""
    return PydanticCustomError(CUSTOM_ERROR, "{text}", {"text": f"{problem} — {fix}"})


def parse_duration(value: object) -> timedelta:
    """Parse "1h30m" into timedelta(hours=1, minutes=30); units d, h and m, in that order."""
    text = value.strip().lower() if isinstance(value, str) else ""
    match = _DURATION.fullmatch(text)
    if not match or not any(match.groups()):
        raise invalid(
            f"bad duration '{value}'",
            "use a number and a unit (d, h or m) such as 15m, 2h, 1d or 1h30m",
        )
    days, hours, minutes = (int(group or 0) for group in match.groups())
    duration = timedelta(days=days, hours=hours, minutes=minutes)
    if not duration:
        raise invalid(f"duration '{value}' is zero", "use a positive duration such as 15m")
    return duration


def format_duration(duration: timedelta) -> str:
    """timedelta(minutes=90) -> "1h30m"."""
    days, minutes = divmod(int(duration.total_seconds()) // 60, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return "".join(
        f"{count}{unit}" for count, unit in ((days, "d"), (hours, "h"), (minutes, "m")) if count
    )


def parse_clock_time(value: object) -> time:
    match = _CLOCK_TIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        raise invalid(f"bad time '{value}'", 'use 24-hour "HH:MM" such as "08:00" or "17:30"')
    return time(int(match[1]), int(match[2]))


def parse_date(value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise invalid(f"bad date '{value}'", "use YYYY-MM-DD such as 2026-12-25") from None


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_time_zone(value: object) -> str:
    if isinstance(value, str) and value in _time_zones():
        return value
    closest = get_close_matches(str(value), _time_zones(), n=1) or ["America/New_York"]
    raise invalid(f"unknown time zone '{value}'", f"use an IANA name such as {closest[0]}")


def _slack_id(kind: str, example: str) -> Callable[[object], str]:
    prefix = example[0]
    pattern = re.compile(rf"{prefix}[A-Z0-9]{{8,}}")

    def check(value: object) -> str:
        if isinstance(value, str) and pattern.fullmatch(value):
            return value
        raise invalid(
            f"bad Slack {kind} id '{value}'",
            f"{kind} ids are {prefix} and 8 or more capital letters or digits, such as {example}",
        )

    return check


def _one_of(kind: str, choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if isinstance(value, str) and value in choices:
            return value
        raise invalid(f"unknown {kind} '{value}'", f"use one of: {', '.join(choices)}")

    return check


def _snake_case(value: object) -> str:
    if isinstance(value, str) and _SNAKE_CASE.fullmatch(value):
        return value
    raise invalid(
        f"bad task type id '{value}'", "use lowercase snake_case such as prior_authorization"
    )


def _retention_days(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise invalid(
        f"bad retention '{value}'", "write a whole number of days, at least 1, such as 90"
    )


def _not_blank(value: str) -> str:
    if not value.strip():
        raise invalid("empty text", "write a value")
    return value.strip()


def non_empty(what: str, fix: str) -> AfterValidator:
    """Reject an empty list with "no <what> — <fix>"."""

    def check(value: list[Any]) -> list[Any]:
        if not value:
            raise invalid(f"no {what}", fix)
        return value

    return AfterValidator(check)


Text = Annotated[str, AfterValidator(_not_blank)]
Duration = Annotated[timedelta, PlainValidator(parse_duration)]
ClockTime = Annotated[time, PlainValidator(parse_clock_time)]
HolidayDate = Annotated[date, PlainValidator(parse_date)]
TimeZone = Annotated[str, PlainValidator(check_time_zone)]
UserId = Annotated[str, PlainValidator(_slack_id("user", "U04ABCD1234"))]
ChannelId = Annotated[str, PlainValidator(_slack_id("channel", "C04ABCD1234"))]
TeamId = Annotated[str, PlainValidator(_slack_id("team", "T04ABCD1234"))]
RoleName = Annotated[str, PlainValidator(_one_of("role", tuple(role.value for role in Role)))]
ClockName = Annotated[str, PlainValidator(_one_of("clock", CLOCKS))]
DigestDestination = Annotated[str, PlainValidator(_one_of("destination", DIGEST_DESTINATIONS))]
NotifyTarget = Annotated[str, PlainValidator(_one_of("notify target", NOTIFY_TARGETS))]
TaskTypeId = Annotated[str, PlainValidator(_snake_case)]
RetentionDays = Annotated[int, PlainValidator(_retention_days)]
Day = Annotated[str, PlainValidator(_one_of("day", WEEKDAYS))]
Days = Annotated[list[Day], non_empty("days", f"list at least one of {', '.join(WEEKDAYS)}")]
