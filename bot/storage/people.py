"""People as the database holds them: the roster (config seeded, Slack edited), history kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Table, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.domain.hours import WEEKDAYS, WeeklyHours
from bot.domain.people import Person, Role
from bot.domain.practice import Practice
from bot.storage.sync import SLACK, SNAPSHOT_KEYS, add_version, snapshot
from bot.storage.tables import PersonRow

PEOPLE: Table = PersonRow.__table__  # type: ignore[attr-defined]


class _Changed(Exception):
    """The row read as current was closed by another session before this one could close it."""


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

    def save(
        self, team_id: str, person: Person, now: datetime, *, replacing: Person | None
    ) -> bool:
        """`person` as their new current row, edited in Slack; False, writing nothing, when
        their current row is no longer `replacing` (None: no row), i.e. someone changed them."""
        row = self._current(team_id, person.slack_id)
        if not _shows(row, replacing):
            return False
        values = snapshot(person, bool(row and row.slack_deleted)) | {"source": SLACK}
        try:
            with self.session.begin_nested():  # closed and added together, or neither
                if row is not None:
                    self._close(row, now)
                add_version(self.session, team_id, person.slack_id, values, now)
                self.session.flush()
        except (_Changed, IntegrityError):  # the unique current row: another session's won
            return False
        return True

    def _close(self, row: PersonRow, now: datetime) -> None:
        """End `row` if it is still current (guarded); _Changed if another session ended it."""
        guarded = (
            update(PEOPLE)
            .where(PEOPLE.c.id == row.id, PEOPLE.c.valid_to.is_(None))
            .values(valid_to=now)
        )
        if self.session.connection().execute(guarded).rowcount != 1:
            raise _Changed
        self.session.expire(row)


def _shows(row: PersonRow | None, person: Person | None) -> bool:
    """True if `person` is what `row` says (both None: nobody there)."""
    if row is None or person is None:
        return row is None and person is None
    found = _person(row)
    if row.shift_days is None:  # a row from before rows held shifts: the file's shift shows
        found = replace(found, shift=person.shift)
    return found == person


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


def with_current_roster(session: Session, practice: Practice) -> Practice:
    """`practice` with its people as the database holds them (Slack edits and additions)."""
    return practice.with_roster(SqlPeople(session).roster(practice.team_id))
