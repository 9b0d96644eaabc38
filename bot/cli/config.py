"""`bot config check|show`: validate or print the practice config."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bot.config import check_practice, load_practice, practice_json
from bot.settings import load_settings


def add_config_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot config check [PATH]` and `bot config show [--json] [PATH]`."""
    config = sub.add_parser("config", help="check or show the practice config")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    check = config_sub.add_parser("check", help="validate the practice config")
    check.add_argument("path", nargs="?")
    check.set_defaults(run=cmd_config_check)
    show = config_sub.add_parser("show", help="print the normalized config")
    show.add_argument("path", nargs="?")
    show.add_argument("--json", action="store_true", help="pretty-printed JSON")
    show.set_defaults(run=cmd_config_show)


def cmd_config_check(args: argparse.Namespace) -> int:
    """Print every problem (file:line: field: problem — fix); 1 if there is any."""
    path = _config_path(args)
    problems = check_practice(path)
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) in {path}", file=sys.stderr)
        return 1
    print(f"{path}: OK")
    for line in _roster_warnings(path):
        print(f"warning: {line}")
    return 0


def _roster_warnings(path: Path) -> list[str]:
    """Where the database (with Slack edits) disagrees with the file; none without a database."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.config.roster_rules import disagreements
    from bot.storage.engine import command_session
    from bot.storage.people import SqlPeople

    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return []
    practice = load_practice(path)
    try:
        with command_session(load_settings(need_slack=False).database_url, read_only=True) as s:
            roster = SqlPeople(s).roster(practice.team_id)
    except SQLAlchemyError:
        return []  # no database to compare with (yet)
    found = disagreements(practice, roster)
    if found:
        found.append("`bot roster export` prints the file as the database has it")
    return found


def cmd_config_show(args: argparse.Namespace) -> int:
    """Print the normalized config as JSON."""
    data = practice_json(_config_path(args))
    print(json.dumps(data, indent=2) if args.json else json.dumps(data))
    return 0


def _config_path(args: argparse.Namespace) -> Path:
    return Path(args.path) if args.path else load_settings(need_slack=False).practice_config
