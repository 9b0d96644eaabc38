"""Block Kit limits the project enforces itself (the JSON Schema does not cover them all).

Pure functions: `check_message` / `check_view` return violation strings. The bot's builders
keep their own copies of the few limits they clip to (`bot/slack/blocks/text.py`): the bot does
not import the devkit.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_MESSAGE_TEXT = 40_000
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 2000
MAX_BLOCK_ID = 255
MAX_ACTION_ID = 255
MAX_VIEW_TITLE = 24  # also modal submit and close labels
MAX_PRIVATE_METADATA = 3000
MAX_CALLBACK_ID = 255
MAX_VIEW_BYTES = 250_000
MAX_PLACEHOLDER = 150
MAX_INITIAL_VALUE = 3000
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_OPTIONS = 100
MAX_URL = 3000


def check_message(payload: Mapping[str, Any]) -> list[str]:
    """Limits for a message (chat.postMessage / chat.update / response_url body)."""
    blocks = _blocks(payload)
    text = payload.get("text")
    out = _too_many("blocks", blocks, MAX_MESSAGE_BLOCKS)
    if blocks and not (isinstance(text, str) and text.strip()):
        out.append("text: top-level `text` is required when `blocks` are present")
    out += _too_long("text", text, MAX_MESSAGE_TEXT)
    return out + check_blocks(blocks)


def check_view(view: Mapping[str, Any]) -> list[str]:
    """Limits for a modal or Home tab view."""
    blocks = _blocks(view)
    out = _too_many("blocks", blocks, MAX_VIEW_BLOCKS)
    if view.get("type") == "modal":
        for key in ("title", "submit", "close"):
            out += _too_long(f"{key}.text", _text(view.get(key)), MAX_VIEW_TITLE)
    out += _too_long("private_metadata", view.get("private_metadata"), MAX_PRIVATE_METADATA)
    out += _too_long("callback_id", view.get("callback_id"), MAX_CALLBACK_ID)
    size = len(json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode())
    if size > MAX_VIEW_BYTES:
        out.append(f"view: {size} bytes of JSON (max {MAX_VIEW_BYTES})")
    return out + check_blocks(blocks)


def check_blocks(blocks: Sequence[Any]) -> list[str]:
    """Per-block limits plus block_id / action_id uniqueness within one surface."""
    out: list[str] = []
    block_ids: Counter[str] = Counter()
    action_ids: Counter[str] = Counter()
    for i, block in enumerate(blocks):
        path = f"blocks[{i}]"
        if not isinstance(block, dict):
            out.append(f"{path}: block is not an object")
            continue
        if isinstance(block.get("block_id"), str):
            block_ids[block["block_id"]] += 1
        out += _too_long(f"{path}.block_id", block.get("block_id"), MAX_BLOCK_ID)
        out += _check_block(path, block)
        for node_path, node in walk(block, path):
            if isinstance(node.get("action_id"), str):
                action_ids[node["action_id"]] += 1
            out += _check_node(node_path, node)
    return out + _duplicates("block_id", block_ids) + _duplicates("action_id", action_ids)


def _check_block(path: str, block: Mapping[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind == "section":
        return _too_long(f"{path}.text.text", _text(block.get("text")), MAX_SECTION_TEXT)
    if kind == "header":
        return _too_long(f"{path}.text.text", _text(block.get("text")), MAX_HEADER_TEXT)
    if kind == "context":
        elements = block.get("elements") or []
        out = _too_many(f"{path}.elements", elements, MAX_CONTEXT_ELEMENTS)
        for i, element in enumerate(elements):
            out += _too_long(f"{path}.elements[{i}].text", _text(element), MAX_CONTEXT_TEXT)
        return out
    return []


def _check_node(path: str, node: Mapping[str, Any]) -> list[str]:
    """Limits for any element found inside a block (buttons, inputs, menus, urls)."""
    out = _too_long(f"{path}.action_id", node.get("action_id"), MAX_ACTION_ID)
    out += _too_long(f"{path}.url", node.get("url"), MAX_URL)
    kind = node.get("type")
    if kind == "button":
        out += _too_long(f"{path}.text.text", _text(node.get("text")), MAX_BUTTON_TEXT)
        out += _too_long(f"{path}.value", node.get("value"), MAX_BUTTON_VALUE)
    elif kind == "plain_text_input":
        out += _check_text_input(path, node)
    if isinstance(node.get("options"), list):
        out += _check_options(f"{path}.options", node["options"])
    return out


def _check_text_input(path: str, node: Mapping[str, Any]) -> list[str]:
    placeholder = _text(node.get("placeholder"))
    initial = node.get("initial_value")
    out = _too_long(f"{path}.placeholder.text", placeholder, MAX_PLACEHOLDER)
    out += _too_long(f"{path}.initial_value", initial, MAX_INITIAL_VALUE)
    max_length = node.get("max_length")
    if isinstance(max_length, int) and max_length < MAX_INITIAL_VALUE:
        out += _too_long(f"{path}.initial_value", initial, max_length, "max_length")
    return out


def _check_options(path: str, options: Sequence[Any]) -> list[str]:
    out = _too_many(path, options, MAX_OPTIONS)
    for i, option in enumerate(options):
        if isinstance(option, dict):
            out += _too_long(f"{path}[{i}].text.text", _text(option.get("text")), MAX_OPTION_TEXT)
            out += _too_long(f"{path}[{i}].value", option.get("value"), MAX_OPTION_VALUE)
    return out


def walk(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object nested below `node` (excluding `node` itself), with its path."""
    children: Iterator[tuple[str, Any]]
    if isinstance(node, dict):
        children = ((f"{path}.{key}", value) for key, value in node.items())
    elif isinstance(node, list):
        children = ((f"{path}[{i}]", value) for i, value in enumerate(node))
    else:
        return
    for child_path, child in children:
        if isinstance(child, dict):
            yield child_path, child
        yield from walk(child, child_path)


def _blocks(payload: Mapping[str, Any]) -> list[Any]:
    blocks = payload.get("blocks")
    return blocks if isinstance(blocks, list) else []


def _text(obj: Any) -> Any:
    """The string inside a text object (or the value itself when it is not one)."""
    return obj.get("text") if isinstance(obj, dict) else obj


def _too_long(path: str, value: Any, limit: int, limit_name: str = "max") -> list[str]:
    if isinstance(value, str) and len(value) > limit:
        return [f"{path}: {len(value)} characters ({limit_name} {limit})"]
    return []


def _too_many(path: str, items: Sequence[Any], limit: int) -> list[str]:
    return [f"{path}: {len(items)} items (max {limit})"] if len(items) > limit else []


def _duplicates(kind: str, counts: Counter[str]) -> list[str]:
    return [
        f"{kind} {value!r} used {n} times (must be unique within a message or view)"
        for value, n in counts.items()
        if n > 1
    ]
