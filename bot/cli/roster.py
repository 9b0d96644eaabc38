"""`bot roster export`: the config file with its people as the database holds them now."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from bot.config import load_practice
from bot.config.convert import to_json
from bot.domain.practice import Practice
from bot.settings import load_settings


def add_roster_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot roster export`."""
    roster = sub.add_parser("roster", help="the roster as the database holds it")
    roster_sub = roster.add_subparsers(dest="roster_command", required=True)
    export = roster_sub.add_parser(
        "export", help="print the config as YAML with people as edited in Slack"
    )
    export.set_defaults(run=cmd_roster_export)


def cmd_roster_export(args: argparse.Namespace) -> int:
    """Print the practice config with its `people` replaced by the current roster."""
    from bot.storage.engine import command_session
    from bot.storage.people import with_current_roster

    settings = load_settings(need_slack=False)
    practice = load_practice(settings.practice_config)
    with command_session(settings.database_url, read_only=True) as session:
        current = with_current_roster(session, practice)
    print(roster_yaml(settings.practice_config, current), end="")
    return 0


def roster_yaml(config: Path, practice: Practice) -> str:
    """The config file's data (comments dropped) with `practice`'s people in the file's format."""
    data = yaml.safe_load(config.read_text())
    data["people"] = [_entry(person, practice.tz.key) for person in to_json(practice)["people"]]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _entry(person: dict[str, Any], practice_tz: str) -> dict[str, Any]:
    """A person as the file writes one: only the keys that say something."""
    skip = {"active": True, "timezone": practice_tz}
    return {
        key: value
        for key, value in person.items()
        if value not in (None, [], {}) and skip.get(key, object()) != value
    }
