"""`bot demo`: the scripted demo against the local Slack stand-in."""

from __future__ import annotations

import argparse


def add_demo_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot demo`."""
    demo = sub.add_parser("demo", help="play a scripted demo against the local Slack stand-in")
    demo.set_defaults(run=cmd_demo)


def cmd_demo(_args: argparse.Namespace) -> int:
    """Run the demo; 0 when every step went as scripted."""
    from bot.devkit.demo import run_demo

    return int(run_demo())
