"""The `bot` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.audit_cli import add_audit_parser
from bot.clock_cli import add_clock_parsers
from bot.config import ConfigError, check_practice, practice_json
from bot.outbox_cli import add_outbox_parser
from bot.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from bot.bootstrap import Handoff


def _settings(*, need_app_token: bool = False) -> Settings:
    settings = load_settings(need_app_token=need_app_token)
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    return settings


def _synced_handoff(settings: Settings) -> Handoff:
    """Wire the process, sync the config into the database, re-route what leavers held."""
    from bot.bootstrap import build
    from bot.services.offboarding import reroute_orphans
    from bot.storage.sync import sync_practice

    handoff = build(settings)
    for team_id, practice in handoff.practices.items():
        sync_practice(handoff.engine, practice, handoff.clock())
        current = handoff.practice(team_id)
        assert current is not None
        reroute_orphans(handoff.uow(), current, handoff.clock())
    return handoff


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.serve import serve

    settings = _settings()
    _synced_handoff(settings).close()
    serve(settings, host=args.host)
    return 0


def cmd_socket(_args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.handlers import build_app

    settings = _settings(need_app_token=True)
    handoff = _synced_handoff(settings)
    handoff.start_delivery()
    SocketModeHandler(build_app(handoff), settings.slack_app_token).start()  # type: ignore[no-untyped-call]
    return 0


def cmd_worker(_args: argparse.Namespace) -> int:
    from bot.worker import run_worker

    run_worker(_synced_handoff(_settings()))
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from bot.storage.migrate import upgrade

    settings = load_settings(need_slack=False)
    upgrade(settings.database_url, args.revision)
    print(f"database is at {args.revision}")
    return 0


def _config_path(args: argparse.Namespace) -> Path:
    return Path(args.path) if args.path else load_settings(need_slack=False).practice_config


def cmd_config_check(args: argparse.Namespace) -> int:
    path = _config_path(args)
    problems = check_practice(path)
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) in {path}", file=sys.stderr)
        return 1
    print(f"{path}: OK")
    return 0


def cmd_config_show(args: argparse.Namespace) -> int:
    data = practice_json(_config_path(args))
    print(json.dumps(data, indent=2) if args.json else json.dumps(data))
    return 0


def cmd_manifest(args: argparse.Namespace) -> int:
    from bot.slack.manifest import manifest_yaml

    print(manifest_yaml(args.url, socket_mode=args.socket), end="")
    return 0


def cmd_demo(_args: argparse.Namespace) -> int:
    from bot.devkit.demo import run_demo

    return int(run_demo())


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="bot", description="Handoff: delegate practice admin work.")
    sub = root.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve Slack's Request URL over HTTP (gunicorn)")
    serve.add_argument("--host", default="0.0.0.0")
    serve.set_defaults(run=cmd_serve)
    sub.add_parser("socket", help="run over Socket Mode").set_defaults(run=cmd_socket)
    sub.add_parser("worker", help="run the background worker").set_defaults(run=cmd_worker)
    db = sub.add_parser("db", help="database migrations")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    up = db_sub.add_parser("upgrade", help="migrate the database to the latest schema")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(run=cmd_db)
    config = sub.add_parser("config", help="check or show the practice config")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    check = config_sub.add_parser("check", help="validate the practice config")
    check.add_argument("path", nargs="?")
    check.set_defaults(run=cmd_config_check)
    show = config_sub.add_parser("show", help="print the normalized config")
    show.add_argument("path", nargs="?")
    show.add_argument("--json", action="store_true", help="pretty-printed JSON")
    show.set_defaults(run=cmd_config_show)
    manifest = sub.add_parser("manifest", help="print the Slack app manifest (YAML)")
    manifest.add_argument("--url", default="https://handoff.example.org", help="public base URL")
    manifest.add_argument("--socket", action="store_true", help="Socket Mode manifest")
    manifest.set_defaults(run=cmd_manifest)
    sub.add_parser(
        "demo", help="play a scripted demo against the local Slack stand-in"
    ).set_defaults(run=cmd_demo)
    add_audit_parser(sub)
    add_outbox_parser(sub)
    add_clock_parsers(sub, lambda: _synced_handoff(_settings()))
    return root


def main(argv: list[str] | None = None) -> int:
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
