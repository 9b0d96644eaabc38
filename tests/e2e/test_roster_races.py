"""Two managers on one person over HTTP: a form saved after another process changed that person
is refused (nothing written, audited), and the next look shows the other change."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from bot.bootstrap import Handoff, build
from bot.domain.people import Person
from bot.domain.roster import edit_of
from bot.services.roster import SAME_MOMENT, add_person, change_person
from bot.settings import load_settings
from tests.conftest import RunningApp, app_settings
from tests.e2e.team import (
    LENA_MOVED,
    NIA,
    NIA_ADDED,
    NIA_FORM,
    NIGHTS,
    current,
    open_add_form,
    open_form,
    people_rows,
    roster_events,
    save,
)
from tests.support import ADMIN, KIM, LENA

SAME_MOMENT_ERROR = "Someone changed <@{}> at the same moment; look again."


@pytest.fixture
def other(app: RunningApp) -> Iterator[Handoff]:
    """A second process on the same database; this app's roster stays as it last read it."""
    app.handoff.people.ttl = 3600.0  # not re-read on a timer during the test: no timing luck
    handoff = build(load_settings(app_settings(app.handoff.settings.database_url, app.standin)),
                    clock=app.clock)  # fmt: skip
    yield handoff
    handoff.close()


def team_id(app: RunningApp) -> str:
    return current(app, KIM).team_id


def test_an_edit_saved_after_another_process_changed_the_person_is_refused(
    app: RunningApp, other: Handoff
) -> None:
    form = open_form(app, KIM, LENA)
    assert form is not None
    practice = other.practice(team_id(app))
    assert practice is not None
    lena = practice.people[LENA]
    scheduling = replace(edit_of(lena), scopes=lena.scopes | {"scheduling"})
    change_person(other.uow(), practice, actor_id=ADMIN, slack_id=LENA, edit=scheduling,
                  now=app.clock())  # fmt: skip
    rows = people_rows(app)

    answer = save(app, KIM, form, **NIGHTS)

    assert answer["errors"] == {"roster_assistants": SAME_MOMENT_ERROR.format(LENA)}
    assert people_rows(app) == rows
    assert (current(app, LENA).shift_days, "scheduling" in current(app, LENA).scopes) == (
        ["sat", "sun"], True,
    )  # fmt: skip
    assert roster_events(app)[-1] == (KIM, "roster_change_refused", LENA_MOVED + SAME_MOMENT)
    again = open_form(app, KIM, LENA)  # the next look shows the other change
    assert again is not None
    assert save(app, KIM, again, **NIGHTS) == {}
    row = current(app, LENA)
    assert (row.shift_days, "scheduling" in row.scopes) == (["mon", "tue"], True)


def test_an_addition_another_process_made_first_is_refused(app: RunningApp, other: Handoff) -> None:
    form = open_add_form(app, KIM)
    assert form is not None
    practice = other.practice(team_id(app))
    assert practice is not None
    first = Person(NIA, practice.people[LENA].role, "Nia O.", practice.people[LENA].tz)
    add_person(other.uow(), practice, actor_id=ADMIN, person=first, problems={}, now=app.clock())
    rows = people_rows(app)

    answer = save(app, KIM, form, **NIA_FORM)

    assert answer["errors"] == {"roster_user": SAME_MOMENT_ERROR.format(NIA)}
    assert (people_rows(app), current(app, NIA).name) == (rows, "Nia O.")
    assert roster_events(app)[-1] == (KIM, "roster_add_refused", NIA_ADDED + SAME_MOMENT)
    again = open_add_form(app, KIM)
    assert again is not None
    answer = save(app, KIM, again, **NIA_FORM)  # now it knows: already on the team
    assert "Already on the team (assistant)" in answer["errors"]["roster_user"]
