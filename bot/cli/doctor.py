"""`bot doctor [--json]`: check Slack, the channels, the people, the database, the worker."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.services.checklist import Check, Outcome, healthy
from bot.settings import load_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.domain.practice import Practice

MARKS = {"pass": "✓", "warn": "!", "fail": "✗"}


def add_doctor_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot doctor [--json]`."""
    doctor = sub.add_parser(
        "doctor", help="check that Slack, the database and the worker are set up"
    )
    doctor.add_argument("--json", action="store_true", help="print the checks as JSON")
    doctor.set_defaults(run=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    """Run every check against the live setup; 1 when any fails."""
    from bot.bootstrap import web_client
    from bot.config import load_practice
    from bot.logs import guard_logs
    from bot.services.doctor import run_doctor
    from bot.slack.manifest import BOT_SCOPES
    from bot.slack.workspace import SlackWorkspaceClient
    from bot.storage.engine import make_engine
    from bot.storage.operations import SqlOperationsStore

    guard_logs()
    settings = load_settings()
    practice = load_practice(settings.practice_config)
    engine = make_engine(settings.database_url)
    try:
        checks = run_doctor(
            practice=as_served(practice, engine),
            slack=SlackWorkspaceClient(web_client(settings)),
            store=SqlOperationsStore(engine),
            required_scopes=BOT_SCOPES,
            now=datetime.now(UTC),
        )
    finally:
        engine.dispose()
    print(as_json(checks) if args.json else as_text(checks))
    return 0 if healthy(checks) else 1


def as_served(practice: Practice, engine: Engine) -> Practice:
    """The practice with its people as the database holds them (Slack edits and additions);
    as the file says when the database cannot tell (its own checks then say why)."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    from bot.storage.people import with_current_roster

    try:
        with Session(engine) as session:
            return with_current_roster(session, practice)
    except SQLAlchemyError:
        return practice


def as_text(checks: Sequence[Check]) -> str:
    """A checklist: ✓ / ! / ✗ per check, the fix under each that is not a pass, then a tally."""
    lines = []
    for check in checks:
        lines.append(f"{MARKS[check.outcome]} {check.name}: {check.detail}")
        if check.fix:
            lines.append(f"    fix: {check.fix}")
    failures = sum(check.outcome is Outcome.FAIL for check in checks)
    warnings = sum(check.outcome is Outcome.WARN for check in checks)
    lines.append(f"{failures} failed, {warnings} warning(s), {len(checks)} checks")
    return "\n".join(lines)


def as_json(checks: Sequence[Check]) -> str:
    """{"ok": bool, "checks": [{name, outcome, detail, fix}]}."""
    listed = [vars(check) | {"outcome": str(check.outcome)} for check in checks]
    return json.dumps({"ok": healthy(checks), "checks": listed}, indent=2)
