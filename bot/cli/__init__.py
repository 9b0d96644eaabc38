"""The `bot` command line: one module per command group, gathered here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from bot.cli.audit import add_audit_parser
from bot.cli.clock import add_clock_parsers
from bot.cli.config import add_config_parser
from bot.cli.db import add_db_parser
from bot.cli.demo import add_demo_parser
from bot.cli.doctor import add_doctor_parser
from bot.cli.insights import add_report_parser
from bot.cli.manifest import add_manifest_parser
from bot.cli.outbox import add_outbox_parser
from bot.cli.privacy import add_privacy_parser
from bot.cli.roster import add_roster_parser
from bot.cli.run import add_run_parsers
from bot.config import ConfigError
from bot.settings import SettingsError

COMMAND_GROUPS = (
    add_run_parsers,
    add_db_parser,
    add_config_parser,
    add_manifest_parser,
    add_demo_parser,
    add_audit_parser,
    add_outbox_parser,
    add_clock_parsers,
    add_doctor_parser,
    add_report_parser,
    add_privacy_parser,
    add_roster_parser,
)


def parser() -> argparse.ArgumentParser:
    """The `bot` parser with every command group registered."""
    root = argparse.ArgumentParser(prog="bot", description="Handoff: delegate practice admin work.")
    sub = root.add_subparsers(dest="command", required=True)
    for add in COMMAND_GROUPS:
        add(sub)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one command; 2 for a settings error, 1 for a config error."""
    args = parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 1
