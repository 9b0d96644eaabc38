"""Validation against Slack's spec data, vendored in `slack_specs/` (see its SOURCE.txt).

Web API arguments are checked against the OpenAPI spec (2020) and the per-method
reference files (2026); where both describe a method, the reference file's `required`
list wins. Blocks and views are checked with the Block Kit JSON Schema.
"""

from __future__ import annotations

import functools
import json
import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

SPECS_ENV = "SLACK_SPECS_DIR"
VENDORED = Path(__file__).with_name("slack_specs")

# Alternatives the reference files state only in prose ("Either `view_id` or `external_id`
# is required"), plus Slack's `no_text` rule for messages.
_ONE_OF: dict[str, tuple[tuple[str, ...], ...]] = {
    "views.open": (("trigger_id", "interactivity_pointer"),),
    "views.push": (("trigger_id", "interactivity_pointer"),),
    "views.update": (("view_id", "external_id"),),
    "conversations.open": (("channel", "users"),),
    "chat.postMessage": (("text", "blocks", "attachments", "markdown_text"),),
    "chat.postEphemeral": (("text", "blocks", "attachments", "markdown_text"),),
    "chat.scheduleMessage": (("text", "blocks", "attachments", "markdown_text"),),
}
# Fields Slack adds to views it sends back; they are not part of a view payload.
_VIEW_READ_ONLY = ("id", "hash", "state")


@dataclass(frozen=True)
class MethodSpec:
    """What the spec data says about one Web API method's arguments."""

    required: frozenset[str]
    known: frozenset[str]
    one_of: tuple[tuple[str, ...], ...] = ()


# token travels in the header; slack_sdk adds team_id to every call of a client Bolt built for a
# request (Slack accepts it everywhere, for org-wide apps).
UNIVERSAL_ARGS = frozenset({"token", "team_id"})


def specs_dir() -> Path:
    """The spec folder: $SLACK_SPECS_DIR if set, else the vendored copy; never silently none."""
    override = os.environ.get(SPECS_ENV)
    path = Path(override) if override else VENDORED
    if not path.is_dir():
        raise FileNotFoundError(f"Slack spec folder {path} ({SPECS_ENV}) does not exist")
    return path


def method_spec(method: str) -> MethodSpec | None:
    """The merged argument spec of `method`, or None if neither spec source knows it."""
    return _load(specs_dir()).methods.get(method)


def check_call(method: str, args: Mapping[str, Any]) -> list[str]:
    """Required arguments present and no argument unknown to both spec sources."""
    spec = method_spec(method)
    if spec is None:
        return []
    present = {name for name, value in args.items() if value not in (None, "")}
    out = [f"missing required argument `{name}`" for name in sorted(spec.required - present)]
    out += [
        f"needs one of {', '.join(f'`{name}`' for name in group)}"
        for group in spec.one_of
        if not present.intersection(group)
    ]
    unknown = sorted(set(args) - spec.known)
    out += [f"unknown argument `{name}` (in neither spec source)" for name in unknown]
    return out


def check_blocks(blocks: Any) -> list[str]:
    """A blocks array against the Block Kit schema.

    Blocks of known types are checked against their own definition: the same verdict as
    the schema's `oneOf` union of block types, a few times faster.
    """
    loaded = _load(specs_dir())
    if not isinstance(blocks, list) or not all(loaded.typed(block) for block in blocks):
        return _errors(loaded.blocks, blocks, "blocks")
    out = _errors(loaded.array, blocks, "blocks")
    for i, block in enumerate(blocks):
        out += _errors(loaded.by_type[block["type"]], block, f"blocks[{i}]")
    return out


def check_view(view: Mapping[str, Any]) -> list[str]:
    """A modal or Home tab view against the Block Kit schema (by `type`)."""
    validator = _load(specs_dir()).views.get(str(view.get("type")))
    if validator is None:
        return [f"view.type: {view.get('type')!r} is neither 'modal' nor 'home'"]
    payload = {key: value for key, value in view.items() if key not in _VIEW_READ_ONLY}
    return _errors(validator, payload, "")


class _Specs:
    """Spec data of one folder, loaded and compiled once."""

    def __init__(self, directory: Path) -> None:
        schema = json.loads((directory / "slack-block-kit.schema.json").read_text())
        defs = schema["$defs"]
        self.blocks = Draft202012Validator(schema)
        self.array = Draft202012Validator({k: v for k, v in schema.items() if k != "items"})
        self.views = {kind: _def_validator(defs, f"{kind}_view") for kind in ("modal", "home")}
        union = [ref["$ref"].rsplit("/", 1)[1] for ref in defs["block"]["oneOf"]]
        self.by_type = {
            defs[name]["properties"]["type"]["const"]: _def_validator(defs, name) for name in union
        }
        openapi = json.loads((directory / "slack_web_openapi_v2.json").read_text())
        refs = {
            path.stem: json.loads(path.read_text())
            for path in (directory / "slack-api-ref-methods").glob("*.json")
        }
        names = {path.lstrip("/") for path in openapi["paths"]} | set(refs)
        self.methods = {
            name: _merge(name, openapi["paths"].get("/" + name), refs.get(name)) for name in names
        }

    def typed(self, block: Any) -> bool:
        return isinstance(block, dict) and block.get("type") in self.by_type


def _def_validator(defs: dict[str, Any], name: str) -> Draft202012Validator:
    return Draft202012Validator({"$defs": defs, "$ref": f"#/$defs/{name}"})


@functools.cache
def _load(directory: Path) -> _Specs:
    return _Specs(directory)


def _merge(method: str, path_item: dict[str, Any] | None, ref: dict[str, Any] | None) -> MethodSpec:
    """Combine both sources: the reference file's required list wins; known = union."""
    params = [p for op in (path_item or {}).values() for p in op.get("parameters", [])]
    ref_args = (ref or {}).get("args", {})
    required = (
        set(ref_args.get("required", []))
        if ref
        else {p["name"] for p in params if p.get("required")}
    )
    known = {p["name"] for p in params} | set(ref_args.get("properties", {})) | UNIVERSAL_ARGS
    return MethodSpec(
        required=frozenset(required - {"token"}),
        known=frozenset(known),
        one_of=_ONE_OF.get(method, ()),
    )


def _errors(validator: Draft202012Validator, instance: Any, prefix: str) -> list[str]:
    """Schema errors as `path: problem`, paths like limits.py's (`blocks[0].text.text`)."""
    return [
        f"{(prefix + leaf.json_path[1:]).lstrip('.') or 'view'}: {_describe(leaf)}"
        for error in validator.iter_errors(instance)
        for leaf in _leaves(error)
    ]


def _leaves(error: ValidationError) -> list[ValidationError]:
    """Narrow a oneOf/anyOf failure to the branch whose `type` matched the instance."""
    if not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = defaultdict(list)
    for sub in error.context:
        branches[sub.relative_schema_path[0]].append(sub)
    matching = [errs for errs in branches.values() if not any(map(_type_mismatch, errs))]
    if len(matching) != 1:
        return [error]
    return [leaf for sub in matching[0] for leaf in _leaves(sub)]


def _type_mismatch(error: ValidationError) -> bool:
    return error.validator == "const" and list(error.relative_path) == ["type"]


def _describe(error: ValidationError) -> str:
    if error.validator == "maxLength":
        return f"{len(error.instance)} characters (max {error.validator_value})"
    if error.validator in ("oneOf", "anyOf"):
        hint = error.schema.get("description") if isinstance(error.schema, dict) else None
        kind = error.instance.get("type") if isinstance(error.instance, dict) else None
        return f"matches no allowed shape for type {kind!r}" + (f" ({hint})" if hint else "")
    message = str(error.message)
    return message if len(message) <= 200 else message[:197] + "..."
