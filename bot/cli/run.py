"""`bot serve`, `bot socket`, `bot worker`: sync the config, then run a process."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from bot.logs import configure_logging
from bot.settings import Settings, load_settings

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"  # read by prometheus_client when it is imported

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
    with shared_metrics_dir():  # before anything imports prometheus_client
        from bot.processes.serve import serve

        settings = _settings()
        _synced_handoff(settings).close()
        serve(settings, host=args.host)
    return 0


@contextmanager
def shared_metrics_dir() -> Iterator[str]:
    """PROMETHEUS_MULTIPROC_DIR for the gunicorn processes: the operator's, or a temporary one."""
    given = os.environ.get(MULTIPROC_ENV)
    if given:
        yield given
        return
    path = tempfile.mkdtemp(prefix="handoff-metrics-")
    os.environ[MULTIPROC_ENV] = path
    try:
        yield path
    finally:
        os.environ.pop(MULTIPROC_ENV, None)
        shutil.rmtree(path, ignore_errors=True)


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
    configure_logging(settings.log_level, settings.log_format)
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
