"""`bot privacy redact`: remove the private fields of tasks closed longer ago than retention."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from bot.cli.clock import at_and_dry_run, each_practice

if TYPE_CHECKING:
    from bot.bootstrap import Handoff
    from bot.domain.practice import Practice

DRY_RUN_LIMIT = 1_000_000


def add_privacy_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot privacy redact [--dry-run] [--at ISO]`."""
    privacy = sub.add_parser("privacy", help="retention of private details")
    actions = privacy.add_subparsers(dest="privacy_command", required=True)
    redact = actions.add_parser(
        "redact", help="redact tasks closed longer ago than privacy.retain_private_days"
    )
    at_and_dry_run(redact, "print which tasks would be redacted; change nothing")
    redact.set_defaults(run=lambda args: cmd_redact(args, _handoff()))


def _handoff() -> Handoff:
    from bot.cli.run import synced_handoff

    return synced_handoff()


def cmd_redact(args: argparse.Namespace, handoff: Handoff) -> int:
    """Redact (or with --dry-run, list) each practice's expired tasks as of --at; codes only."""
    for practice, at in each_practice(args, handoff):
        _redact(handoff, practice, at, dry_run=args.dry_run)
    return 0


def _redact(handoff: Handoff, practice: Practice, at: datetime, *, dry_run: bool) -> None:
    """Redact, or list what would be redacted, for one practice; codes and dates only."""
    from bot.services.retention import due_for_redaction, redact_expired

    days = practice.retain_private_days
    if dry_run:
        due = due_for_redaction(handoff.reading_uow(), practice, at, limit=DRY_RUN_LIMIT)
        for task in due:
            assert task.closed_at is not None
            print(f"would redact {task.code} (closed {task.closed_at:%Y-%m-%d}, {task.status})")
        print(f"{len(due)} task(s) in {practice.team_id} would be redacted ({days}-day retention)")
        return
    codes = redact_expired(handoff.uow, practice, at)
    for code in codes:
        print(f"redacted {code}")
    print(f"{len(codes)} task(s) in {practice.team_id} redacted ({days}-day retention)")
