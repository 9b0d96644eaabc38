"""`bot audit access`: one person's looks at private fields and refusals, as text or CSV."""

from __future__ import annotations

import csv
import sys
from datetime import datetime

from bot.cli.audit import inert
from bot.domain.practice import Practice
from bot.services.ports import AccessEntry

ACCESS_COLUMNS = ("at_utc", "person", "task_code", "outcome", "surface")


def print_access(
    database_url: str,
    practice: Practice,
    team_id: str,
    person: str,
    since: datetime,
    *,
    csv_out: bool,
) -> int:
    """Write the person's access report since `since` to stdout (PHI-free: codes and times)."""
    from bot.storage.engine import command_session
    from bot.storage.retention import SqlRetention

    with command_session(database_url, read_only=True) as session:
        entries = SqlRetention(session).access(team_id, person, since)
    if csv_out:
        _write_csv(person, entries)
        return 0
    for entry in entries:
        print(_text_line(practice, entry))
    print(f"{len(entries)} look(s) and refusal(s) by {person} since {since:%Y-%m-%d}")
    return 0


def _write_csv(person: str, entries: list[AccessEntry]) -> None:
    """RFC 4180 rows, every cell formula-neutralized as in `bot audit export`."""
    out = csv.DictWriter(sys.stdout, fieldnames=ACCESS_COLUMNS, lineterminator="\r\n")
    out.writeheader()
    for entry in entries:
        cells = {
            "at_utc": entry.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "person": person,
            "task_code": entry.task_code,
            "outcome": entry.outcome,
            "surface": entry.surface,
        }
        out.writerow({column: inert(value) for column, value in cells.items()})


def _text_line(practice: Practice, entry: AccessEntry) -> str:
    """When (practice time), task code, outcome, surface."""
    when = entry.at.astimezone(practice.tz).strftime("%Y-%m-%d %H:%M %Z")
    code = entry.task_code or "(no such task)"
    return " | ".join((when, code, entry.outcome, entry.surface or "-"))
