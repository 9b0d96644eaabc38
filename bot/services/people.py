"""The practice's people right now: the roster rows (config seeded, Slack edited)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.domain.practice import Practice
from bot.services.ports import UnitOfWork

PEOPLE_TTL_SECONDS = 10.0  # other processes notice a roster change within this time


class PeopleDirectory:
    """Each team's practice with its people as the database holds them, re-read every `ttl`."""

    def __init__(
        self,
        practices: Mapping[str, Practice],
        uow: Callable[[], UnitOfWork],
        monotonic: Callable[[], float],
        ttl: float = PEOPLE_TTL_SECONDS,
    ) -> None:
        self.practices = practices
        self.uow = uow
        self.monotonic = monotonic
        self.ttl = ttl
        self._seen: dict[str, tuple[float, Practice]] = {}

    def practice(self, team_id: str | None) -> Practice | None:
        """The team's practice as of at most `ttl` seconds ago; None for a team not served."""
        base = self.practices.get(team_id or "")
        if base is None:
            return None
        seen = self._seen.get(base.team_id)
        if seen is None or self.monotonic() - seen[0] > self.ttl:
            with self.uow() as uow:
                roster = uow.people.roster(base.team_id)
            seen = (self.monotonic(), base.with_roster(roster))
            self._seen[base.team_id] = seen
        return seen[1]

    def forget(self, team_id: str) -> None:
        """Read the roster afresh on the next call (after a change made in this process)."""
        self._seen.pop(team_id, None)
