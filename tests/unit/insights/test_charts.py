"""Weekly charts: PNGs of the expected size, not blank, with alt text carrying the numbers."""

from __future__ import annotations

import io

import pytest
from matplotlib.image import imread

from bot.domain.digest import DigestData
from bot.domain.weekly import WeeklyFigures, weekly_figures
from bot.insights.charts import weekly_charts
from tests.builders import PATEL, make_practice
from tests.unit.domain.test_weekly import END, NOW, WINDOWS, generated

PRACTICE = make_practice()


def figures(seed: int = 1) -> WeeklyFigures:
    tasks, events = generated(seed)
    data = DigestData(WINDOWS[0].start, END, NOW, tasks, events)
    return weekly_figures(PRACTICE, data, WINDOWS, [0] * 8)


FIGURES = figures()
CHARTS = weekly_charts(PRACTICE, FIGURES)


def test_there_are_three_named_charts() -> None:
    assert [c.name for c in CHARTS] == ["on_time.png", "open_by_age.png", "assistants.png"]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_each_chart_is_an_800_by_450_png_that_is_not_blank(chart) -> None:  # type: ignore[no-untyped-def]
    assert chart.png.startswith(b"\x89PNG")
    pixels = imread(io.BytesIO(chart.png), format="png")
    assert pixels.shape[:2] == (450, 800)
    assert pixels[..., :3].var() > 0.01  # drawn bars and lines, not a white page


def test_the_on_time_alt_text_states_this_and_last_weeks_rates() -> None:
    this, last = FIGURES.this_week.rate, FIGURES.last_week.rate  # type: ignore[union-attr]
    alt = CHARTS[0].alt_text
    assert f"{this.percent}% this week" in alt
    assert f"{last.percent}% the week before" in alt
    for rate in FIGURES.this_week.by_type.values():
        assert f"({rate.on_time} of {rate.done})" in alt


def test_the_open_work_alt_text_states_totals_and_overdue() -> None:
    total = sum(row.total for row in FIGURES.open_by_age)
    assert f"{total} open, {FIGURES.overdue} overdue" in CHARTS[1].alt_text


def test_the_assistants_alt_text_names_each_assistant_with_their_medians() -> None:
    alt = CHARTS[2].alt_text
    for row in FIGURES.assistants:
        assert PRACTICE.people[row.assistant_id].name in alt
    maria = next(r for r in FIGURES.assistants if r.assistant_id == "UMARIA")
    assert maria.to_claim is not None
    assert f"{maria.to_claim.total_seconds() / 3600:.1f} h to claim" in alt


def test_charts_carry_no_task_text() -> None:
    """PHI-free by construction: titles and details of tasks never reach a chart."""
    alt = " ".join(c.alt_text for c in CHARTS)
    assert "Task " not in alt
    assert PATEL.name not in alt  # requesters are not charted, only assistants


def test_a_quiet_practice_still_gets_three_readable_charts() -> None:
    empty = weekly_figures(
        PRACTICE, DigestData(WINDOWS[0].start, END, NOW, {}, []), WINDOWS, [0] * 8
    )
    charts = weekly_charts(PRACTICE, empty)
    assert "no work done this week" in charts[0].alt_text
    assert "0 open, 0 overdue" in charts[1].alt_text
    assert all(imread(io.BytesIO(c.png), format="png").shape[:2] == (450, 800) for c in charts)
