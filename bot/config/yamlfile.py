"""Read a YAML file into plain data plus the line of every field."""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.config.problems import ConfigError, Loc, Problem

_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


class Loader(yaml.SafeLoader):
    """SafeLoader that keeps "17:00", 2026-12-25 and keys as text so the schema checks them.

    YAML 1.1 would read 17:00 as the base-60 integer 1020, an impossible date as a crash
    and the key `on:` as True.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE_TAG:
                key_node.tag = _STR_TAG
        return super().construct_mapping(node, deep)


Loader.yaml_implicit_resolvers = {
    first: [
        (
            tag,
            re.compile("(?!.*:)" + regexp.pattern, regexp.flags) if tag in _NUMBER_TAGS else regexp,
        )
        for tag, regexp in resolvers
        if tag != _TIMESTAMP_TAG
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class ParsedYaml:
    data: Any
    lines: dict[Loc, int]
    problems: list[Problem] = field(default_factory=list)


def parse(path: str | Path) -> ParsedYaml:
    """Parse the file; a missing file or a YAML syntax error raises ConfigError."""
    try:
        content = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            [f"{path}: file not found — set PRACTICE_CONFIG or copy practice.example.yml"]
        ) from None
    loader = Loader(content)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node else None
    except yaml.YAMLError as error:
        raise ConfigError([_syntax_error(path, error)]) from None
    finally:
        loader.dispose()
    if node is None:
        raise ConfigError([f"{path}:1: file is empty — start from practice.example.yml"])
    parsed = ParsedYaml(data, {(): node.start_mark.line + 1})
    _index(node, (), parsed)
    return parsed


def _syntax_error(path: str | Path, error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else 1
    problem = getattr(error, "problem", None) or str(error)
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and context_mark:
        problem += f" ({context} started on line {context_mark.line + 1})"
    return f"{path}:{line}: invalid YAML: {problem} — check the indentation, colons and quotes here"


def _index(node: yaml.Node, loc: Loc, parsed: ParsedYaml) -> None:
    """Record the line of each key and list item below `node`, and any repeated key."""
    if isinstance(node, yaml.MappingNode):
        children = [
            (key.value, key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)
        ]
    elif isinstance(node, yaml.SequenceNode):
        children = [(index, item, item) for index, item in enumerate(node.value)]
    else:
        return
    seen: set[str | int] = set()
    for key, start, value in children:
        child, line = (*loc, key), start.start_mark.line + 1
        if key in seen:
            parsed.problems.append(
                Problem(child, f"duplicate key '{key}' — keep only one (the last one wins)", line)
            )
        seen.add(key)
        parsed.lines[child] = line
        _index(value, child, parsed)
