"""The database is unreachable for a while: friendly answers, nothing half-written, recovery."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.devkit.sender import Delivery, Reply
from bot.slack.ids import Button
from bot.storage.migrate import upgrade
from tests.conftest import RunningApp, throwaway_postgres
from tests.e2e.helpers import (
    card,
    delegate,
    get_status,
    opened_view,
    submit_delegate,
    tasks,
)
from tests.e2e.outages import Outage, PostgresOutage, SqliteOutage, database_of
from tests.e2e.sweep import Rows, assert_no_internals, rows
from tests.support import MARIA, PATEL, QUEUE

UNREACHABLE = "can't reach its database"
RETRY = Delivery(retry_num=1, retry_reason="http_error")


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def outage(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Outage]:
    """A database of this module's own, which it can make unreachable."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('outage') / 'volume' / 'handoff.db'}"
        upgrade(url)
        yield SqliteOutage(url)
        return
    with throwaway_postgres("handoff_outage") as url:
        yield PostgresOutage(url)


@pytest.fixture
def database_url(outage: Outage) -> Iterator[str]:
    yield from database_of(outage)


def health(app: RunningApp) -> int:
    return get_status(app.url + "/healthz")


def command(app: RunningApp) -> Reply:
    return app.slack.slash_command(
        "/delegate", "scheduling book the annual visit", user_id=PATEL, channel_id=QUEUE
    )


@pytest.mark.parametrize("people_cached", [True, False], ids=["people-cached", "people-stale"])
def test_delegate_says_the_database_is_unreachable_and_a_retry_creates_the_task_once(
    app: RunningApp, outage: Outage, people_cached: bool
) -> None:
    if people_cached:
        app.handoff.practice("T0HANDOFF01")  # the team check then passes without the database
    outage.begin(app.handoff.engine)
    failed = command(app)
    assert failed.status == 200
    assert UNREACHABLE in failed.json()["text"]
    assert_no_internals(failed.text)
    assert health(app) == 503
    outage.end()
    assert health(app) == 200
    assert rows(app) == Rows(0, 0, 0)
    assert "T-0001" in app.slack.send(failed.request, RETRY).json()["text"]
    assert "already delegated" in app.slack.send(failed.request, RETRY).json()["text"]
    assert len(tasks(app)) == 1


def test_the_modal_says_so_on_the_form_and_a_resubmission_creates_the_task_once(
    app: RunningApp, outage: Outage
) -> None:
    app.slack.slash_command("/delegate", "", user_id=PATEL, channel_id=QUEUE)
    view = opened_view(app)
    outage.begin(app.handoff.engine)
    values = {"task_type": "scheduling", "details": "book the annual visit"}
    failed = submit_delegate(app, view, PATEL, **values)
    assert UNREACHABLE in failed.json()["errors"]["details"]
    assert_no_internals(failed.text)
    outage.end()
    assert rows(app) == Rows(0, 0, 0)
    assert submit_delegate(app, view, PATEL, **values).text == ""
    assert submit_delegate(app, view, PATEL, **values).text == ""
    assert len(tasks(app)) == 1


def test_a_button_is_answered_through_its_response_url_and_changes_nothing(
    app: RunningApp, outage: Outage
) -> None:
    t = delegate(app, "scheduling book the annual visit")
    before = rows(app)
    outage.begin(app.handoff.engine)
    reply = app.slack.block_actions(Button.CLAIM, user_id=MARIA, message=card(app, t.code))
    assert (reply.status, reply.text) == (200, "")
    assert app.standin.wait_for(lambda: bool(app.standin.responses))
    [told] = [post.body["text"] for post in app.standin.responses]
    assert UNREACHABLE in told
    assert_no_internals(told)
    outage.end()
    assert rows(app) == before
    assert [held.status for held in tasks(app)] == ["assigned"]


def test_events_get_a_503_and_slacks_redelivery_is_applied_once(
    app: RunningApp, outage: Outage
) -> None:
    t = delegate(app, "scheduling book the annual visit")
    ts, before = card(app, t.code)["ts"], rows(app)
    outage.begin(app.handoff.engine)
    home = app.slack.app_home_opened(MARIA, event_id="Ev0HOME0001")
    claim = app.slack.thread_reply(QUEUE, ts, "claim", user_id=MARIA, event_id="Ev0CLAIM001")
    assert [(r.status, r.text) for r in (home, claim)] == [(503, ""), (503, "")]
    outage.end()
    assert rows(app) == before
    for redelivered in (claim.request, claim.request, home.request):
        assert app.slack.send(redelivered, RETRY).status == 200
    app.settle()
    [held] = tasks(app)
    assert (held.status, held.assignee_id) == ("claimed", MARIA)
    assert len(app.standin.calls_to("views.publish")) == 1
