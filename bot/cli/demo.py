"""`bot demo`: the scripted demo against the local Slack stand-in."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_demo_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot demo`."""
    demo = sub.add_parser("demo", help="play a scripted demo against the local Slack stand-in")
    demo.add_argument(
        "--out", type=Path, default=None,
        help="folder for the weekly digest's charts (default var/demo-weekly)",
    )  # fmt: skip
    demo.set_defaults(run=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    """Run the demo; 0 when every step went as scripted."""
    from bot.devkit.demo import WEEKLY_OUT, run_demo

    return int(run_demo(weekly_out=args.out or WEEKLY_OUT))
