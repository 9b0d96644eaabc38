"""Alembic glue: `bot db upgrade` and the model-vs-database comparison used by tests."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlmodel import SQLModel

import bot.storage.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def model_differences(engine: Engine) -> list[Any]:
    """What autogenerate would change to make the database match the models (empty = none)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))


def schema_revisions(engine: Engine) -> tuple[str | None, str]:
    """The database's current Alembic revision (None when it has none) and the code's head."""
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, head_revision()


@functools.cache
def head_revision() -> str:
    """The newest migration this code ships."""
    return str(ScriptDirectory.from_config(alembic_config("")).get_current_head())
