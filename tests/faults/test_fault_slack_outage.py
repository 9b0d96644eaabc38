"""A Slack outage (429s, then 500s) while people delegate and claim: nothing lost or doubled.

The app (its own delivery thread) and a real `bot worker` both relay; afterwards every message
is in Slack exactly once, each thread in order, and each card edited only after it was posted.
"""

from __future__ import annotations

import signal
import time

from bot.domain.lifecycle import Action
from bot.services.lifecycle import ActionRequest, perform
from bot.services.ports import ReplyTo
from tests.conftest import RunningApp
from tests.e2e.helpers import tasks
from tests.faults.conftest import Workers
from tests.faults.support import FOREVER, assert_delivered_once_in_order, drained
from tests.processes import wait_until
from tests.support import PATEL, QUEUE

TASKS = 4
CLAIMED = 2


def until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


def delegate(app: RunningApp, visit: int) -> None:
    text = f"insurance verify coverage for the visit number {visit}"
    reply = app.slack.slash_command("/delegate", text, user_id=PATEL, channel_id=QUEUE)
    assert reply.status == 200, reply.text


def claim_by_assignee(app: RunningApp, task_id: int, assignee: str) -> None:
    practice = app.handoff.practice(app.standin.team_id)
    assert practice is not None
    request = ActionRequest(
        team_id=practice.team_id,
        actor_id=assignee,
        task_id=task_id,
        action=Action.CLAIM,
        reply_to=ReplyTo(user=assignee),
        dedupe_key=f"claim-{task_id}",
    )
    assert perform(app.handoff.uow(), practice, request, app.clock()).done


def test_an_outage_of_429s_then_500s_loses_no_message_and_sends_none_twice(
    app: RunningApp, workers: Workers, database_url: str
) -> None:
    [worker] = workers.start()
    outage = time.monotonic()
    app.standin.inject("*", status=429, retry_after=1, times=FOREVER)
    for visit in range(TASKS):
        delegate(app, visit)
    until(outage + 1.5)
    app.standin.inject("*", status=500, times=FOREVER)
    for task in tasks(app)[:CLAIMED]:  # their cards are not posted yet: the edits must wait
        assert task.id is not None
        assert task.assignee_id is not None
        claim_by_assignee(app, task.id, task.assignee_id)
    until(outage + 3.0)
    app.standin.clear_faults()

    assert wait_until(drained(database_url), 20), workers.logs()

    statuses = {call.status for call in app.standin.calls}
    assert {429, 500, 200} <= statuses, statuses
    assert_delivered_once_in_order(app.standin, database_url)
    assert len([t for t in tasks(app) if t.thread_ts]) == TASKS
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=10) == 0, workers.logs()
