"""A manager moves someone to another time zone from the Team view, over HTTP: saved, audited
before → after, shown, and what routing and quiet hours read (the shift keeps its hours)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.devkit.payloads import initial_values
from bot.domain.quiet_hours import at_work
from tests.conftest import RunningApp
from tests.e2e.team import (
    current,
    forge,
    last_home,
    open_form,
    people_rows,
    roster_events,
    save,
)
from tests.support import KIM, LENA, MARIA

SATURDAY_0930_BERLIN = datetime(2026, 12, 5, 8, 30, tzinfo=UTC)  # 03:30 in New York


def test_a_manager_moves_an_assistant_to_another_zone_audited_shown_and_routed_by_it(
    app: RunningApp,
) -> None:
    form = open_form(app, KIM, LENA)
    assert form is not None
    assert initial_values(form["blocks"])["roster_timezone"] == "Europe/Berlin"
    practice = app.handoff.practice(current(app, LENA).team_id)
    assert practice is not None
    assert at_work(practice.people[LENA], practice, SATURDAY_0930_BERLIN)

    assert save(app, KIM, form, timezone="America/New_York") == {}

    row = current(app, LENA)
    assert (row.timezone, row.shift_days, f"{row.shift_start:%H:%M}") == (
        "America/New_York", ["sat", "sun"], "09:00",
    )  # fmt: skip
    assert roster_events(app) == [
        (KIM, "roster_changed", f"{LENA} time zone: Europe/Berlin → America/New_York")
    ]
    assert "Shift: sat, sun 09:00 to 17:00 (America/New_York)" in last_home(app, KIM)
    after = app.handoff.practice(row.team_id)
    assert after is not None
    lena = after.people[LENA]
    assert lena.shift is not None
    assert (lena.tz.key, lena.shift.tz.key) == ("America/New_York", "America/New_York")
    assert not at_work(lena, after, SATURDAY_0930_BERLIN)  # quiet hours and routing read it


def test_a_zone_the_form_never_offered_and_a_forged_change_write_nothing(app: RunningApp) -> None:
    form = open_form(app, KIM, LENA)
    assert form is not None
    rows = people_rows(app)
    assert forge(app, KIM, form, timezone="Mars/Olympus") == 400
    refused = save(app, MARIA, form, timezone="America/New_York")
    assert "Only managers and admins" in str(refused["errors"])
    assert (people_rows(app), current(app, LENA).timezone) == (rows, "Europe/Berlin")
    assert [(actor, action) for actor, action, _ in roster_events(app)] == [
        (MARIA, "roster_change_refused")
    ]


def test_a_role_the_form_never_offered_is_a_400_and_writes_nothing(app: RunningApp) -> None:
    form = open_form(app, KIM, LENA)
    assert form is not None
    rows = people_rows(app)
    assert forge(app, KIM, form, role="superuser") == 400
    assert people_rows(app) == rows
