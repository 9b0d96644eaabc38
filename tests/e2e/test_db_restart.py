"""PostgreSQL restarted under load: nothing that was acknowledged is lost."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from tests.conftest import RunningApp, throwaway_postgres
from tests.e2e.helpers import tasks
from tests.e2e.outages import PostgresOutage, database_of
from tests.support import CHEN, PATEL, QUEUE

CONFIRMED = re.compile(r"\*(T-\d{4})\* delegated")
pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def outage() -> Iterator[PostgresOutage]:
    with throwaway_postgres("handoff_restart") as url:
        yield PostgresOutage(url)


@pytest.fixture
def database_url(outage: PostgresOutage) -> Iterator[str]:
    yield from database_of(outage)


def test_a_restart_under_load_loses_nothing_that_was_acknowledged(
    app: RunningApp, outage: PostgresOutage
) -> None:
    stop, acknowledged, refused = threading.Event(), set[str](), [0]
    app.handoff.deliverer.lease = timedelta(seconds=2)  # rows cut off mid-send come back soon

    def clinician(user: str, n: int) -> None:
        i = 0
        while not stop.is_set():
            reply = app.slack.slash_command(
                "/delegate", f"scheduling load {n}-{i}", user_id=user, channel_id=QUEUE
            )
            assert reply.status == 200
            found = CONFIRMED.search(reply.json().get("text", ""))
            if found:
                acknowledged.add(found.group(1))
            else:
                refused[0] += 1
            i += 1

    with ThreadPoolExecutor(4) as pool:
        runs = [pool.submit(clinician, (PATEL, CHEN)[n % 2], n) for n in range(4)]
        time.sleep(1.0)
        outage.begin(app.handoff.engine)  # every connection cut, new ones refused
        time.sleep(1.0)
        outage.end()
        time.sleep(1.0)
        stop.set()
        for run in runs:
            run.result()
    app.settle(timeout=30)
    stored = {t.code for t in tasks(app)}
    assert acknowledged
    assert refused[0] > 0, "the outage refused some requests"
    assert acknowledged <= stored
    cards = {c.args["text"][:6] for c in app.standin.calls_to("chat.postMessage")}
    assert stored <= cards, "every stored task's card reached Slack"
