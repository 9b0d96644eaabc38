"""A change to a task whose card is posted edits the card by its ts, with no outbox lookup."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Engine, event, update
from sqlmodel import Session, select

from bot.domain.lifecycle import Action
from bot.domain.practice import Practice
from bot.domain.task import Status, Task
from bot.slack.notifier import OutboxNotifier
from bot.storage.repositories import TASKS
from bot.storage.tables import OutboxRow
from bot.storage.uow import SqlUnitOfWork
from tests.integration.test_metered_notifier import ROUTED, new_task
from tests.support import JOSE

POSTED_TS = "1764000000.000100"


def a_task(engine: Engine, practice: Practice, *, posted: bool) -> Task:
    with SqlUnitOfWork(engine, OutboxNotifier) as work:
        task = work.tasks.add(new_task(practice))
        work.notify.task_created(practice, task, ROUTED)
        if posted:  # as the relay records a card's post
            card_posted = update(TASKS).where(TASKS.c.id == task.id).values(thread_ts=POSTED_TS)
            work.session.connection().execute(card_posted)
        work.commit()
    return replace(task, thread_ts=POSTED_TS if posted else "")


def claimed(engine: Engine, practice: Practice, task: Task) -> tuple[list[str], list[OutboxRow]]:
    """The statements the announcement of a claim ran, and the rows it queued."""
    after = replace(task, status=Status.CLAIMED)
    statements: list[str] = []
    with SqlUnitOfWork(engine, OutboxNotifier) as work:
        listen = (engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        event.listen(*listen)
        work.notify.task_changed(practice, task, after, Action.CLAIM, JOSE)
        event.remove(*listen)
        work.commit()
    with Session(engine) as session:
        rows = session.exec(select(OutboxRow).where(OutboxRow.method == "chat.update")).all()
    return statements, list(rows)


def test_a_posted_card_is_edited_by_its_ts(engine: Engine, practice: Practice) -> None:
    statements, (edit,) = claimed(engine, practice, a_task(engine, practice, posted=True))
    assert edit.payload["ts"] == POSTED_TS
    assert not [s for s in statements if s.lstrip().upper().startswith("SELECT")]


def test_a_card_not_posted_yet_is_edited_once_its_post_has_a_ts(
    engine: Engine, practice: Practice
) -> None:
    _, (edit,) = claimed(engine, practice, a_task(engine, practice, posted=False))
    assert set(edit.payload["ts"]) == {"$ts_of"}
