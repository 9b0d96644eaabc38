"""`bot escalate` and `bot digest`: one sweep as of a given time, for operators and tests."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.bootstrap import Handoff
    from bot.domain.practice import Practice
    from bot.services.digests import DigestSent
    from bot.services.escalation_looks import Escalation
    from bot.services.escalations import SweepReport


def add_clock_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot escalate --at ISO [--dry-run]`."""
    escalate = sub.add_parser("escalate", help="run one escalation sweep as of a time")
    at_and_dry_run(escalate)
    escalate.set_defaults(run=lambda args: cmd_escalate(args, _handoff()))
    digest = sub.add_parser("digest", help="send the digests due as of a time")
    digest.add_argument("audience", choices=("manager", "assistant", "clinician", "weekly"))
    at_and_dry_run(digest)
    digest.add_argument(
        "--out", type=Path, default=None, help="weekly: also write its charts to this folder"
    )
    digest.set_defaults(run=lambda args: cmd_digest(args, _handoff()))


def _handoff() -> Handoff:
    """The process wired and synced, as `bot worker` has it."""
    from bot.cli.run import synced_handoff

    return synced_handoff()


def at_and_dry_run(
    parser: argparse.ArgumentParser, dry_run_help: str = "print what would be sent; send nothing"
) -> None:
    """The --at ISO and --dry-run options the clock's commands share."""
    parser.add_argument(
        "--at", type=_moment, default=None,
        help="ISO time, e.g. 2026-12-01T12:00-05:00 (no offset: practice time); default now",
    )  # fmt: skip
    parser.add_argument("--dry-run", action="store_true", help=dry_run_help)


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not an ISO time: {text!r}") from error


def cmd_escalate(args: argparse.Namespace, handoff: Handoff) -> int:
    """Sweep each practice as of --at and print each message (PHI-free) and each release."""
    from bot.services.escalations import sweep

    for practice, at in each_practice(args, handoff):
        report = sweep(handoff.uow, practice, at, dry_run=args.dry_run)
        _print_report(report, dry_run=args.dry_run)
    return 0


def cmd_digest(args: argparse.Namespace, handoff: Handoff) -> int:
    """Send (or with --dry-run, show) the audience's digests due as of --at."""
    from bot.cli.insights import cmd_weekly
    from bot.services.digests import send_digests

    for practice, at in each_practice(args, handoff):
        if args.audience == "weekly":
            cmd_weekly(args, handoff, at, practice)
            continue
        sent = send_digests(
            handoff.uow, handoff.reading_uow, practice, args.audience, at, dry_run=args.dry_run
        )
        for digest in sent:
            print(_digest_line(digest, dry_run=args.dry_run))
        print(f"{len(sent)} {args.audience} digest(s)")
    return 0


def each_practice(
    args: argparse.Namespace, handoff: Handoff
) -> Iterator[tuple[Practice, datetime]]:
    """Each served practice with the moment to sweep as of (--at in its zone, else now)."""
    try:
        for practice in handoff.served_practices():
            yield practice, in_zone(args.at, practice.tz) if args.at else handoff.clock()
    finally:
        handoff.close()


def _digest_line(digest: DigestSent, *, dry_run: bool) -> str:
    verb = "skipped (empty)" if digest.skipped else ("would send" if dry_run else "queued")
    return f"{verb} {digest.audience} digest for {digest.period.key} to {digest.recipient}"


def in_zone(at: datetime, tz: tzinfo) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=tz)


def _print_report(report: SweepReport, *, dry_run: bool) -> None:
    verb = "would send" if dry_run else "queued"
    for escalation in report.sent:
        print(f"{verb} {_describe(escalation)}")
    for task in report.released:
        print(f"{'would release' if dry_run else 'released'} {task.code}: claim lease ran out")
    sent, released = len(report.sent), len(report.released)
    print(f"{sent} message(s), {released} release(s), {report.checked} task(s) checked")


def _describe(escalation: Escalation) -> str:
    firing = escalation.firing
    level = "reminder" if firing.level == 0 else f"level {firing.level}"
    return (
        f"{escalation.task.code} {escalation.clock.value} {level} #{firing.repetition + 1} "
        f"to {escalation.recipient.kind.value} {escalation.recipient.id}"
    )
