"""Ways to make the app's database unreachable for a while, and to bring it back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import psycopg
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from tests.conftest import PG_ADMIN, empty_tables


class Outage(Protocol):
    @property
    def url(self) -> str:
        """The database's URL."""

    def begin(self, engine: Engine) -> None:
        """From now on every connection fails, including those `engine` holds."""

    def end(self) -> None:
        """Connections work again."""


@dataclass(frozen=True)
class PostgresOutage:
    """The database refuses every connection and cuts those open (as a failover would)."""

    url: str

    def begin(self, engine: Engine) -> None:
        self._allow(False)

    def end(self) -> None:
        self._allow(True)

    def _allow(self, allowed: bool) -> None:
        name = make_url(self.url).database
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
            if not allowed:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    (name,),
                )


@dataclass(frozen=True)
class SqliteOutage:
    """The volume holding the SQLite file goes away (its folder moves), then comes back."""

    url: str

    def begin(self, engine: Engine) -> None:
        engine.dispose()  # open files would fail too: the volume is gone
        self._folder.rename(self._away)

    def end(self) -> None:
        if self._away.exists():
            self._away.rename(self._folder)

    @property
    def _folder(self) -> Path:
        return Path(str(make_url(self.url).database)).parent

    @property
    def _away(self) -> Path:
        return self._folder.with_name(self._folder.name + ".away")


def database_of(outage: Outage) -> Iterator[str]:
    """The `app` fixture's database: the one `outage` controls, emptied first, restored after."""
    empty_tables(outage.url)
    yield outage.url
    outage.end()
