"""Rules across fields and entries: role-only keys, unique ids and names, known references.

They read the raw file data, so they are reported together with any field errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.config.problems import Loc, Problem
from bot.config.schema import default_task_types
from bot.domain.people import Role

Entry = tuple[int, dict[str, Any]]

_ROLES = tuple(role.value for role in Role)
_ONLY_FOR = {"scopes": Role.ASSISTANT, "shift": Role.ASSISTANT, "assistants": Role.CLINICIAN}
_SHIFT_EXAMPLE = '{days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00"}'


def cross_field_problems(data: object) -> list[Problem]:
    if not isinstance(data, dict):
        return []
    people = _entries(data.get("people"))
    task_types = _entries(data["task_types"]) if "task_types" in data else None
    return [
        *_name_clashes(task_types or []),
        *_duplicate_people(people),
        *_role_only_keys(people),
        *_unknown_scopes(people, _task_type_ids(task_types)),
        *_assistant_references(people),
    ]


def _entries(value: object) -> list[Entry]:
    """The mapping items of a list, with their index; anything else is the schema's to report."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _task_type_ids(task_types: list[Entry] | None) -> set[str]:
    if task_types is None:
        return {task_type.id for task_type in default_task_types()}
    ids = (task_type.get("id") for _, task_type in task_types)
    return {task_type_id for task_type_id in ids if isinstance(task_type_id, str)}


def _names(index: int, task_type: dict[str, Any]) -> Iterator[tuple[Loc, Any]]:
    """Every name a task type answers to (id, label, aliases), with where it is written."""
    yield ("task_types", index, "id"), task_type.get("id")
    yield ("task_types", index, "label"), task_type.get("label")
    aliases = task_type.get("aliases")
    for position, alias in enumerate(aliases if isinstance(aliases, list) else []):
        yield ("task_types", index, "aliases", position), alias


def _name_clashes(task_types: list[Entry]) -> Iterator[Problem]:
    owners: dict[str, int] = {}
    for index, task_type in task_types:
        for loc, name in _names(index, task_type):
            if not isinstance(name, str):
                continue
            owner = owners.setdefault(name.strip().lower(), index)
            if owner != index:
                yield Problem(
                    loc,
                    f"'{name}' is already used by task_types[{owner}] — ids, labels and aliases "
                    "must be unique across task types",
                )


def _duplicate_people(people: list[Entry]) -> Iterator[Problem]:
    first_index: dict[str, int] = {}
    for index, person in people:
        slack_id = person.get("slack_id")
        if not isinstance(slack_id, str):
            continue
        first = first_index.setdefault(slack_id, index)
        if first != index:
            yield Problem(
                ("people", index, "slack_id"),
                f"duplicate slack_id '{slack_id}' — people[{first}] already has it; "
                "keep one entry per person",
            )


def _a(role: str) -> str:
    return f"an {role}" if role[0] in "aeiou" else f"a {role}"


def _role_only_keys(people: list[Entry]) -> Iterator[Problem]:
    for index, person in people:
        role = person.get("role")
        if role not in _ROLES:
            continue
        for key, owner in _ONLY_FOR.items():
            if person.get(key) and role != owner:
                yield Problem(
                    ("people", index, key),
                    f"only {owner}s have {key}, but this person is {_a(role)} — "
                    f"remove {key} or set role: {owner}",
                )
        if role == Role.ASSISTANT and not person.get("shift"):
            yield Problem(
                ("people", index, "shift"),
                f"missing — every assistant needs a shift such as shift: {_SHIFT_EXAMPLE}",
            )


def _of_role(people: list[Entry], role: Role, key: str) -> Iterator[tuple[int, int, Any]]:
    """(person index, position, value) for each item of the `key` list of people with `role`."""
    for index, person in people:
        values = person.get(key)
        if person.get("role") == role and isinstance(values, list):
            for position, value in enumerate(values):
                yield index, position, value


def _unknown_scopes(people: list[Entry], known: set[str]) -> Iterator[Problem]:
    """Scopes naming no task type (skipped when task_types itself is unreadable)."""
    for index, position, scope in _of_role(people, Role.ASSISTANT, "scopes"):
        if known and isinstance(scope, str) and scope not in known:
            yield Problem(
                ("people", index, "scopes", position),
                f"unknown task type '{scope}' — use one of: {', '.join(sorted(known))}",
            )


def _assistant_references(people: list[Entry]) -> Iterator[Problem]:
    roles = {
        person["slack_id"]: person.get("role")
        for _, person in people
        if isinstance(person.get("slack_id"), str)
    }
    for index, position, slack_id in _of_role(people, Role.CLINICIAN, "assistants"):
        if not isinstance(slack_id, str):
            continue
        loc, role = ("people", index, "assistants", position), roles.get(slack_id)
        if slack_id not in roles:
            yield Problem(
                loc,
                f"unknown person '{slack_id}' — add them to people with role: assistant, "
                "or remove this entry",
            )
        elif role in _ROLES and role != Role.ASSISTANT:
            yield Problem(
                loc,
                f"'{slack_id}' is {_a(role)}, not an assistant — "
                "list only people with role: assistant",
            )
