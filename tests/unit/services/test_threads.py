"""Replies in a task's thread: a command acts, an awaited reply answers, PHI earns a reminder."""

from __future__ import annotations

from bot.domain.lifecycle import Action
from bot.domain.practice import Practice
from bot.domain.task import Status
from bot.services.ports import ReplyTo
from bot.services.threads import PHI_REMINDER, ThreadReply, on_thread_reply
from tests.builders import MARIA, PATEL, make_task, ny
from tests.fakes import FakeStore, FakeUnitOfWork

NOW = ny(2026, 12, 1, 10)
PHI = "her MRN 448812"


def reply(user: str, text: str, event_id: str = "Ev1") -> ThreadReply:
    return ThreadReply("T_TEST", "C_QUEUE", "1700000000.000100", user, text, event_id)


def thread_task(store: FakeStore, status: Status) -> None:
    store.put(make_task(status=status, channel_id="C_QUEUE", thread_ts="1700000000.000100"))


def test_a_command_in_the_thread_acts_on_the_task(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    thread_task(store, Status.ASSIGNED)
    assert on_thread_reply(uow, practice, reply(MARIA.slack_id, "claim"), NOW) is Action.CLAIM
    assert store.tasks[1].status is Status.CLAIMED
    assert store.actions() == ["claim"]


def test_the_requesters_reply_to_a_returned_task_is_their_answer(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    thread_task(store, Status.RETURNED)
    said = "Yes, book the 3pm slot"
    assert on_thread_reply(uow, practice, reply(PATEL.slack_id, said), NOW) is Action.ANSWER
    assert (store.tasks[1].status, store.tasks[1].answer) == (Status.CLAIMED, said)


def test_conversation_is_left_alone(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    thread_task(store, Status.ASSIGNED)
    assert on_thread_reply(uow, practice, reply(MARIA.slack_id, "on it soon"), NOW) is None
    assert (store.events, store.calls, store.seen) == ([], [], set())


def test_conversation_with_patient_identifiers_earns_one_private_reminder(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    thread_task(store, Status.ASSIGNED)
    for _ in range(2):  # Slack retries the event
        on_thread_reply(uow, practice, reply(MARIA.slack_id, f"I called, {PHI}"), NOW)
    [(reply_to, text)] = store.called("tell")
    assert reply_to == ReplyTo(
        channel="C_QUEUE", user=MARIA.slack_id, thread_ts="1700000000.000100"
    )
    assert text == PHI_REMINDER


def test_a_command_with_patient_identifiers_acts_then_points_to_the_private_form(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    thread_task(store, Status.CLAIMED)
    on_thread_reply(uow, practice, reply(MARIA.slack_id, f"done, {PHI} verified"), NOW)
    assert store.tasks[1].status is Status.DONE
    [(_, text)] = store.called("tell")
    assert "*Done* button" in text


def test_a_reply_in_a_thread_without_a_task_does_nothing(
    uow: FakeUnitOfWork, store: FakeStore, practice: Practice
) -> None:
    assert on_thread_reply(uow, practice, reply(MARIA.slack_id, f"claim {PHI}"), NOW) is None
    assert (store.calls, store.seen) == ([], set())
