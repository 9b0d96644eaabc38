"""INSERTs by dialect: … ON CONFLICT (SQLite and PostgreSQL spell it alike), and many rows."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session


def dialect_insert(session: Session, table: Table) -> Any:
    """INSERT for the session's database, with its ON CONFLICT clauses."""
    return insert_for(session.get_bind().dialect.name)(table)


def insert_for(dialect: str) -> Any:
    """The INSERT construct of `dialect` (SQLite's or PostgreSQL's), with ON CONFLICT."""
    return sqlite_insert if dialect == "sqlite" else pg_insert


def insert_many(table: Table) -> dict[str, Any]:
    """By dialect, an INSERT of several rows in one execution that numbers them in the order
    given: on PostgreSQL one INSERT … SELECT … FROM (VALUES …) ORDER BY (psycopg's executemany
    would pipeline the rows as a prepared statement, which the next ROLLBACK deallocates: a
    round trip); on SQLite an executemany, row by row in-process."""
    return {
        "postgresql": insert(table).returning(table.c.id, sort_by_parameter_order=True),
        "sqlite": insert(table),
    }


def insert_once(session: Session, table: Table, values: dict[str, Any], key: list[str]) -> bool:
    """Insert a row unless its unique `key` exists; True if this call inserted it (one row as
    one execution: a list of one would take SQLAlchemy's many-rows path, twice the work)."""
    statement = _insert_new(session.get_bind().dialect.name, table, tuple(key), tuple(key[:1]))
    return session.connection().execute(statement, values).first() is not None


def insert_new(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], key: list[str],
    returned: list[str],
) -> list[tuple[Any, ...]]:  # fmt: skip
    """Insert the rows whose unique `key` is new, in one statement; their `returned` columns."""
    if not rows:
        return []
    dialect = session.get_bind().dialect.name
    statement = _insert_new(dialect, table, tuple(key), tuple(returned))
    return [tuple(row) for row in session.connection().execute(statement, list(rows))]


@cache
def _insert_new(dialect: str, table: Table, key: tuple[str, ...], returned: tuple[str, ...]) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING, built once; rows come as parameters (many
    rows: SQLAlchemy batches them into multi-row VALUES itself)."""
    return (
        insert_for(dialect)(table)
        .on_conflict_do_nothing(index_elements=key)
        .returning(*(table.c[name] for name in returned))
    )
