"""/metrics after a scripted journey: counts match, labels carry no ids or text."""

from __future__ import annotations

import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from bot.slack.ids import Button
from tests.conftest import RunningApp
from tests.e2e.helpers import card, delegate
from tests.support import JOSE, MARIA, PATEL, QUEUE

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def scrape(app: RunningApp) -> tuple[Samples, str]:
    """Every sample by name and labels, and the raw page."""
    with urllib.request.urlopen(app.url + "/metrics", timeout=5) as answer:
        page = answer.read().decode()
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(page)
        for s in family.samples
    }
    return samples, page


def delta(before: Samples, after: Samples, name: str, **labels: str) -> float:
    key = (name, tuple(sorted(labels.items())))
    return after.get(key, 0.0) - before.get(key, 0.0)


def test_a_journey_is_counted_by_type_and_surface(app: RunningApp) -> None:
    before, _ = scrape(app)

    first = delegate(app, "insurance verify coverage for Jane Doe DOB 01/02/1960")
    delegate(app, "insurance check benefits for John Roe")
    chore = delegate(app, "scheduling move the follow-up", user=PATEL)
    assert (
        app.slack.block_actions(Button.CLAIM, user_id=MARIA, message=card(app, first.code)).status
        == 200
    )
    app.settle()
    reply = app.slack.thread_reply(QUEUE, card(app, chore.code)["ts"], "claim", user_id=JOSE)
    assert reply.status == 200
    app.settle()
    done = app.slack.thread_reply(QUEUE, card(app, chore.code)["ts"], "done booked", user_id=JOSE)
    assert done.status == 200
    app.settle()

    after, page = scrape(app)
    tasks = "handoff_tasks_total"
    assert delta(before, after, tasks, event="created", type="insurance_verification") == 2
    assert delta(before, after, tasks, event="created", type="scheduling") == 1
    assert delta(before, after, tasks, event="claimed", type="insurance_verification") == 1
    assert delta(before, after, tasks, event="claimed", type="scheduling") == 1
    assert delta(before, after, tasks, event="done", type="scheduling") == 1
    assert delta(before, after, "handoff_ack_seconds_count", surface="command") == 3
    assert delta(before, after, "handoff_ack_seconds_count", surface="action") == 1
    assert delta(before, after, "handoff_ack_seconds_count", surface="event") == 2
    assert after[("handoff_outbox_depth", ())] == 0
    assert after[("handoff_outbox_dead", ())] == 0
    for private in ("U0", "Jane", "John", "coverage", "booked", "T-0"):
        assert private not in page


def test_a_failed_slack_call_is_counted_by_method_and_status(app: RunningApp) -> None:
    before, _ = scrape(app)
    app.standin.inject("chat.postMessage", status=503)

    reply = app.slack.slash_command(
        "/delegate", "scheduling book a visit", user_id=PATEL, channel_id=QUEUE
    )
    assert reply.status == 200

    errors = ("handoff_slack_api_errors_total", "chat.postMessage", "503")

    def counted() -> bool:
        return delta(before, scrape(app)[0], errors[0], method=errors[1], status=errors[2]) == 1

    assert app.standin.wait_for(counted, timeout=10)
    app.settle(timeout=30)
