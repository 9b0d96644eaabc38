"""`bot digest weekly [--out DIR]` and `bot report`: the weekly figures for operators and owners."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.bootstrap import Handoff
    from bot.domain.practice import Practice

FORMATS = ("csv", "md", "png")


def add_report_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot report --since DATE [--until DATE] --format csv|md|png [--out PATH]`."""
    report = sub.add_parser("report", help="write the weekly figures over a range of dates")
    report.add_argument("--since", type=_day, required=True, help="first day, e.g. 2026-11-02")
    report.add_argument("--until", type=_day, default=None, help="day after the last; default now")
    report.add_argument("--format", choices=FORMATS, required=True)
    report.add_argument("--out", type=Path, default=None, help="folder (csv, png) or file (md)")
    report.set_defaults(run=lambda args: cmd_report(args, _handoff()))


def _handoff() -> Handoff:
    from bot.cli.run import synced_handoff

    return synced_handoff()


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


def cmd_weekly(
    args: argparse.Namespace, handoff: Handoff, at: datetime, practice: Practice
) -> None:
    """Send (or show) the weekly digests due at `at`; with --out, write their charts there."""
    from bot.insights.report import write_charts
    from bot.services.weekly import send_weekly

    sent = send_weekly(handoff.uow, handoff.reading_uow, practice, at, dry_run=args.dry_run)
    for weekly in sent:
        verb = "would send" if args.dry_run else "queued"
        print(f"{verb} weekly digest for {weekly.period.key} to {weekly.recipient}")
        if args.out:
            folder = args.out if len(sent) == 1 else args.out / weekly.recipient
            written = write_charts(practice, weekly.figures, folder)
            print(f"wrote {len(written)} file(s) to {folder}")
    print(f"{len(sent)} weekly digest(s)")


def cmd_report(args: argparse.Namespace, handoff: Handoff) -> int:
    """Write each practice's report over [--since, --until) in the format asked for."""
    from bot.insights.report import markdown, report_charts, write_csv
    from bot.services.weekly import owner_report, weekly_at

    try:
        for practice in handoff.served_practices():
            at, now = weekly_at(practice), handoff.clock()
            since = datetime.combine(args.since, at, practice.tz)
            until = datetime.combine(args.until, at, practice.tz) if args.until else now
            if until <= since:
                print("error: --until must be after --since", file=sys.stderr)
                return 2
            report = owner_report(handoff.reading_uow, practice, since, until, now)
            suffix = ".md" if args.format == "md" else ""
            out: Path = args.out or Path(f"report-{args.since}{suffix}")
            if args.format == "md":
                out.write_text(markdown(practice, report), encoding="utf-8")
                written = [out]
            else:
                write = write_csv if args.format == "csv" else report_charts
                written = write(practice, report, out)
            print(f"wrote {len(written)} file(s) for {len(report.figures.weeks)} week(s) to {out}")
    finally:
        handoff.close()
    return 0
