"""`bot serve`, `bot socket`, `bot worker`: sync the config, then run a process."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.logs import configure_logging
from bot.settings import Settings, load_settings

if TYPE_CHECKING:
    from bot.bootstrap import Handoff


def add_run_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot serve [--host H]`, `bot socket` and `bot worker`."""
    serve = sub.add_parser("serve", help="serve Slack's Request URL over HTTP (gunicorn)")
    serve.add_argument("--host", default="0.0.0.0")
    serve.set_defaults(run=cmd_serve)
    sub.add_parser("socket", help="run over Socket Mode").set_defaults(run=cmd_socket)
    sub.add_parser("worker", help="run the background worker").set_defaults(run=cmd_worker)


def cmd_serve(args: argparse.Namespace) -> int:
    """Sync the config, then serve over HTTP; each gunicorn worker wires its own Handoff."""
    from bot.processes.serve import serve

    settings = _settings()
    _synced_handoff(settings).close()
    serve(settings, host=args.host)
    return 0


def cmd_socket(_args: argparse.Namespace) -> int:
    """Sync the config, then run the app over Socket Mode."""
    from bot.processes.socket import run_socket

    run_socket(_synced_handoff(_settings(need_app_token=True)))
    return 0


def cmd_worker(_args: argparse.Namespace) -> int:
    """Sync the config, then relay the outbox until SIGTERM."""
    from bot.processes.worker import run_worker

    run_worker(_synced_handoff(_settings()))
    return 0


def _settings(*, need_app_token: bool = False) -> Settings:
    settings = load_settings(need_app_token=need_app_token)
    configure_logging(settings.log_level)
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


def synced_handoff() -> Handoff:
    """Settings from the environment, logging configured, the process wired and synced."""
    return _synced_handoff(_settings())
