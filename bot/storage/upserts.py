"""INSERT … ON CONFLICT for the session's database: SQLite and PostgreSQL spell it alike."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session


def dialect_insert(session: Session, table: Table) -> Any:
    """INSERT for the session's database, with its ON CONFLICT clauses."""
    dialect = session.get_bind().dialect.name
    return (sqlite_insert if dialect == "sqlite" else pg_insert)(table)


def insert_once(session: Session, table: Table, values: dict[str, Any], key: list[str]) -> bool:
    """Insert a row unless its unique `key` exists; True if this call inserted it."""
    statement = _insert_once(session.get_bind().dialect.name, table, tuple(key))
    return session.connection().execute(statement, values).scalar_one_or_none() is not None


@cache
def _insert_once(dialect: str, table: Table, key: tuple[str, ...]) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING, built once (values come as parameters)."""
    insert = sqlite_insert if dialect == "sqlite" else pg_insert
    return insert(table).on_conflict_do_nothing(index_elements=key).returning(table.c[key[0]])
