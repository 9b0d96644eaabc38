"""What each Slack request was (surface and action) and how long its answer took."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot import metrics

# Slack payload `type` → the surface it comes from.
SURFACE_OF_TYPE = {
    "block_actions": "action",
    "view_submission": "view",
    "view_closed": "view",
    "event_callback": "event",
    "shortcut": "shortcut",
    "message_action": "shortcut",
}


def surface_of(body: Mapping[str, Any]) -> tuple[str, str]:
    """The surface and the app-defined name of what was asked (command, action id, event type)."""
    if "command" in body:
        return "command", str(body["command"])
    surface = SURFACE_OF_TYPE.get(str(body.get("type", "")), "other")
    if surface == "action":
        actions = body.get("actions") or [{}]
        return surface, str(actions[0].get("action_id", ""))
    if surface == "view":
        return surface, str((body.get("view") or {}).get("callback_id", ""))
    if surface == "event":
        return surface, str((body.get("event") or {}).get("type", ""))
    return surface, str(body.get("callback_id") or body.get("type") or "")


def record_ack(body: Mapping[str, Any], seconds: float) -> None:
    """Count one answered request in the ack-latency histogram of its surface."""
    surface, _action = surface_of(body)
    metrics.ACK_SECONDS.labels(surface).observe(seconds)
