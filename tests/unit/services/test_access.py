"""A person's access report from Slack: managers and admins only, every opening audited."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.practice import Practice
from bot.services.access import open_access_report
from bot.services.ports import AccessEntry, ReplyTo
from tests.builders import ANA, GRACE, MARIA, make_task, ny
from tests.fakes import AuditEvent, FakeStore, FakeUnitOfWork

NOW = ny(2026, 12, 31, 10)


def look(store: FakeStore, who: str, action: str, days_ago: int, task_id: int = 1) -> None:
    at = NOW - timedelta(days=days_ago)
    store.events.append(AuditEvent(task_id, "T_TEST", who, action, at, reason="card"))


def test_a_manager_sees_the_last_30_days_of_looks_and_refusals_and_the_opening_is_audited(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    store.put(make_task(1))
    look(store, MARIA.slack_id, "viewed_details", days_ago=31)  # before the report's window
    look(store, MARIA.slack_id, "viewed_details", days_ago=2)
    look(store, MARIA.slack_id, "details_refused", days_ago=1, task_id=9)
    look(store, ANA.slack_id, "viewed_details", days_ago=1)  # someone else's
    report = open_access_report(
        uow, practice, viewer_id=GRACE.slack_id, person_id=MARIA.slack_id, now=NOW,
        reply_to=ReplyTo(user=GRACE.slack_id),
    )  # fmt: skip
    assert report is not None
    assert report.since == NOW - timedelta(days=30)
    assert report.entries == [
        AccessEntry(NOW - timedelta(days=2), "T-0001", "viewed", "card"),
        AccessEntry(NOW - timedelta(days=1), "", "refused", "card"),
    ]
    opened = store.events[-1]
    assert (opened.actor_id, opened.action, opened.task_id) == (
        GRACE.slack_id, "access_report_opened", None,
    )  # fmt: skip
    assert opened.reason == f"{MARIA.slack_id} since 2026-12-01"
    assert store.called("tell") == []


def test_an_assistant_is_refused_told_why_and_the_refusal_is_audited(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    look(store, ANA.slack_id, "viewed_details", days_ago=1)
    reply_to = ReplyTo(user=MARIA.slack_id)
    report = open_access_report(
        uow, practice, viewer_id=MARIA.slack_id, person_id=ANA.slack_id, now=NOW, reply_to=reply_to
    )
    assert report is None
    assert store.actions()[-1] == "access_report_refused"
    assert store.called("tell") == [
        (reply_to, "Only managers and admins can open a person's access report.")
    ]


def test_a_person_not_on_the_team_is_refused(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    report = open_access_report(
        uow, practice, viewer_id=GRACE.slack_id, person_id="UNOBODY", now=NOW,
        reply_to=ReplyTo(user=GRACE.slack_id),
    )  # fmt: skip
    assert report is None
    assert store.actions() == ["access_report_refused"]
    [(_, text)] = store.called("tell")
    assert text == "That person is not on the team."
