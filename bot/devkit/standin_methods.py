"""The stand-in's workspace state and its answers to each Web API method."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.devkit import ids
from bot.devkit.payloads import channel_object, echo_view, user_object, with_block_ids

Args = Mapping[str, Any]
CONTENT_FIELDS = ("text", "blocks", "attachments", "metadata", "thread_ts")


class ApiError(Exception):
    """An `{"ok": false, "error": code}` answer; `violation` marks it as the app's mistake."""

    def __init__(self, code: str, violation: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.violation = violation


@dataclass
class Workspace:
    """What Slack holds for the app: messages, views, used triggers, response URLs."""

    team_id: str
    bot_user_id: str
    users: dict[str, dict[str, Any]]
    channels: dict[str, dict[str, Any]]
    messages: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    home_views: dict[str, str] = field(default_factory=dict)
    used_triggers: set[str] = field(default_factory=set)
    response_targets: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    clock: ids.TsClock = field(default_factory=ids.TsClock)
    socket_url: Callable[[], str] | None = None  # issues apps.connections.open's ws:// URLs
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # by file id (standin_files)
    upload_base: str = ""  # upload URLs are this plus a file id

    def forget(self) -> None:
        stores = (self.messages, self.views, self.home_views, self.response_targets, self.files)
        for store in stores:
            store.clear()
        self.used_triggers.clear()

    def post(self, channel: str, message: dict[str, Any]) -> dict[str, Any]:
        """Hold a new bot message in `channel`; returns it with its fresh ts."""
        held = {
            "type": "message",
            "user": self.bot_user_id,
            "bot_id": ids.BOT_ID,
            "app_id": ids.APP_ID,
            "team": self.team_id,
            **message,
            "ts": self.clock.next(),
        }
        self.messages[(channel, held["ts"])] = held
        return held

    def message(self, channel: str, ts: Any) -> dict[str, Any]:
        found = self.messages.get((channel, str(ts)))
        if found is None:
            raise ApiError("message_not_found")
        return found


def message_fields(args: Args) -> dict[str, Any]:
    """The parts of a message an app sets: text, blocks (with block_ids), thread."""
    fields = {key: args[key] for key in CONTENT_FIELDS if args.get(key) and key != "blocks"}
    if isinstance(args.get("blocks"), list):
        fields["blocks"] = with_block_ids(args["blocks"])
    return fields


def channel_arg(args: Args, *, dm_by_user: bool = True) -> str:
    """The `channel` argument; a user id means the bot's DM with that user when allowed."""
    channel = str(args.get("channel") or "")
    if ids.CHANNEL_RE.match(channel):
        return channel
    if ids.USER_RE.match(channel):
        if dm_by_user:
            return ids.dm_channel_for(channel)
        raise ApiError(
            "channel_not_found", f"channel {channel!r}: use the DM id (D…), not a user id"
        )
    raise ApiError("channel_not_found", f"channel {channel!r} is not a channel id")


def auth_test(ws: Workspace, args: Args) -> dict[str, Any]:
    return {
        "url": f"https://{ids.TEAM_DOMAIN}.slack.com/",
        "team": "Handoff Demo",
        "user": "handoff",
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ids.BOT_ID,
        "is_enterprise_install": False,
    }


def apps_connections_open(ws: Workspace, args: Args) -> dict[str, Any]:
    """A fresh one-use WebSocket URL, when a Socket Mode stand-in serves this workspace."""
    if ws.socket_url is None:
        raise ApiError("invalid_auth", "no Socket Mode stand-in runs")
    return {"url": ws.socket_url()}


def chat_post_message(ws: Workspace, args: Args) -> dict[str, Any]:
    channel = channel_arg(args)
    message = ws.post(channel, message_fields(args))
    return {"channel": channel, "ts": message["ts"], "message": message}


def chat_update(ws: Workspace, args: Args) -> dict[str, Any]:
    channel = channel_arg(args, dm_by_user=False)
    old = ws.message(channel, args.get("ts"))
    edited = {"edited": {"user": ws.bot_user_id, "ts": ws.clock.next()}}
    message = old | message_fields(args) | edited
    ws.messages[(channel, message["ts"])] = message
    return {
        "channel": channel,
        "ts": message["ts"],
        "text": message.get("text", ""),
        "message": message,
    }


def chat_post_ephemeral(ws: Workspace, args: Args) -> dict[str, Any]:
    channel_arg(args)
    return {"message_ts": ws.clock.next()}


def chat_get_permalink(ws: Workspace, args: Args) -> dict[str, Any]:
    channel = channel_arg(args, dm_by_user=False)
    ts = str(args.get("message_ts"))
    thread_ts = ws.message(channel, ts).get("thread_ts")
    link = f"https://{ids.TEAM_DOMAIN}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
    if thread_ts and thread_ts != ts:
        link += f"?thread_ts={thread_ts}&cid={channel}"
    return {"channel": channel, "permalink": link}


def views_open(ws: Workspace, args: Args) -> dict[str, Any]:
    """views.open and views.push: exchange a trigger for a new modal."""
    view = _view_arg(args)
    trigger = str(args.get("trigger_id") or args.get("interactivity_pointer") or "")
    if not ids.TRIGGER_RE.match(trigger):
        raise ApiError("invalid_trigger_id", f"trigger_id {trigger!r} is not a Slack trigger id")
    if trigger in ws.used_triggers:
        raise ApiError("exchanged_trigger_id")
    ws.used_triggers.add(trigger)
    return {"view": _hold_view(ws, view, ids.view_id())}


def views_update(ws: Workspace, args: Args) -> dict[str, Any]:
    view = _view_arg(args)
    old = _held_view(ws, args)
    if old is None:
        raise ApiError("not_found")
    if args.get("hash") not in (None, old["hash"]):
        raise ApiError("hash_conflict")
    return {"view": _hold_view(ws, view, old["id"])}


def views_publish(ws: Workspace, args: Args) -> dict[str, Any]:
    view = _view_arg(args)
    user_id = str(args.get("user_id") or "")
    if not ids.USER_RE.match(user_id):
        raise ApiError("invalid_arguments", f"user_id {user_id!r} is not a user id")
    view_id = ws.home_views.setdefault(user_id, ids.view_id())
    return {"view": _hold_view(ws, view, view_id)}


def conversations_open(ws: Workspace, args: Args) -> dict[str, Any]:
    if args.get("channel"):
        return {"channel": {"id": channel_arg(args)}}
    users = [user for user in str(args.get("users") or "").split(",") if user]
    if not users or not all(ids.USER_RE.match(user) for user in users):
        raise ApiError("users_list_not_supplied", f"users {args.get('users')!r} are not user ids")
    if len(users) == 1:
        return {"channel": {"id": ids.dm_channel_for(users[0])}}
    digest = hashlib.sha1(",".join(sorted(users)).encode()).hexdigest()[:10].upper()
    return {"channel": {"id": "G" + digest}}


def conversations_info(ws: Workspace, args: Args) -> dict[str, Any]:
    """A channel the bot belongs to, unless `channels` says otherwise (`"exists": False`)."""
    channel = channel_arg(args, dm_by_user=False)
    spec = ws.channels.get(channel, {})
    if spec.get("exists") is False:
        raise ApiError("channel_not_found")
    return {"channel": channel_object(channel, spec)}


def users_info(ws: Workspace, args: Args) -> dict[str, Any]:
    user_id = str(args.get("user") or "")
    if user_id not in ws.users:
        raise ApiError("user_not_found")
    return {"user": user_object(ws.team_id, user_id, ws.users[user_id])}


def reactions_add(ws: Workspace, args: Args) -> dict[str, Any]:
    channel = channel_arg(args, dm_by_user=False)
    message = ws.message(channel, args.get("timestamp"))
    name = str(args.get("name") or "")
    reactions = message.get("reactions", [])
    if any(reaction["name"] == name for reaction in reactions):
        raise ApiError("already_reacted")
    added = {"name": name, "users": [ws.bot_user_id], "count": 1}
    ws.messages[(channel, message["ts"])] = message | {"reactions": [*reactions, added]}
    return {}


def apply_response(ws: Workspace, token: str, body: Mapping[str, Any]) -> None:
    """What a response_url post does to the message it came from (when known)."""
    channel, ts = ws.response_targets.get(token, (None, None))
    if channel is None:
        return
    key = (channel, str(ts))
    if body.get("delete_original"):
        ws.messages.pop(key, None)
    elif body.get("replace_original") and key in ws.messages:
        kept = {k: v for k, v in ws.messages[key].items() if k not in CONTENT_FIELDS}
        ws.messages[key] = kept | message_fields(body)
    elif body.get("response_type") == "in_channel":
        ws.post(channel, message_fields(body))


def _view_arg(args: Args) -> dict[str, Any]:
    view = args.get("view")
    if not isinstance(view, dict):
        raise ApiError("invalid_arguments", "`view` is missing or not a JSON object")
    return view


def _held_view(ws: Workspace, args: Args) -> dict[str, Any] | None:
    """The view `views.update` targets, by view_id or else by external_id."""
    if args.get("view_id"):
        return ws.views.get(str(args["view_id"]))
    external_id = args.get("external_id")
    matches = (v for v in ws.views.values() if external_id and v["external_id"] == external_id)
    return next(matches, None)


def _hold_view(ws: Workspace, view: dict[str, Any], view_id: str) -> dict[str, Any]:
    held = echo_view(view, view_id=view_id, team_id=ws.team_id)
    ws.views[view_id] = held
    return held


METHODS: dict[str, Callable[[Workspace, Args], dict[str, Any]]] = {
    "apps.connections.open": apps_connections_open,
    "auth.test": auth_test,
    "chat.postMessage": chat_post_message,
    "chat.update": chat_update,
    "chat.postEphemeral": chat_post_ephemeral,
    "chat.getPermalink": chat_get_permalink,
    "views.open": views_open,
    "views.push": views_open,
    "views.update": views_update,
    "views.publish": views_publish,
    "conversations.open": conversations_open,
    "conversations.info": conversations_info,
    "users.info": users_info,
    "reactions.add": reactions_add,
}
