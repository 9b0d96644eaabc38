"""The Slack app manifest: one Request URL for commands, interactivity, shortcuts and events."""

from __future__ import annotations

from typing import Any

import yaml

from bot.slack.ids import COMMAND, EVENTS_PATH, Shortcut

BOT_SCOPES = [
    "chat:write",
    "chat:write.public",
    "commands",
    "im:write",
    "im:history",
    "channels:history",
    "groups:history",
    "users:read",
    "reactions:write",
    "channels:read",  # `bot doctor`: is the bot in each configured channel (conversations.info)
    "groups:read",  # the same for a private channel
    "files:write",  # the weekly digest's charts (files.getUploadURLExternal, completeUpload)
]
BOT_EVENTS = ["app_home_opened", "message.channels", "message.groups", "message.im", "user_change"]


def manifest(base_url: str, *, socket_mode: bool = False) -> dict[str, Any]:
    request_url = base_url.rstrip("/") + EVENTS_PATH
    command: dict[str, Any] = {
        "command": COMMAND,
        "description": "Delegate an admin task to an assistant",
        "usage_hint": "[type] [what to do] [@assistant] [urgent] [by when] | help",
        "should_escape": True,
    }
    interactivity: dict[str, Any] = {"is_enabled": True}
    events: dict[str, Any] = {"bot_events": BOT_EVENTS}
    if not socket_mode:
        command["url"] = request_url
        interactivity["request_url"] = request_url
        events["request_url"] = request_url
    return {
        "display_information": {
            "name": "Handoff",
            "description": "Delegate practice admin work to virtual assistants, within scopes.",
            "background_color": "#1d4e5f",
        },
        "features": {
            "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True},
            "bot_user": {"display_name": "Handoff", "always_online": True},
            "slash_commands": [command],
            "shortcuts": [
                {
                    "name": "Delegate this message",
                    "type": "message",
                    "callback_id": Shortcut.DELEGATE_MESSAGE.value,
                    "description": "Turn this message into a private task for an assistant",
                }
            ],
        },
        "oauth_config": {"scopes": {"bot": BOT_SCOPES}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": socket_mode,
            "token_rotation_enabled": False,
        },
    }


def manifest_yaml(base_url: str, *, socket_mode: bool = False) -> str:
    return yaml.safe_dump(manifest(base_url, socket_mode=socket_mode), sort_keys=False)
