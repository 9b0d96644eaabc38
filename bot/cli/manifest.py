"""`bot manifest [--url URL] [--socket]`: the Slack app manifest."""

from __future__ import annotations

import argparse


def add_manifest_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot manifest`."""
    manifest = sub.add_parser("manifest", help="print the Slack app manifest (YAML)")
    manifest.add_argument("--url", default="https://handoff.example.org", help="public base URL")
    manifest.add_argument("--socket", action="store_true", help="Socket Mode manifest")
    manifest.set_defaults(run=cmd_manifest)


def cmd_manifest(args: argparse.Namespace) -> int:
    """Print the manifest as YAML."""
    from bot.slack.manifest import manifest_yaml

    print(manifest_yaml(args.url, socket_mode=args.socket), end="")
    return 0
