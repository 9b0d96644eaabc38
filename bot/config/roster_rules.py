"""The config check's own rules, run on the roster as a Slack edit would leave it."""

from __future__ import annotations

from dataclasses import replace

from pydantic import ValidationError

from bot.config.convert import to_json
from bot.config.messages import pydantic_problems
from bot.config.problems import Problem, path_text
from bot.config.rules import cross_field_problems
from bot.config.schema import PracticeFile
from bot.domain.people import Person
from bot.domain.practice import Practice
from bot.domain.roster import differences


def roster_problems(practice: Practice, edited: Person) -> dict[str, str]:
    """Problems the edit would bring, by the edited person's field ("role", "scopes", ...)."""
    after = replace(practice, people=practice.people | {edited.slack_id: edited})
    known = {_key(problem) for problem in _problems(practice)}
    index = list(after.people).index(edited.slack_id)
    found: dict[str, str] = {}
    for problem in _problems(after):
        if _key(problem) in known:
            continue  # already wrong before this edit: the file's to fix
        own = problem.loc[:2] == ("people", index)
        field = str(problem.loc[2]) if own and len(problem.loc) > 2 else "role"
        text = problem.text if own else f"{path_text(problem.loc)}: {problem.text}"
        found.setdefault(field, text)
    return found


def _problems(practice: Practice) -> list[Problem]:
    """What `bot config check` would say of the practice: its fields, then across them."""
    data = to_json(practice)
    try:
        PracticeFile.model_validate(data)
        fields = []
    except ValidationError as error:
        fields = pydantic_problems(error, PracticeFile)
    return fields + cross_field_problems(data)


def _key(problem: Problem) -> tuple[object, ...]:
    return (*problem.loc, problem.text)


def disagreements(practice: Practice, roster: list[Person]) -> list[str]:
    """Where the file and the database's roster (Slack edits included) say different things."""
    lines = []
    held = practice.with_roster(roster).people
    for person in roster:
        written = practice.people.get(person.slack_id)
        if written is None:
            lines.append(f"{person.slack_id} ({person.name}) is in the database, not the file")
            continue
        for change in differences(written, held[person.slack_id]):
            lines.append(f"{person.slack_id} ({person.name}): file → database, {change}")
    return lines
