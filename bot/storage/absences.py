"""Assistants' time off, and the start-of-absence sweep's once-only mark."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Executable, Table, bindparam, delete, update
from sqlmodel import Session, col, select

from bot.domain.absence import Absence
from bot.storage.tables import AbsenceRow

ABSENCES: Table = AbsenceRow.__table__  # type: ignore[attr-defined]
CURRENT = (  # Core, built once: asked on every delegation (the ORM would cost ~15x)
    ABSENCES.select()
    .where(ABSENCES.c.team_id == bindparam("team"), ABSENCES.c.ends_at > bindparam("now"))
    .order_by(ABSENCES.c.starts_at, ABSENCES.c.id)
)


def to_absence(row: Any) -> Absence:
    """A domain Absence from an AbsenceRow or a result row with the same columns."""
    assert row.id is not None
    return Absence(
        row.id, row.team_id, row.slack_id, row.starts_at, row.ends_at, row.note, row.created_by
    )


class SqlAbsences:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, absence: Absence, now: datetime) -> Absence:
        """Store a new absence (its `id` is ignored) and return it with its id."""
        row = AbsenceRow(
            team_id=absence.team_id, slack_id=absence.slack_id, starts_at=absence.starts_at,
            ends_at=absence.ends_at, note=absence.note, created_by=absence.created_by,
            created_at=now,
        )  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return to_absence(row)

    def current(self, team_id: str, now: datetime) -> list[Absence]:
        """Absences that have not ended by `now`, by start."""
        rows = self.session.connection().execute(CURRENT, {"team": team_id, "now": now})
        return [to_absence(row) for row in rows]

    def starting(self, team_id: str, now: datetime) -> list[Absence]:
        """Absences under way at `now` whose start the sweep has not handled yet."""
        query = select(AbsenceRow).where(
            AbsenceRow.team_id == team_id,
            col(AbsenceRow.starts_at) <= now,
            col(AbsenceRow.ends_at) > now,
            col(AbsenceRow.started_swept_at).is_(None),
        )
        return [to_absence(row) for row in self.session.exec(query.order_by(col(AbsenceRow.id)))]

    def mark_started(self, absence_id: int, now: datetime) -> bool:
        """Record that the start-of-absence sweep ran; False if it ran already (guarded)."""
        return self._one(
            update(ABSENCES)
            .where(ABSENCES.c.id == absence_id, ABSENCES.c.started_swept_at.is_(None))
            .values(started_swept_at=now)
        )

    def get(self, team_id: str, absence_id: int) -> Absence | None:
        row = self.session.get(AbsenceRow, absence_id)
        return to_absence(row) if row is not None and row.team_id == team_id else None

    def change(self, absence: Absence, now: datetime) -> bool:
        """Set its end and note, unless it ended meanwhile (guarded); whether it did."""
        statement = (
            update(ABSENCES)
            .where(ABSENCES.c.id == absence.id, ABSENCES.c.ends_at > now)
            .values(ends_at=absence.ends_at, note=absence.note)
        )
        return self._one(statement)

    def remove(self, absence_id: int, now: datetime) -> bool:
        """Delete an absence that has not begun (guarded); whether it did."""
        statement = delete(ABSENCES).where(ABSENCES.c.id == absence_id, ABSENCES.c.starts_at > now)
        return self._one(statement)

    def _one(self, statement: Executable) -> bool:
        result = self.session.connection().execute(statement)
        self.session.expire_all()
        return result.rowcount == 1
