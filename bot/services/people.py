"""Who is active right now: the configured practice with the people Slack deactivated."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.domain.practice import Practice
from bot.services.ports import UnitOfWork

PEOPLE_TTL_SECONDS = 10.0  # other processes notice a Slack deactivation within this time


class PeopleDirectory:
    """Each team's practice with its inactive people overlaid, re-read at most every `ttl`."""

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
                inactive = uow.people.inactive_ids(base.team_id)
            seen = (self.monotonic(), base.with_inactive(inactive))
            self._seen[base.team_id] = seen
        return seen[1]

    def forget(self, team_id: str) -> None:
        """Read who is active afresh on the next call (after Slack told us of a change)."""
        self._seen.pop(team_id, None)
