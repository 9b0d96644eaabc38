"""Publish a person's App Home: the task lists their role needs, read in one transaction."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from bot.domain.absence import Absence
from bot.domain.people import Person, Role
from bot.domain.practice import Practice
from bot.domain.task import OPEN_STATUSES, Status, Task
from bot.domain.weekly import WeeklyFigures, weeks_ending
from bot.services.ports import ChartFile, UnitOfWork
from bot.services.weekly import read_figures

LIST_LIMIT = 100  # a Home view holds at most 100 blocks, so no list can show more tasks
IN_HAND = frozenset({Status.CLAIMED, Status.RETURNED})
AWAITING_OTHERS = OPEN_STATUSES - {Status.RETURNED}


@dataclass(frozen=True)
class TaskPage:
    """The first tasks of a list, by due, and how many the whole list holds."""

    tasks: Sequence[Task]
    total: int


@dataclass(frozen=True)
class AssistantHome:
    in_hand: TaskPage  # claimed by the assistant (or returned, waiting on the clinician)
    unclaimed: TaskPage  # unassigned or assigned, in the assistant's scopes
    away: Sequence[Absence] = ()  # the assistant's own time off, current and coming


@dataclass(frozen=True)
class ClinicianHome:
    returned: TaskPage  # waiting for the clinician's answer
    delegated: TaskPage  # every other open task they delegated
    slack_id: str = ""  # whose Home: their own preferred assistants are theirs to set


@dataclass(frozen=True)
class ManagerHome:
    counts: Mapping[tuple[Status, str], int]  # open tasks by (status, type id)
    overdue: TaskPage
    trend: WeeklyFigures | None = None  # the last seven days against the seven before
    charts: Sequence[ChartFile] = ()  # from the latest weekly digest the manager can see
    away: Sequence[Absence] = ()  # everyone's time off, current and coming


Home = AssistantHome | ClinicianHome | ManagerHome | None  # None: not set up in Handoff


class TaskQueries(Protocol):
    """Read-only task lists for the Home; each list is ordered by due and capped at `limit`."""

    def assigned_to(
        self, team_id: str, assignee_id: str, statuses: Collection[Status], *, limit: int
    ) -> TaskPage: ...
    def unclaimed(self, team_id: str, type_ids: Collection[str], *, limit: int) -> TaskPage: ...
    def requested_by(
        self, team_id: str, requester_id: str, statuses: Collection[Status], *, limit: int
    ) -> TaskPage: ...
    def open_counts_by_status_and_type(self, team_id: str) -> Mapping[tuple[Status, str], int]: ...
    def overdue(self, team_id: str, now: datetime, *, limit: int) -> TaskPage: ...


def publish_home(uow: UnitOfWork, practice: Practice, *, user_id: str, now: datetime) -> None:
    """Publish `user_id`'s Home from the lists of their role."""
    with uow:
        home = _read_home(uow.queries, practice, practice.person(user_id), now)
        if isinstance(home, ManagerHome):
            home = _with_trend(uow, practice, user_id, home, now)
        home = _with_away(home, user_id, uow.absences.current(practice.team_id, now))
        uow.notify.publish_home(practice, user_id, home)
        uow.commit()


def _with_away(home: Home, user_id: str, away: list[Absence]) -> Home:
    """The Home with its Away section: an assistant sees their own time off, managers all."""
    if isinstance(home, AssistantHome):
        return replace(home, away=[a for a in away if a.slack_id == user_id])
    if isinstance(home, ManagerHome):
        return replace(home, away=away)
    return home


def _read_home(
    queries: TaskQueries, practice: Practice, person: Person | None, now: datetime
) -> Home:
    """What `person`'s Home shows; None for unknown or inactive people."""
    if person is None or not person.active:
        return None
    team, me, limit = practice.team_id, person.slack_id, LIST_LIMIT
    if person.role is Role.ASSISTANT:
        return AssistantHome(
            in_hand=queries.assigned_to(team, me, IN_HAND, limit=limit),
            unclaimed=queries.unclaimed(team, person.scopes, limit=limit),
        )
    if person.role is Role.CLINICIAN:
        return ClinicianHome(
            returned=queries.requested_by(team, me, {Status.RETURNED}, limit=limit),
            delegated=queries.requested_by(team, me, AWAITING_OTHERS, limit=limit),
            slack_id=me,
        )
    return ManagerHome(  # managers and admins
        counts=queries.open_counts_by_status_and_type(team),
        overdue=queries.overdue(team, now, limit=limit),
    )


def _with_trend(
    uow: UnitOfWork, practice: Practice, user_id: str, home: ManagerHome, now: datetime
) -> ManagerHome:
    """A manager's Home with the week's trend and the latest weekly charts they received."""
    trend = read_figures(uow, practice, weeks_ending(now, practice.tz, 2), now)
    charts = uow.digests.latest_charts(practice.team_id, {practice.channels.digests, user_id})
    return replace(home, trend=trend, charts=charts)
