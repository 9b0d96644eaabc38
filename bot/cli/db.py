"""`bot db upgrade [REV]`: Alembic migrations."""

from __future__ import annotations

import argparse

from bot.settings import load_settings


def add_db_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `bot db upgrade [REV]`."""
    db = sub.add_parser("db", help="database migrations")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    up = db_sub.add_parser("upgrade", help="migrate the database to the latest schema")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(run=cmd_db_upgrade)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Migrate DATABASE_URL to `args.revision`."""
    from bot.storage.migrate import upgrade

    settings = load_settings(need_slack=False)
    upgrade(settings.database_url, args.revision)
    print(f"database is at {args.revision}")
    return 0
