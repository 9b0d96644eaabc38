"""Shared Slack shapes: users, views as Slack echoes them, elements and their state."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.devkit import ids
from bot.devkit.limits import walk

# Stateful elements: where each keeps its value in actions and in `state.values`.
_VALUE_KEYS = {
    "plain_text_input": "value",
    "email_text_input": "value",
    "url_text_input": "value",
    "number_input": "value",
    "rich_text_input": "rich_text_value",
    "datepicker": "selected_date",
    "timepicker": "selected_time",
    "datetimepicker": "selected_date_time",
    "users_select": "selected_user",
    "conversations_select": "selected_conversation",
    "channels_select": "selected_channel",
    "multi_users_select": "selected_users",
    "multi_conversations_select": "selected_conversations",
    "multi_channels_select": "selected_channels",
}
_OPTION_KEYS = {
    "static_select": "selected_option",
    "overflow": "selected_option",
    "external_select": "selected_option",
    "radio_buttons": "selected_option",
    "multi_static_select": "selected_options",
    "multi_external_select": "selected_options",
    "checkboxes": "selected_options",
}


@dataclass(frozen=True)
class SlackContext:
    """The workspace and app a payload comes from."""

    team_id: str = ids.TEAM_ID
    team_domain: str = ids.TEAM_DOMAIN
    api_app_id: str = ids.APP_ID
    bot_user_id: str = ids.BOT_USER_ID
    verification_token: str = "dEvKiTvErIfIcAtIoN0tOkEn"
    users: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def user_name(self, user_id: str) -> str:
        return str(self.users.get(user_id, {}).get("name", user_id.lower()))


def channel_name(channel_id: str) -> str:
    """The name Slack reports for a channel; DMs and private groups have fixed names."""
    return {"D": "directmessage", "G": "privategroup"}.get(channel_id[:1], channel_id.lower())


def channel_object(channel_id: str, spec: Mapping[str, Any]) -> dict[str, Any]:
    """A channel as conversations.info returns it; `spec` overrides the defaults."""
    channel = {
        "id": channel_id,
        "name": str(spec.get("name", channel_id.lower())),
        "is_channel": True,
        "is_private": channel_id.startswith("G"),
        "is_archived": False,
        "is_member": True,
        "created": 1_700_000_000,
    }
    return channel | {key: value for key, value in spec.items() if key != "exists"}


def user_object(team_id: str, user_id: str, spec: Mapping[str, Any]) -> dict[str, Any]:
    """A user as users.info and user_change events carry it; `spec` overrides the defaults."""
    name = str(spec.get("name", user_id.lower()))
    real_name = str(spec.get("real_name", name.title()))
    tz = str(spec.get("tz", "America/New_York"))
    offset = datetime.now(ZoneInfo(tz)).utcoffset()
    profile = {
        "display_name": spec.get("display_name", name),
        "real_name": real_name,
        "team": team_id,
    } | ({"email": spec["email"]} if "email" in spec else {})
    user = {
        "id": user_id,
        "team_id": team_id,
        "name": name,
        "real_name": real_name,
        "deleted": False,
        "is_bot": False,
        "tz": tz,
        "tz_offset": int(offset.total_seconds()) if offset else 0,
        "updated": int(time.time()),
    }
    extra = {key: value for key, value in spec.items() if key not in ("display_name", "email")}
    return user | extra | {"profile": profile}


def with_block_ids(blocks: Sequence[Any]) -> list[Any]:
    """Blocks as Slack stores them: every block gets a block_id."""
    return [
        {"block_id": ids.block_id(), **block} if isinstance(block, dict) else block
        for block in blocks
    ]


def echo_view(view: Mapping[str, Any], *, view_id: str, team_id: str) -> dict[str, Any]:
    """A view as Slack returns it in views.* responses and view payloads."""
    defaults = {
        "type": "modal",
        "private_metadata": "",
        "callback_id": "",
        "external_id": "",
        "state": {"values": {}},
        "hash": f"{int(time.time())}.{secrets.token_hex(4)}",
        "clear_on_close": False,
        "notify_on_close": False,
        "previous_view_id": None,
        "root_view_id": view_id,
    }
    return (
        defaults
        | dict(view)
        | {
            "id": view_id,
            "team_id": team_id,
            "blocks": with_block_ids(view.get("blocks") or []),
            "app_id": ids.APP_ID,
            "app_installed_team_id": team_id,
            "bot_id": ids.BOT_ID,
        }
    )


def find_element(blocks: Sequence[Any], action_id: str) -> tuple[str, dict[str, Any]]:
    """(block_id, element) of the interactive element with `action_id`; KeyError if none."""
    for block_id, element in _elements(blocks):
        if element["action_id"] == action_id:
            return block_id, element
    raise KeyError(f"no element with action_id {action_id!r} in these blocks")


def action_for(block_id: str, element: Mapping[str, Any], value: Any = None) -> dict[str, Any]:
    """One entry of a block_actions payload's `actions`, as if the user used `element`."""
    action = {
        "type": element["type"],
        "action_id": element["action_id"],
        "block_id": block_id,
        "action_ts": ids.ts_of(time.time()),
    }
    if element["type"] == "button":
        action |= {key: element[key] for key in ("text", "value", "style") if key in element}
        return action | ({"value": value} if value is not None else {})
    return action | (selection(element, value) if value is not None else {})


def state_values(blocks: Sequence[Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """`view.state.values` with `values` (by action_id) filled in; other inputs empty."""
    unknown = set(values) - {element["action_id"] for _, element in _elements(blocks)}
    if unknown:
        raise KeyError(f"no elements with action_ids {sorted(unknown)}")
    state: dict[str, dict[str, Any]] = {}
    for block_id, element in _elements(blocks):
        action_id, kind = element["action_id"], element["type"]
        if kind in _VALUE_KEYS or kind in _OPTION_KEYS:
            entry = selection(element, values.get(action_id))
            state.setdefault(block_id, {})[action_id] = {"type": kind} | entry
    return state


def selection(element: Mapping[str, Any], value: Any) -> dict[str, Any]:
    """How a stateful element reports `value` (a plain value, option value(s) or None)."""
    kind = element["type"]
    key = _OPTION_KEYS.get(kind)
    if key is None:
        return {_VALUE_KEYS.get(kind, "value"): value}
    if value is None:
        return {key: [] if key.endswith("s") else None}
    if key.endswith("s"):
        return {key: [_option(element, item) for item in value]}
    return {key: _option(element, value)}


def _option(element: Mapping[str, Any], value: str) -> dict[str, Any]:
    options = [o for _, o in walk(element) if "value" in o and "text" in o]
    for option in options:
        if option["value"] == value:
            return option
    return {"text": {"type": "plain_text", "text": value}, "value": value}


def _elements(blocks: Sequence[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(block_id, element) for every element with an action_id."""
    for block in blocks:
        if isinstance(block, dict):
            for _, node in walk(block):
                if "action_id" in node:
                    yield str(block.get("block_id", "")), node


_INITIAL_KEYS = ("initial_value", "initial_time", "initial_date", "initial_user", "initial_users")


def initial_values(blocks: Sequence[Any]) -> dict[str, Any]:
    """What each input shows before the user touches it, by action_id (as `values` take it):
    Slack submits these for inputs left alone."""
    found: dict[str, Any] = {}
    for _, element in _elements(blocks):
        if "initial_options" in element:
            found[element["action_id"]] = [o["value"] for o in element["initial_options"]]
        elif "initial_option" in element:
            found[element["action_id"]] = element["initial_option"]["value"]
        for key in _INITIAL_KEYS:
            if key in element:
                found[element["action_id"]] = element[key]
    return found
