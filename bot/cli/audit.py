"""`bot audit`: one task's history, every audit event since a date as CSV, or a person's access."""

from __future__ import annotations

import argparse
import csv
import getpass
import re
import sys
from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.config import load_practice
from bot.domain.lifecycle import NEEDS_TEXT
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
PRIVATE_ACTIONS = frozenset(action.value for action in NEEDS_TEXT)  # reason: a person's own note
WITHHELD = "(private note withheld; --include-private)"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as a formula


def add_audit_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot audit CODE`, `bot audit export --since DATE` and `bot audit access`."""
    audit = sub.add_parser(
        "audit", help="print a task's audit history, export all events, or a person's access"
    )
    audit.add_argument(
        "code", metavar="CODE|export|access", help="a task code such as T-0042, export or access"
    )
    audit.add_argument(
        "--team", help="Slack team id (default: the practice config's; export: every team)"
    )
    audit.add_argument(
        "--since", metavar="YYYY-MM-DD", help="export, access: first day, practice time"
    )
    audit.add_argument(
        "--format", choices=("csv", "text"), default=None,
        help="export: csv (the default); access: text (the default) or csv",
    )  # fmt: skip
    audit.add_argument("--person", metavar="U…", help="access: whose looks at private fields")
    audit.add_argument(
        "--include-private",
        action="store_true",
        help="print done notes, return reasons, answers and cancel reasons (audited)",
    )
    audit.set_defaults(run=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    """Run `bot audit` as parsed."""
    settings = load_settings(need_slack=False)
    practice = load_practice(settings.practice_config)
    private = bool(args.include_private)
    if args.code.lower() == "access":
        return access_report(settings.database_url, practice, args)
    if args.format == "text":
        return _fail("error: --format text is for bot audit access; export writes CSV", 2)
    if args.code.lower() == "export":
        return _export(settings.database_url, practice, args.since or "", args.team, private)
    team_id = args.team or practice.team_id
    return _history(settings.database_url, practice, args.code, team_id, private)


def _history(database_url: str, practice: Practice, code: str, team_id: str, private: bool) -> int:
    """Print the task's header line, then one line per event, oldest first."""
    from bot.storage import audit_queries
    from bot.storage.engine import command_session

    match = TASK_CODE.fullmatch(code.strip())
    if match is None:
        return _fail(f"error: expected a task code like T-0042 (or export), got {code!r}", 2)
    number = int(match.group(1))
    with command_session(database_url, read_only=True) as session:
        task = audit_queries.task_by_number(session, team_id, number)
        events = audit_queries.task_events(session, task.id) if task and task.id else []
    if task is None or task.id is None:
        return _fail(f"no task {task_code(number)} in team {team_id}", 1)
    if private:
        _record_private_read(database_url, team_id, task.id, f"bot audit {task.code}")
    print(_header(task, practice))
    for event in events:
        print(_event_line(event, practice, private))
    return 0


def _export(
    database_url: str, practice: Practice, since: str, team_id: str | None, private: bool
) -> int:
    """Write every event since the start of `since` (practice time) to stdout as CSV."""
    from bot.storage import audit_queries
    from bot.storage.engine import command_session

    start = start_of_day(since, practice.tz)
    if start is None:
        return _fail(f"error: --since expects a date as YYYY-MM-DD, got {since!r}", 2)
    if private:
        scope = f"team {team_id}" if team_id else "every team"
        what = f"bot audit export --since {since}, {scope}"
        _record_private_read(database_url, team_id or practice.team_id, None, what)
    # RFC 4180 record ends: a cell holding a CR (or LF) is then quoted, so it cannot split a row
    out = csv.DictWriter(sys.stdout, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    out.writeheader()
    with command_session(database_url, read_only=True) as session:
        for row in audit_queries.events_since(session, start, team_id):
            out.writerow(_export_cells(row._asdict(), private))
    return 0


def access_report(database_url: str, practice: Practice, args: argparse.Namespace) -> int:
    """Print every look at private fields by --person since --since, and every refusal."""
    from bot.cli.audit_access import print_access

    start = start_of_day(args.since or "", practice.tz)
    if start is None:
        return _fail(f"error: --since expects a date as YYYY-MM-DD, got {args.since!r}", 2)
    if not args.person:
        return _fail("error: bot audit access needs --person U… (a Slack user id)", 2)
    team_id = args.team or practice.team_id
    return print_access(
        database_url, practice, team_id, args.person, start, csv_out=args.format == "csv"
    )


def _record_private_read(database_url: str, team_id: str, task_id: int | None, what: str) -> None:
    """Audit who is about to read private notes, committed before anything is printed."""
    from bot.storage import audit_queries
    from bot.storage.engine import command_session

    with command_session(database_url) as session:
        audit_queries.record_private_read(
            session, team_id=team_id, task_id=task_id, actor_id=_operator(),
            at=datetime.now(UTC), reason=what,
        )  # fmt: skip


def _operator() -> str:
    """Who runs the command: `cli:` and the OS user, within the actor column's 32 characters."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        user = ""
    return f"cli:{user}"[:32] if user else "cli"


def _export_cells(row: Mapping[str, Any], private: bool) -> dict[str, object]:
    """One CSV row: UTC time, private notes withheld unless asked for, formulas neutralized."""
    reason = _reason(row["action"], row["reason"], private)
    cells = {**row, "at_utc": row["at_utc"].strftime("%Y-%m-%dT%H:%M:%SZ"), "reason": reason}
    return {column: inert(value) for column, value in cells.items()}


def inert(value: object) -> object:
    """A cell a spreadsheet shows as text: a leading quote before = + - @ tab or CR (OWASP)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _reason(action: str, reason: str, private: bool) -> str:
    """The event's reason, or a marker that a private note exists when it is not to be shown."""
    return WITHHELD if reason and action in PRIVATE_ACTIONS and not private else reason


def start_of_day(day: str, tz: ZoneInfo) -> datetime | None:
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


def _event_line(event: TaskEventRow, practice: Practice, private: bool) -> str:
    """Time, actor, action, status change and (on one line) the reason."""
    move = f"{event.from_status or '-'}→{event.to_status or '-'}"
    parts = [_local(event.at, practice.tz), _who(event.actor_id, practice), event.action, move]
    reason = "\\n".join(_reason(event.action, event.reason, private).splitlines())
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
