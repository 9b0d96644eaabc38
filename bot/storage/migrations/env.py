"""Alembic environment: migrations run against SQLModel.metadata, batch mode on SQLite."""

from alembic import context
from sqlmodel import SQLModel

import bot.storage.tables  # noqa: F401
from bot.storage.engine import make_engine

config = context.config
engine = make_engine(config.get_main_option("sqlalchemy.url") or "")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
