"""Turn pydantic validation errors into located, fixable problems."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bot.config.fields import CUSTOM_ERROR
from bot.config.problems import Loc, Problem, path_text

_LIST_FIX = "write [a, b] or one '- item' per line"
_MAPPING_FIX = "write 'key: value' lines under it"
_EXPECTED = {
    "string_type": ("text", "put the value in quotes"),
    "bool_type": ("true or false", "write true or false"),
    "list_type": ("a list", _LIST_FIX),
    "model_type": ("a mapping", _MAPPING_FIX),
    "dict_type": ("a mapping", _MAPPING_FIX),
}


def pydantic_problems(error: ValidationError, model: type[BaseModel]) -> list[Problem]:
    return [Problem(tuple(detail["loc"]), _text(detail, model)) for detail in error.errors()]


def _text(detail: ErrorDetails, model: type[BaseModel]) -> str:
    kind, loc = detail["type"], tuple(detail["loc"])
    if kind == CUSTOM_ERROR:
        return detail["msg"]
    if kind == "missing":
        where = f"under {path_text(loc[:-1])}" if len(loc) > 1 else "at the top level"
        return f"missing — add {loc[-1]}: {where}"
    if kind == "extra_forbidden":
        return _unknown_key(loc, model)
    if kind in _EXPECTED:
        expected, fix = _EXPECTED[kind]
        return f"expected {expected}, got {_shown(detail['input'])} — {fix}"
    return f"{detail['msg']} — see practice.example.yml for the expected format"


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def _unknown_key(loc: Loc, model: type[BaseModel]) -> str:
    valid = list(_model_at(loc[:-1], model).model_fields)
    match = get_close_matches(str(loc[-1]), valid, n=1)
    if match:
        return f"unknown key — did you mean '{match[0]}'?"
    return f"unknown key — use one of: {', '.join(valid)}"


def _model_at(loc: Loc, model: type[BaseModel]) -> type[BaseModel]:
    """The model that validates the mapping at `loc` (list indexes are skipped)."""
    for part in loc:
        if isinstance(part, str):
            model = _model_in(model.model_fields[part].annotation)
    return model


def _model_in(annotation: Any) -> type[BaseModel]:
    """The model inside an annotation such as Model, list[Model] or Model | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    inner = [arg for arg in get_args(annotation) if arg is not type(None)]
    return _model_in(inner[0])
