"""Read-only task queries for the App Home: one query per list, always within one team."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.domain.lifecycle import UNCLAIMED
from bot.domain.task import OPEN_STATUSES, Status
from bot.services.home import TaskPage
from bot.storage.repositories import to_task
from bot.storage.tables import TaskRow


class SqlTaskQueries:
    """The Home's lists (first `limit` by due, with the list's total) and open counts."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def assigned_to(
        self, team_id: str, assignee_id: str, statuses: Collection[Status], *, limit: int
    ) -> TaskPage:
        """Tasks of `assignee_id` in `statuses` (index: team, assignee, status)."""
        where = (TaskRow.assignee_id == assignee_id, col(TaskRow.status).in_(statuses))
        return self._page(team_id, where, limit)

    def unclaimed(self, team_id: str, type_ids: Collection[str], *, limit: int) -> TaskPage:
        """Unassigned or assigned tasks of `type_ids` (index: team, status, due)."""
        where = (col(TaskRow.status).in_(UNCLAIMED), col(TaskRow.type_id).in_(type_ids))
        return self._page(team_id, where, limit)

    def requested_by(
        self, team_id: str, requester_id: str, statuses: Collection[Status], *, limit: int
    ) -> TaskPage:
        """Tasks `requester_id` delegated, in `statuses` (index: team, status, due)."""
        where = (TaskRow.requester_id == requester_id, col(TaskRow.status).in_(statuses))
        return self._page(team_id, where, limit)

    def overdue(self, team_id: str, now: datetime, *, limit: int) -> TaskPage:
        """Open tasks due before `now` (index: team, status, due)."""
        where = (col(TaskRow.status).in_(OPEN_STATUSES), col(TaskRow.due_at) < now)
        return self._page(team_id, where, limit)

    def open_counts_by_status_and_type(self, team_id: str) -> Mapping[tuple[Status, str], int]:
        """How many open tasks each (status, type) holds; absent pairs hold none."""
        query = (
            select(TaskRow.status, TaskRow.type_id, func.count())
            .where(TaskRow.team_id == team_id, col(TaskRow.status).in_(OPEN_STATUSES))
            .group_by(col(TaskRow.status), col(TaskRow.type_id))
        )
        return {(Status(status), type_id): n for status, type_id, n in self.session.exec(query)}

    def _page(self, team_id: str, where: tuple[Any, ...], limit: int) -> TaskPage:
        """The first `limit` matching tasks by due, and the total counted by the same query."""
        query = (
            select(TaskRow, func.count().over())
            .where(TaskRow.team_id == team_id, *where)
            .order_by(col(TaskRow.due_at), col(TaskRow.id))
            .limit(limit)
        )
        rows = self.session.exec(query).all()
        return TaskPage(tasks=[to_task(row) for row, _ in rows], total=rows[0][1] if rows else 0)
