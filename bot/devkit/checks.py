"""Everything the stand-in checks in what the app sends: project limits plus spec data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.devkit import limits, specs

MESSAGE_METHODS = frozenset(
    {"chat.postMessage", "chat.update", "chat.postEphemeral", "chat.scheduleMessage"}
)
VIEW_METHODS = frozenset({"views.open", "views.push", "views.update", "views.publish"})
RESPONSE_URL_KEYS = frozenset(
    {
        "text",
        "blocks",
        "attachments",
        "response_type",
        "replace_original",
        "delete_original",
        "thread_ts",
        "mrkdwn",
        "unfurl_links",
        "unfurl_media",
        "metadata",
    }
)
RESPONSE_TYPES = frozenset({"in_channel", "ephemeral"})


def check_api_call(method: str, args: Mapping[str, Any]) -> list[str]:
    """Violations in one Web API call's (already JSON-decoded) arguments, each once."""
    out = specs.check_call(method, args)
    if method in MESSAGE_METHODS:
        out += check_message(args)
    view = args.get("view")
    if method in VIEW_METHODS and isinstance(view, dict):
        out += limits.check_view(view) + specs.check_view(view)
    return [f"{method}: {violation}" for violation in dict.fromkeys(out)]


def check_response_post(body: Mapping[str, Any]) -> list[str]:
    """Violations in a message posted to a response_url."""
    out = [f"unknown field `{key}`" for key in sorted(set(body) - RESPONSE_URL_KEYS)]
    response_type = body.get("response_type")
    if response_type is not None and response_type not in RESPONSE_TYPES:
        out.append(f"response_type {response_type!r} is not one of {sorted(RESPONSE_TYPES)}")
    if not body.get("delete_original"):
        out += check_message(body)
    return [f"response_url: {violation}" for violation in dict.fromkeys(out)]


def check_message(payload: Mapping[str, Any]) -> list[str]:
    """Project limits plus, when the spec data exists, the Block Kit schema."""
    out = limits.check_message(payload)
    if payload.get("blocks"):  # `blocks: []` clears a message's blocks in chat.update
        out += specs.check_blocks(payload["blocks"])
    return out
