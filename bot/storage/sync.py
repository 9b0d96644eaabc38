"""Sync the practice config into the database at start: the team row and people history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.domain.people import Person
from bot.domain.practice import Practice
from bot.storage.tables import PersonRow, TeamRow


def _snapshot(person: Person, slack_deleted: bool = False) -> dict[str, object]:
    """A person's row values; an account Slack deactivated stays inactive whatever the config."""
    return {
        "name": person.name,
        "role": person.role.value,
        "scopes": sorted(person.scopes),
        "assistants": list(person.assistants),
        "timezone": str(person.tz),
        "active": person.active and not slack_deleted,
        "slack_deleted": slack_deleted,
    }


def _row_snapshot(row: PersonRow) -> dict[str, object]:
    return {key: getattr(row, key) for key in SNAPSHOT_KEYS}


SNAPSHOT_KEYS = ("name", "role", "scopes", "assistants", "timezone", "active", "slack_deleted")


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
            if person is None or _row_snapshot(old) != _snapshot(person, old.slack_deleted):
                old.valid_to = now
                session.add(old)
                changed += 1
        for slack_id, person in practice.people.items():
            row = current.get(slack_id)
            if row is None or row.valid_to is not None:
                deleted = bool(row and row.slack_deleted)
                add_version(session, practice.team_id, slack_id, _snapshot(person, deleted), now)
                changed += 1
        session.commit()
    return changed


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
