"""What each Slack request was (surface and action), how it ended and how long its answer took."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from uuid import uuid4

from bot import metrics
from bot.slack.parse import task_id_of

log = logging.getLogger(__name__)
ACTION_MAX = 64  # action ids and callback ids are Handoff's own and short; this bounds a line

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


def outcome_of(status: int) -> str:
    """`ok` for a 2xx/3xx answer, `refused` for a 4xx, `error` for anything else."""
    return "ok" if status < 400 else "refused" if status < 500 else "error"


def record_request(body: Mapping[str, Any], status: int, seconds: float) -> None:
    """Log the request's one INFO line and, if Slack's payload was read, time it per surface.

    `body` is the parsed payload, or empty for a request refused before it was read (a bad
    signature, a body too large): that line says surface `-`. Only ids, Handoff's own names,
    the status and the time are logged, never a value someone typed.
    """
    surface, action = surface_of(body) if body else ("-", "-")
    if body:
        metrics.ACK_SECONDS.labels(surface).observe(seconds)
    fields: dict[str, object] = {"request_id": uuid4().hex[:12], "team": _team_of(body)}
    if surface == "action" and (task_id := task_id_of((body.get("actions") or [{}])[0])):
        fields["task_id"] = task_id
    fields |= {"surface": surface, "action": action[:ACTION_MAX], "outcome": outcome_of(status)}
    fields |= {"status": status, "latency_ms": round(seconds * 1000, 1)}
    log.info("slack request answered", extra=fields)


def _team_of(body: Mapping[str, Any]) -> str:
    """The workspace id a payload names (`team_id`, or `team.id` in interactive payloads)."""
    team = body.get("team")
    return str(body.get("team_id") or (team.get("id") if isinstance(team, Mapping) else "") or "-")
