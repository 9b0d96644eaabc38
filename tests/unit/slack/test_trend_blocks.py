"""The weekly summary's headline and trend rows: ▲/▼ against the week before, within limits."""

from __future__ import annotations

from datetime import timedelta

from bot.devkit import limits, specs
from bot.domain.weekly import Rate, WeekFigures, WeeklyFigures, Window
from bot.slack.blocks.trends import headline, trend_rows, weekly_message
from tests.builders import NEW_YORK, ny

LAST = Window(ny(2026, 11, 23, 7, 30), ny(2026, 11, 30, 7, 30))
THIS = Window(LAST.end, ny(2026, 12, 7, 7, 30))


def week(
    window: Window, created: int, done: int, on_time: int, claim_h: float, fired: int
) -> WeekFigures:
    return WeekFigures(window, created, Rate(done, on_time), timedelta(hours=claim_h), fired, {})


FIGURES = WeeklyFigures(
    now=THIS.end,
    weeks=(week(LAST, 40, 100, 83, 2.0, 1), week(THIS, 38, 100, 87, 1.5, 3)),
    open_by_age=(),
    overdue=6,
    oldest_days=3.4,
    assistants=(),
)


def test_the_headline_states_the_rate_its_change_overdue_and_the_oldest() -> None:
    assert headline(FIGURES) == "on time 87% (▲4 pts), 6 overdue, oldest 3 business days"


def test_each_trend_row_shows_the_change_since_last_week() -> None:
    assert trend_rows(FIGURES) == [
        ("Created", "38 (▼2)"),
        ("Done", "100 (=0)"),
        ("On time", "87% (▲4 pts)"),
        ("Median time to claim", "1.5 h (▼0.5 h)"),
        ("Overdue now", "6"),
        ("Escalations fired", "3 (▲2)"),
    ]


def test_a_first_week_has_no_arrows_and_a_quiet_one_says_so() -> None:
    first = WeeklyFigures(THIS.end, (week(THIS, 0, 0, 0, 1, 0),), (), 0, None, ())
    assert headline(first) == "no work done, 0 overdue, nothing open"
    assert trend_rows(first)[0] == ("Created", "0")


def test_the_weekly_message_fits_block_kit() -> None:
    message = weekly_message(FIGURES, NEW_YORK)
    assert message["blocks"][0]["text"]["text"] == "Your week: Nov 30 to Dec 7"
    assert limits.check_message(message) == []
    assert specs.check_blocks(message["blocks"]) == []
