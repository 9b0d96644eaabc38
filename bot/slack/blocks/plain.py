"""Block Kit as plain dicts, for what is rendered inside write transactions (cards, DMs).

slack_sdk's model objects validate and serialise on every `to_dict()`, about ten times the
cost of building the dict; the card is rendered in every task write, so it is built directly.
The shapes match the models' output exactly (tests/unit/slack/test_plain_blocks.py).
"""

from __future__ import annotations

from typing import Any

Block = dict[str, Any]


def plain_text(text: str) -> Block:
    return {"type": "plain_text", "text": text, "emoji": True}


def mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text}


def header(text: str) -> Block:
    return {"type": "header", "text": plain_text(text)}


def section(text: str) -> Block:
    return {"type": "section", "text": mrkdwn(text)}


def fields(texts: list[str]) -> Block:
    """A section of two-column fields."""
    return {"type": "section", "fields": [mrkdwn(text) for text in texts]}


def context(text: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(text)]}


def actions(block_id: str, elements: list[Block]) -> Block:
    return {"type": "actions", "block_id": block_id, "elements": elements}


def button(
    text: str, action_id: str, *, value: str | None = None, style: str | None = None,
    url: str | None = None,
) -> Block:  # fmt: skip
    """A button; only the optional fields given appear."""
    element = {"type": "button", "text": plain_text(text), "action_id": action_id}
    optional = {"value": value, "style": style, "url": url}
    return element | {key: given for key, given in optional.items() if given is not None}


def overflow(action_id: str, options: list[tuple[str, str]]) -> Block:
    """A ⋯ menu of (label, value) options."""
    choices = [{"text": plain_text(label), "value": value} for label, value in options]
    return {"type": "overflow", "action_id": action_id, "options": choices}
