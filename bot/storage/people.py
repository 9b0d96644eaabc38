"""People as the database holds them: the roster (config seeded, Slack edited), history kept."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.domain.hours import WEEKDAYS, WeeklyHours
from bot.domain.people import Person, Role
from bot.storage.sync import SLACK, SNAPSHOT_KEYS, add_version, snapshot
from bot.storage.tables import PersonRow


class SqlPeople:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _current(self, team_id: str, slack_id: str) -> PersonRow | None:
        query = select(PersonRow).where(
            PersonRow.team_id == team_id,
            PersonRow.slack_id == slack_id,
            col(PersonRow.valid_to).is_(None),
        )
        return self.session.exec(query).first()

    def set_slack_deleted(
        self, team_id: str, slack_id: str, deleted: bool, config_active: bool, now: datetime
    ) -> bool:
        """Record Slack's word on an account; False if nothing changed (or unknown person)."""
        row = self._current(team_id, slack_id)
        if row is None or row.slack_deleted == deleted:
            return False
        row.valid_to = now
        self.session.add(row)
        values: dict[str, object] = {key: getattr(row, key) for key in SNAPSHOT_KEYS}
        values |= {"slack_deleted": deleted, "active": config_active and not deleted}
        add_version(self.session, team_id, slack_id, values | {"source": row.source}, now)
        self.session.flush()
        return True

    def inactive_ids(self, team_id: str) -> frozenset[str]:
        """People whose current row says they may not act."""
        query = select(PersonRow.slack_id).where(
            PersonRow.team_id == team_id,
            col(PersonRow.valid_to).is_(None),
            col(PersonRow.active).is_(False),
        )
        return frozenset(self.session.exec(query))

    def roster(self, team_id: str) -> list[Person]:
        """Everyone's current row as a Person."""
        query = select(PersonRow).where(
            PersonRow.team_id == team_id, col(PersonRow.valid_to).is_(None)
        )
        return [_person(row) for row in self.session.exec(query.order_by(col(PersonRow.id)))]

    def save(self, team_id: str, person: Person, now: datetime) -> None:
        """A new current row for `person`, edited in Slack (the previous one is closed)."""
        row = self._current(team_id, person.slack_id)
        deleted = bool(row and row.slack_deleted)
        if row is not None:
            row.valid_to = now
            self.session.add(row)
        values = snapshot(person, deleted) | {"source": SLACK}
        add_version(self.session, team_id, person.slack_id, values, now)
        self.session.flush()


def _person(row: PersonRow) -> Person:
    tz = ZoneInfo(row.timezone)
    return Person(
        slack_id=row.slack_id,
        role=Role(row.role),
        name=row.name,
        tz=tz,
        active=row.active,
        scopes=frozenset(row.scopes),
        shift=_shift(row, tz),
        assistants=tuple(row.assistants),
    )


def _shift(row: PersonRow, tz: ZoneInfo) -> WeeklyHours | None:
    if row.shift_days is None or row.shift_start is None or row.shift_end is None:
        return None
    days = frozenset(WEEKDAYS.index(day) for day in row.shift_days)
    return WeeklyHours(days, row.shift_start, row.shift_end, tz)
