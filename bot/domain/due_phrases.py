"""Read a due phrase such as "tue 3pm", "12/3" or "tomorrow" in a practice's time zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TONIGHT = time(21)  # "tonight" without a time
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# keyword: (days from today, time when none is given; None means the end of business day)
_RELATIVE_DAYS: dict[str, tuple[int, time | None]] = {
    "today": (0, None),
    "eod": (0, None),
    "end of day": (0, None),
    "tonight": (0, TONIGHT),
    "tomorrow": (1, None),
    "tmrw": (1, None),
}
_FLAGS = re.IGNORECASE | re.ASCII
_DIGIT = re.compile("[0-9]")
_PHRASE = re.compile(
    r"(?P<day>.*?)\s*(?:\bat\s+)?"
    r"(?:(?P<noon>noon)|(?P<hour>[0-9]{1,2})(?::(?P<minute>[0-9]{2}))?\s*(?:(?P<ap>[ap])\.?m\.?)?)",
    _FLAGS,
)
_DATES = tuple(
    re.compile(pattern, _FLAGS)
    for pattern in (
        r"(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})(?:/(?P<y>[0-9]{4}|[0-9]{2}))?",
        r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})",
        r"(?P<m>[a-z]{3,9})\.?\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>[0-9]{4}))?",
    )
)


def parse_due(phrase: str, *, tz: ZoneInfo, day_end: time, now: datetime) -> datetime | None:
    """The moment `phrase` names, as aware UTC; None if it cannot be read.

    A day without a time means `day_end` that day; a time without a day means the next
    such time (today, or tomorrow if it has passed). Weekdays mean the next one, never today.
    """
    try:
        return _read(phrase.strip(), tz, day_end, now)
    except (ValueError, OverflowError):  # impossible dates and times such as 2/30 or 25:00
        return None


def looks_like_due(phrase: str) -> bool:
    """Whether `phrase` is trying to name a time, so failing to read it is worth reporting."""
    return any(_temporal(word.strip(".,")) for word in phrase.lower().split())


def _temporal(word: str) -> bool:
    return (
        _DIGIT.search(word) is not None
        or word.endswith(("day", "night"))
        or word in _RELATIVE_DAYS
        or _prefix_index(word, WEEKDAY_NAMES) is not None
        or _prefix_index(word, MONTH_NAMES) is not None
    )


def _prefix_index(word: str, names: tuple[str, ...]) -> int | None:
    """Index of the name that `word` abbreviates (three letters at least)."""
    if len(word) >= 3:
        for index, name in enumerate(names):
            if name.startswith(word):
                return index
    return None


def _read(phrase: str, tz: ZoneInfo, day_end: time, now: datetime) -> datetime | None:
    day_text, clock = _split(phrase)
    today = now.astimezone(tz).date()
    if not day_text:
        return _next_time(today, clock, tz, now) if clock else None
    found = _day(day_text.lower(), today)
    if found is None:
        return None
    day, default_clock = found
    return _at(day, clock or default_clock or day_end, tz)


def _split(phrase: str) -> tuple[str, time | None]:
    """Separate a trailing clock time (3pm, 3:30 pm, 15:00, noon) from the day part."""
    match = _PHRASE.fullmatch(phrase)
    if match is None or not (match["noon"] or match["ap"] or match["minute"]):
        return phrase, None
    if match["noon"]:
        return match["day"], time(12)
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["ap"]:
        if not 1 <= hour <= 12:
            raise ValueError("12-hour clock out of range")
        hour = hour % 12 + (12 if match["ap"].lower() == "p" else 0)
    return match["day"], time(hour, minute)


def _next_time(today: date, clock: time, tz: ZoneInfo, now: datetime) -> datetime:
    due = _at(today, clock, tz)
    return due if due > now else _at(today + timedelta(days=1), clock, tz)


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tz).astimezone(UTC)


def _day(text: str, today: date) -> tuple[date, time | None] | None:
    """The day `text` names and its default time, if it has one of its own."""
    if text in _RELATIVE_DAYS:
        offset, default_clock = _RELATIVE_DAYS[text]
        return today + timedelta(days=offset), default_clock
    weekday = _prefix_index(text.rstrip("."), WEEKDAY_NAMES)
    if weekday is not None:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1), None
    for pattern in _DATES:
        match = pattern.fullmatch(text)
        if match:
            return _date(match, today), None
    return None


def _date(match: re.Match[str], today: date) -> date:
    """A calendar date; without a year, the next one on or after today."""
    month, day = _month(match["m"]), int(match["d"])
    if match["y"]:
        year = int(match["y"])
        return date(year + 2000 if year < 100 else year, month, day)
    found = date(today.year, month, day)
    return found if found >= today else found.replace(year=today.year + 1)


def _month(text: str) -> int:
    if text.isdigit():
        return int(text)
    index = _prefix_index(text, MONTH_NAMES)
    if index is None:
        raise ValueError("not a month")
    return index + 1
