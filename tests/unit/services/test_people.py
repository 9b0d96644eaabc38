"""PeopleDirectory: the practice with its people as the database holds them, cached for a TTL."""

from __future__ import annotations

from dataclasses import replace
from types import TracebackType
from typing import Any

from bot.domain.people import Person
from bot.services.people import PeopleDirectory
from tests.builders import JOSE, MARIA, make_practice


class RecordingPeople:
    """The people repository: who is inactive, and how often it was asked."""

    def __init__(self) -> None:
        self.inactive: frozenset[str] = frozenset()
        self.reads = 0

    def roster(self, team_id: str) -> list[Person]:
        self.reads += 1
        return [replace(p, active=False) for p in (MARIA, JOSE) if p.slack_id in self.inactive]


class ReadingUow:
    def __init__(self, people: RecordingPeople) -> None:
        self.people = people

    def __enter__(self) -> ReadingUow:
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        return None


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def directory() -> tuple[PeopleDirectory, RecordingPeople, Clock]:
    practice = make_practice()
    people, clock = RecordingPeople(), Clock()
    uow: Any = lambda: ReadingUow(people)  # noqa: E731
    return PeopleDirectory({practice.team_id: practice}, uow, clock, ttl=10.0), people, clock


def test_a_team_not_served_has_no_practice_and_reads_nothing() -> None:
    people_directory, people, _ = directory()
    assert people_directory.practice("T_OTHER") is None
    assert people_directory.practice(None) is None
    assert people.reads == 0


def test_people_deactivated_in_slack_are_inactive_and_read_once_within_the_ttl() -> None:
    people_directory, people, clock = directory()
    people.inactive = frozenset({MARIA.slack_id})
    first = people_directory.practice("T_TEST")
    clock.now += 10.0
    again = people_directory.practice("T_TEST")
    assert first is again
    assert first is not None
    assert not first.people[MARIA.slack_id].active
    assert first.people[JOSE.slack_id].active
    assert people.reads == 1


def test_a_deactivation_shows_once_the_ttl_has_passed() -> None:
    people_directory, people, clock = directory()
    people_directory.practice("T_TEST")
    people.inactive = frozenset({JOSE.slack_id})
    clock.now += 10.5
    current = people_directory.practice("T_TEST")
    assert current is not None
    assert not current.people[JOSE.slack_id].active
    assert people.reads == 2


def test_forgetting_a_team_reads_its_people_afresh_at_once() -> None:
    people_directory, people, _ = directory()
    people_directory.practice("T_TEST")
    people.inactive = frozenset({JOSE.slack_id})
    people_directory.forget("T_TEST")
    current = people_directory.practice("T_TEST")
    assert current is not None
    assert not current.people[JOSE.slack_id].active
    assert people.reads == 2
