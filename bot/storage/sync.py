"""Sync the practice config into the database at start: the team row and people history.

The file seeds the roster. A person last edited in Slack keeps the Slack edit until the file
changes what it says about them (the file then wins for that person); people added in Slack
stay until the file names them (also when the file had dropped them before).
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.domain.hours import WEEKDAYS
from bot.domain.people import Person
from bot.domain.practice import Practice
from bot.storage.tables import PersonRow, TeamRow

SHIFT_KEYS = ("shift_days", "shift_start", "shift_end")
SNAPSHOT_KEYS = (
    "name", "role", "scopes", "assistants", "timezone", "active", "slack_deleted", *SHIFT_KEYS
)  # fmt: skip
CONFIG, SLACK = "config", "slack"  # where a people row's values came from


def snapshot(person: Person, slack_deleted: bool = False) -> dict[str, object]:
    """A person's row values; an account Slack deactivated stays inactive whatever the config."""
    return {
        "name": person.name,
        "role": person.role.value,
        "scopes": sorted(person.scopes),
        "assistants": list(person.assistants),
        "timezone": str(person.tz),
        "active": person.active and not slack_deleted,
        "slack_deleted": slack_deleted,
        **_shift_snapshot(person),
    }


def _shift_snapshot(person: Person) -> dict[str, object]:
    shift = person.shift
    if shift is None:
        return dict.fromkeys(SHIFT_KEYS)
    days = [WEEKDAYS[day] for day in sorted(shift.days)]
    return {"shift_days": days, "shift_start": shift.start, "shift_end": shift.end}


def _row_snapshot(row: PersonRow, keys: tuple[str, ...] = SNAPSHOT_KEYS) -> dict[str, object]:
    return {key: getattr(row, key) for key in keys}


def sync_practice(engine: Engine, practice: Practice, now: datetime) -> int:
    """Make the current people rows match the config; returns how many rows changed."""
    with Session(engine) as session:
        _ensure_team(session, practice, now)
        session.exec(select(TeamRow).where(TeamRow.team_id == practice.team_id).with_for_update())
        current = {
            row.slack_id: row
            for row in session.exec(
                select(PersonRow).where(
                    PersonRow.team_id == practice.team_id, col(PersonRow.valid_to).is_(None)
                )
            )
        }
        changed = 0
        for slack_id, old in current.items():
            person = practice.people.get(slack_id)
            if _slack_edit_stands(session, old, person):
                continue
            if person is None or _row_snapshot(old) != snapshot(person, old.slack_deleted):
                old.valid_to = now
                session.add(old)
                changed += 1
        for slack_id, person in practice.people.items():
            row = current.get(slack_id)
            if row is None or row.valid_to is not None:
                deleted = bool(row and row.slack_deleted)
                add_version(session, practice.team_id, slack_id, snapshot(person, deleted), now)
                changed += 1
        session.commit()
    return changed


def _slack_edit_stands(session: Session, row: PersonRow, person: Person | None) -> bool:
    """True if `row` was edited in Slack and the file says what it said when last synced."""
    if row.source != SLACK:
        return False
    seeded = _last_from_file(session, row)
    if seeded is None:
        return person is None  # added in Slack; the file names them now: the file wins
    if person is None:
        return False
    said = snapshot(person, seeded.slack_deleted)
    if seeded.shift_days is None:  # written before rows held shifts: it said nothing of one
        said = {key: value for key, value in said.items() if key not in SHIFT_KEYS}
    return _row_snapshot(seeded, tuple(said)) == said


def _last_from_file(session: Session, row: PersonRow) -> PersonRow | None:
    """The person's newest row that the config file wrote; None if the file then dropped them."""
    history = select(PersonRow).where(
        PersonRow.team_id == row.team_id, PersonRow.slack_id == row.slack_id
    )
    seeded = session.exec(
        history.where(PersonRow.source == CONFIG).order_by(col(PersonRow.id).desc())
    ).first()
    if seeded is None:
        return None
    since = list(
        session.exec(history.where(col(PersonRow.id) >= seeded.id).order_by(col(PersonRow.id)))
    )
    dropped = any(
        earlier.valid_to is None or later.valid_from > earlier.valid_to
        for earlier, later in pairwise(since)
    )  # a gap in their history: a sync removed them, and Slack added them again
    return None if dropped else seeded


def _ensure_team(session: Session, practice: Practice, now: datetime) -> None:
    if session.get(TeamRow, practice.team_id) is not None:
        return
    try:
        with session.begin_nested():
            session.add(TeamRow(team_id=practice.team_id, name=practice.name, created_at=now))
    except IntegrityError:
        pass  # another process created it first


def add_version(
    session: Session, team_id: str, slack_id: str, values: dict[str, object], now: datetime
) -> None:
    """A new current row for a person (the caller closed the previous one)."""
    session.add(PersonRow(team_id=team_id, slack_id=slack_id, valid_from=now, **values))  # type: ignore[arg-type]
