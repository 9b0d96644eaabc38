"""The access report modal: codes, times, outcomes and surfaces; within Block Kit's limits."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import load_practice
from bot.devkit import limits, specs
from bot.domain.access import Surface
from bot.services.ports import AccessEntry
from bot.slack.blocks.access import access_report_modal
from bot.slack.parse import surface_of
from tests.support import KIM, PRACTICE_FILE, TUESDAY_10AM_NY

PRACTICE = load_practice(PRACTICE_FILE)
SINCE = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)


def _text(view: dict[str, object]) -> str:
    return json.dumps(view, ensure_ascii=False)


def test_each_look_and_refusal_is_a_line_with_code_time_outcome_and_surface() -> None:
    entries = [
        AccessEntry(TUESDAY_10AM_NY, "T-0001", "viewed", "card"),
        AccessEntry(TUESDAY_10AM_NY, "", "refused", "home"),
        AccessEntry(TUESDAY_10AM_NY, "T-0002", "viewed", ""),
    ]
    view = access_report_modal(PRACTICE, KIM, SINCE, entries)
    text = _text(view)
    assert "`T-0001` · Tue Dec 1, 10:00 AM EST · viewed · card" in text
    assert "unknown task · Tue Dec 1, 10:00 AM EST · refused · home" in text
    assert "`T-0002` · Tue Dec 1, 10:00 AM EST · viewed · —" in text
    assert f"bot audit access --person {KIM} --since 2026-12-01" in text
    assert limits.check_view(view) == []
    assert specs.check_view(view) == []


def test_an_empty_report_says_so() -> None:
    assert "No looks and no refusals" in _text(access_report_modal(PRACTICE, KIM, SINCE, []))


def test_a_long_report_stays_within_the_modal_limits_and_points_to_the_cli() -> None:
    entries = [
        AccessEntry(TUESDAY_10AM_NY + timedelta(minutes=n), f"T-{n:04d}", "viewed", "dm")
        for n in range(5000)
    ]
    view = access_report_modal(PRACTICE, KIM, SINCE, entries)
    assert limits.check_view(view) == []
    shown = _text(view).count("· viewed · dm")
    assert f"…and {5000 - shown} more. For the full report: `bot audit access" in _text(view)


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ({"view": {"type": "home"}}, Surface.HOME),
        ({"channel": {"id": "D0DM0000001"}}, Surface.DM),
        ({"channel": {"id": "C0QUEUE0001"}}, Surface.CARD),
        ({"view": {"type": "modal"}}, Surface.OTHER),
    ],
)
def test_the_surface_of_a_press_is_where_the_button_was(
    body: dict[str, object], surface: Surface
) -> None:
    assert surface_of(body) == surface
