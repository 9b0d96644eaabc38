"""`bot outbox`: the Slack messages still to send or given up on; `retry` sends them again."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.settings import load_settings

if TYPE_CHECKING:
    from bot.storage.tables import OutboxRow

HEADER = ("ID", "TEAM", "TASK", "METHOD", "TO", "STATUS", "ATTEMPTS", "NOT BEFORE", "LAST ERROR")
STATUS = HEADER.index("STATUS")


def add_outbox_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot outbox` and `bot outbox retry ID|--dead`."""
    outbox = sub.add_parser("outbox", help="list Slack messages not sent yet or given up on")
    outbox.set_defaults(run=cmd_list)
    actions = outbox.add_subparsers(dest="outbox_command")
    retry = actions.add_parser("retry", help="send a dead (or waiting) message again now")
    which = retry.add_mutually_exclusive_group(required=True)
    which.add_argument("id", nargs="?", type=int, help="an outbox id from `bot outbox`")
    which.add_argument("--dead", action="store_true", help="every dead message")
    retry.set_defaults(run=cmd_retry)


def cmd_list(_args: argparse.Namespace) -> int:
    """Print pending and dead rows as a table (never their text), then a count of each."""
    from bot.outbox.queries import listed_rows
    from bot.storage.engine import command_session

    with command_session(load_settings(need_slack=False).database_url, read_only=True) as session:
        lines = [_line(row, code) for row, code in listed_rows(session)]
    for text in _table([HEADER, *lines]):
        print(text)
    dead = sum(line[STATUS] == "dead" for line in lines)
    print(f"{len(lines) - dead} pending, {dead} dead")
    return 0


def cmd_retry(args: argparse.Namespace) -> int:
    """Requeue one row (pending or dead) or every dead row; 1 when the row cannot be."""
    from bot.outbox.queries import requeue, status_of
    from bot.storage.engine import command_session

    with command_session(load_settings(need_slack=False).database_url) as session:
        requeued = requeue(session, datetime.now(UTC), None if args.dead else args.id)
        status = None if args.dead else status_of(session, args.id)
    if args.dead:
        print(f"requeued {requeued} dead message(s)")
    elif requeued:
        print(f"requeued outbox #{args.id}")
    else:
        why = "no such row" if status is None else f"it is {status}, not pending or dead"
        print(f"error: cannot retry outbox #{args.id}: {why}", file=sys.stderr)
        return 1
    return 0


def _table(lines: list[tuple[str, ...]]) -> list[str]:
    """Each column padded to its widest cell."""
    widths = [max(map(len, column)) for column in zip(*lines, strict=True)]
    padded = (zip(line, widths, strict=True) for line in lines)
    return ["  ".join(cell.ljust(width) for cell, width in cells).rstrip() for cells in padded]


def _line(row: OutboxRow, code: str | None) -> tuple[str, ...]:
    """One table line: where a row goes and how it fares, nothing of what it says."""
    from bot.outbox.queue import target

    return (
        str(row.id),
        row.team_id,
        code or "-",
        row.method,
        target(row.payload) or "-",
        row.status,
        str(row.attempts),
        row.not_before.strftime("%Y-%m-%d %H:%M:%SZ"),
        row.last_error or "-",
    )
