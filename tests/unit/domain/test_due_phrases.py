from datetime import UTC, datetime, time

import pytest

from bot.domain.due_phrases import looks_like_due, parse_due
from tests.builders import NEW_YORK, ny

NOW = ny(2026, 3, 2, 10)  # Monday, EST


def utc(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def due(phrase: str, now: datetime = NOW) -> datetime | None:
    return parse_due(phrase, tz=NEW_YORK, day_end=time(17), now=now)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", utc(3, 2, 22)),
        ("EOD", utc(3, 2, 22)),
        ("end of day", utc(3, 2, 22)),
        ("tonight", utc(3, 3, 2)),
        ("tonight 8pm", utc(3, 3, 1)),
        ("tomorrow", utc(3, 3, 22)),
        ("tomorrow 10am", utc(3, 3, 15)),
        ("tue", utc(3, 3, 22)),
        ("Tuesday", utc(3, 3, 22)),
        ("thurs", utc(3, 5, 22)),
        ("mon", utc(3, 9, 21)),  # next Monday, after the DST change
        ("friday at 2pm", utc(3, 6, 19)),
        ("tue 3:30 p.m.", utc(3, 3, 20, 30)),
        ("3pm", utc(3, 2, 20)),
        ("3 PM", utc(3, 2, 20)),
        ("9am", utc(3, 3, 14)),  # already past today
        ("15:00", utc(3, 2, 20)),
        ("at noon", utc(3, 2, 17)),
        ("12am", utc(3, 3, 5)),
        ("12/3", utc(12, 3, 22)),
        ("12/03/2026", utc(12, 3, 22)),
        ("12/3/26", utc(12, 3, 22)),
        ("2026-12-03", utc(12, 3, 22)),
        ("Dec 3", utc(12, 3, 22)),
        ("December 3rd", utc(12, 3, 22)),
        ("dec. 3, 2026 9am", utc(12, 3, 14)),
        ("3/1", utc(3, 1, 22, year=2027)),  # already past this year
        ("3/1/2026", utc(3, 1, 22)),  # past: reported by the caller
    ],
)
def test_parse_due(phrase: str, expected: datetime) -> None:
    assert due(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    ["", "someday", "soon", "3", "25:00", "13pm", "2/30", "13/1", "mar", "dec 3pm", "friday at"],
)
def test_unreadable(phrase: str) -> None:
    assert due(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "temporal"),
    [
        ("someday", True),
        ("tue", True),
        ("dec 3", True),
        ("the 3rd", True),
        ("tmrw", True),
        ("Dr Osei", False),
        ("phone", False),
        ("the front desk", False),
    ],
)
def test_looks_like_due(phrase: str, temporal: bool) -> None:
    assert looks_like_due(phrase) is temporal
