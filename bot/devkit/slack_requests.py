"""Bodies of the requests Slack sends to an app: slash commands, interactivity, events."""

from __future__ import annotations

import secrets
import time
import uuid
from collections.abc import Mapping
from typing import Any

from bot.devkit import ids
from bot.devkit.payloads import SlackContext, channel_name, echo_view, state_values


def slash_command(
    ctx: SlackContext, command: str, text: str, *, user_id: str, channel_id: str, **extra: str
) -> dict[str, str]:
    """The form fields of a slash command (`extra`: trigger_id, response_url)."""
    return {
        "token": ctx.verification_token,
        "team_id": ctx.team_id,
        "team_domain": ctx.team_domain,
        "channel_id": channel_id,
        "channel_name": channel_name(channel_id),
        "user_id": user_id,
        "user_name": ctx.user_name(user_id),
        "command": command,
        "text": text,
        "api_app_id": ctx.api_app_id,
        "is_enterprise_install": "false",
    } | extra


def interaction(ctx: SlackContext, kind: str, user_id: str, **fields: Any) -> dict[str, Any]:
    """An interactivity payload: the fields every kind carries, plus `fields`."""
    name = ctx.user_name(user_id)
    return {
        "type": kind,
        "team": {"id": ctx.team_id, "domain": ctx.team_domain},
        "user": {"id": user_id, "username": name, "name": name, "team_id": ctx.team_id},
        "api_app_id": ctx.api_app_id,
        "token": ctx.verification_token,
        "is_enterprise_install": False,
        "enterprise": None,
    } | fields


def message_context(message: Mapping[str, Any], channel_id: str) -> dict[str, Any]:
    """`container`, `channel` and `message` of a payload about a message."""
    return {
        "container": {
            "type": "message",
            "message_ts": message["ts"],
            "channel_id": channel_id,
            "is_ephemeral": False,
        },
        "channel": {"id": channel_id, "name": channel_name(channel_id)},
        "message": {key: value for key, value in message.items() if key != "channel"},
    }


def view_context(view: Mapping[str, Any]) -> dict[str, Any]:
    """`container` and `view` of a payload about a modal or Home tab."""
    return {"container": {"type": "view", "view_id": view["id"]}, "view": view}


def submitted_view(ctx: SlackContext, view: Mapping[str, Any], values: Mapping[str, Any]) -> Any:
    """`view` of a view_submission: the opened view with the user's input in state."""
    echoed = echo_view(view, view_id=view.get("id") or ids.view_id(), team_id=ctx.team_id)
    return echoed | {"state": {"values": state_values(echoed["blocks"], values)}}


def event_callback(ctx: SlackContext, event: Mapping[str, Any], *, event_id: str) -> dict[str, Any]:
    """The Events API envelope around `event`."""
    return {
        "token": ctx.verification_token,
        "team_id": ctx.team_id,
        "api_app_id": ctx.api_app_id,
        "event": dict(event),
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": ctx.team_id,
                "user_id": ctx.bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-" + secrets.token_urlsafe(24),
    }


def message_event(
    ctx: SlackContext, *, channel: str, user_id: str, text: str, thread_ts: str | None = None
) -> dict[str, Any]:
    """A user's message (a thread reply when `thread_ts` is given)."""
    ts = ids.ts_of(time.time())
    section = {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}
    event = {
        "type": "message",
        "client_msg_id": str(uuid.uuid4()),
        "text": text,
        "user": user_id,
        "ts": ts,
        "blocks": [{"type": "rich_text", "block_id": ids.block_id(), "elements": [section]}],
        "team": ctx.team_id,
        "channel": channel,
        "event_ts": ts,
        "channel_type": {"D": "im", "G": "group"}.get(channel[:1], "channel"),
    }
    return event | ({"thread_ts": thread_ts} if thread_ts else {})


def app_home_opened_event(user_id: str, view: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The user opened the app's Home tab (`view`: the Home view published before, if any)."""
    event = {
        "type": "app_home_opened",
        "user": user_id,
        "channel": ids.dm_channel_for(user_id),
        "tab": "home",
        "event_ts": ids.ts_of(time.time()),
    }
    return event | ({"view": dict(view)} if view else {})


def user_change_event(user: Mapping[str, Any]) -> dict[str, Any]:
    """A user's profile changed (`user`: a full user object, see payloads.user_object)."""
    return {
        "type": "user_change",
        "user": dict(user),
        "cache_ts": int(time.time()),
        "event_ts": ids.ts_of(time.time()),
    }


def url_verification(ctx: SlackContext, challenge: str) -> dict[str, str]:
    return {"token": ctx.verification_token, "challenge": challenge, "type": "url_verification"}
