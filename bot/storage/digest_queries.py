"""What digests are computed from: the period's audit events, open tasks, and clock counts."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, not_, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.domain.digest import DigestData, TaskEvent
from bot.outbox.uploads import FILE_UPLOAD
from bot.services.ports import ChartFile
from bot.storage.ledger import NOTICES
from bot.storage.repositories import TASKS, to_task
from bot.storage.tables import OPEN_VALUES, OutboxRow, TaskEventRow

DIGEST_ACTIONS = ("created", "claim", "done", "cancel", "answer")
RECENT_UPLOADS = 20  # weekly uploads searched for one to the channels asked for


class SqlDigestQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def digest_data(
        self, team_id: str, since: datetime, until: datetime, now: datetime
    ) -> DigestData:
        """Events of [since, until) (index: at), the open tasks and the tasks the events name."""
        rows = self.session.exec(
            select(TaskEventRow).where(
                TaskEventRow.team_id == team_id,
                col(TaskEventRow.at) >= since,
                col(TaskEventRow.at) < until,
                col(TaskEventRow.action).in_(DIGEST_ACTIONS),
                col(TaskEventRow.task_id).is_not(None),
            )
        ).all()
        events = [TaskEvent(r.task_id or 0, r.action, r.actor_id, r.at) for r in rows]
        query = self.tasks_query(team_id, {event.task_id for event in events})
        tasks = {task.id: task for task in map(to_task, self.session.connection().execute(query))}
        return DigestData(since=since, until=until, now=now, tasks=tasks, events=events)

    @staticmethod
    def tasks_query(team_id: str, named: Collection[int]) -> Any:
        """The open tasks (partial index: open, by team) and the closed ones `named` (primary
        key): a UNION ALL of two index searches, where one `open OR named` scans every task on
        SQLite. The open statuses are inlined, as the partial index spells them."""
        statuses: Any = bindparam("open", OPEN_VALUES, expanding=True, literal_execute=True)
        is_open = and_(TASKS.c.team_id == team_id, TASKS.c.status.in_(statuses))
        named_closed = sa_select(TASKS).where(TASKS.c.id.in_(named), not_(is_open))
        return union_all(sa_select(TASKS).where(is_open), named_closed)

    def escalations_fired(self, team_id: str, since: datetime, until: datetime) -> int:
        """Escalation firings in [since, until): reminders (level 0) are not escalations."""
        n = NOTICES.c
        firings = (
            sa_select(n.task_id, n.clock, n.epoch, n.level, n.repetition)
            .where(n.team_id == team_id, n.level > 0, n.sent_at >= since, n.sent_at < until)
            .distinct()
            .subquery()
        )
        count = sa_select(func.count()).select_from(firings)
        return int(self.session.connection().execute(count).scalar_one())

    def latest_charts(self, team_id: str, channels: Collection[str]) -> list[ChartFile]:
        """The charts of the latest weekly digest uploaded to one of `channels` (ids as sent)."""
        query = (
            select(OutboxRow.payload)
            .where(OutboxRow.team_id == team_id, OutboxRow.method == FILE_UPLOAD)
            .where(OutboxRow.status == "sent")
            .order_by(col(OutboxRow.sent_at).desc())
            .limit(RECENT_UPLOADS)
        )
        for payload in self.session.exec(query):
            if payload.get("channel") in channels:
                return [ChartFile(f["id"], f["title"], f["alt_txt"]) for f in payload["files"]]
        return []

    def dead_messages(self, team_id: str) -> int:
        """Outbox messages given up on and not yet retried."""
        query = select(func.count()).where(OutboxRow.team_id == team_id, OutboxRow.status == "dead")
        return int(self.session.exec(query).one())
