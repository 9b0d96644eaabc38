"""`bot audit`: one task's history, or every audit event since a date as CSV."""

from __future__ import annotations

import argparse
import csv
import re
import sys
from datetime import datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.config import load_practice
from bot.domain.practice import Practice
from bot.domain.task import task_code
from bot.settings import load_settings

if TYPE_CHECKING:
    from bot.storage.tables import TaskEventRow, TaskRow

EXPORT_COLUMNS = (
    "event_id",
    "team_id",
    "task_code",
    "task_id",
    "at_utc",
    "actor_id",
    "action",
    "from_status",
    "to_status",
    "reason",
)
TASK_CODE = re.compile(r"(?:T-?)?(\d+)", re.IGNORECASE)


def add_audit_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot audit CODE` and `bot audit export --since DATE`."""
    audit = sub.add_parser("audit", help="print a task's audit history, or export all events")
    audit.add_argument("code", metavar="CODE|export", help="a task code such as T-0042, or export")
    audit.add_argument(
        "--team", help="Slack team id (default: the practice config's; export: every team)"
    )
    audit.add_argument("--since", metavar="YYYY-MM-DD", help="export: first day, practice time")
    audit.add_argument("--format", choices=("csv",), default="csv", help="export: output format")
    audit.set_defaults(run=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    """Run `bot audit` as parsed."""
    settings = load_settings(need_slack=False)
    practice = load_practice(settings.practice_config)
    if args.code.lower() == "export":
        return _export(settings.database_url, practice, args.since or "", args.team)
    return _history(settings.database_url, practice, args.code, args.team or practice.team_id)


def _history(database_url: str, practice: Practice, code: str, team_id: str) -> int:
    """Print the task's header line, then one line per event, oldest first."""
    from bot.storage import audit_queries
    from bot.storage.engine import command_session

    match = TASK_CODE.fullmatch(code.strip())
    if match is None:
        return _fail(f"error: expected a task code like T-0042 (or export), got {code!r}", 2)
    number = int(match.group(1))
    with command_session(database_url, read_only=True) as session:
        task = audit_queries.task_by_number(session, team_id, number)
        if task is None or task.id is None:
            return _fail(f"no task {task_code(number)} in team {team_id}", 1)
        print(_header(task, practice))
        for event in audit_queries.task_events(session, task.id):
            print(_event_line(event, practice))
    return 0


def _export(database_url: str, practice: Practice, since: str, team_id: str | None) -> int:
    """Write every event since the start of `since` (practice time) to stdout as CSV."""
    from bot.storage import audit_queries
    from bot.storage.engine import command_session

    start = _start_of_day(since, practice.tz)
    if start is None:
        return _fail(f"error: --since expects a date as YYYY-MM-DD, got {since!r}", 2)
    out = csv.DictWriter(sys.stdout, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    out.writeheader()
    with command_session(database_url, read_only=True) as session:
        for row in audit_queries.events_since(session, start, team_id):
            out.writerow({**row._asdict(), "at_utc": row.at_utc.strftime("%Y-%m-%dT%H:%M:%SZ")})
    return 0


def _start_of_day(day: str, tz: ZoneInfo) -> datetime | None:
    """Midnight of `day` (YYYY-MM-DD) in `tz`, or None when it is not such a date."""
    try:
        parsed = datetime.strptime(day, "%Y-%m-%d")
    except ValueError:
        return None
    return datetime.combine(parsed.date(), time(), tzinfo=tz)


def _header(task: TaskRow, practice: Practice) -> str:
    """Code, type, priority, status, people and times; never details or patient_ref."""
    return " | ".join(
        (
            f"{task.code} {task.type_id} {task.priority} {task.status}",
            f"requester {_who(task.requester_id, practice)}",
            f"assignee {_who(task.assignee_id, practice)}",
            f"created {_local(task.created_at, practice.tz)}",
            f"due {_local(task.due_at, practice.tz)}",
        )
    )


def _event_line(event: TaskEventRow, practice: Practice) -> str:
    """Time, actor, action, status change and (on one line) the reason."""
    move = f"{event.from_status or '-'}→{event.to_status or '-'}"
    parts = [_local(event.at, practice.tz), _who(event.actor_id, practice), event.action, move]
    reason = "\\n".join(event.reason.splitlines())
    return " | ".join([*parts, reason] if reason else parts)


def _who(slack_id: str | None, practice: Practice) -> str:
    """The Slack id, with the person's name when the practice knows them."""
    person = practice.person(slack_id) if slack_id else None
    return f"{slack_id} ({person.name})" if person else slack_id or "-"


def _local(at: datetime, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code
