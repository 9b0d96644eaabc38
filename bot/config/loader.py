"""Load and check the practice config file: parse, validate, report every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.config.convert import to_json, to_practice
from bot.config.messages import pydantic_problems
from bot.config.problems import ConfigError, Problem, format_problems
from bot.config.rules import cross_field_problems
from bot.config.schema import PracticeFile
from bot.config.yamlfile import parse
from bot.domain.practice import Practice


def validate(path: str | Path) -> PracticeFile:
    """The validated file; raises ConfigError listing every problem found."""
    parsed = parse(path)
    problems: list[Problem] = list(parsed.problems)
    try:
        spec = PracticeFile.model_validate(parsed.data)
    except ValidationError as error:
        problems += pydantic_problems(error, PracticeFile)
    problems += cross_field_problems(parsed.data)
    if problems:
        raise ConfigError(format_problems(str(path), problems, parsed.lines))
    return spec


def load_practice(path: str | Path) -> Practice:
    """The practice described by the file; raises ConfigError."""
    return to_practice(validate(path))


def check_practice(path: str | Path) -> list[str]:
    """Every problem in the file, one formatted line each; empty when the file is valid."""
    try:
        validate(path)
    except ConfigError as error:
        return error.problems
    return []


def practice_json(path: str | Path) -> dict[str, Any]:
    """The practice as normalized JSON data, defaults filled in; raises ConfigError."""
    return to_json(load_practice(path))
