"""Plays Slack's side towards the app: builds requests as Slack sends them, signs, POSTs."""

from __future__ import annotations

import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.devkit import ids
from bot.devkit import slack_requests as shapes
from bot.devkit.payloads import SlackContext, action_for, find_element, user_object
from bot.devkit.signing import ON_TIME, Delivery, slack_headers

if TYPE_CHECKING:
    from bot.devkit.standin import SlackStandIn

__all__ = ["Delivery", "Outgoing", "Reply", "SlackSender"]

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@dataclass(frozen=True)
class Outgoing:
    """A request body as sent; `SlackSender.send` signs it afresh on every delivery."""

    body: bytes
    content_type: str

    def payload(self) -> dict[str, Any]:
        """The body decoded the way an app decodes it (form `payload=` JSON included)."""
        if self.content_type == JSON:
            return dict(json.loads(self.body))
        fields = dict(urllib.parse.parse_qsl(self.body.decode(), keep_blank_values=True))
        return dict(json.loads(fields["payload"])) if "payload" in fields else fields


@dataclass(frozen=True)
class Reply:
    """The app's answer."""

    status: int
    headers: dict[str, str]
    text: str
    elapsed: float
    request: Outgoing

    def json(self) -> Any:
        return json.loads(self.text)


class SlackSender:
    """Sends signed slash commands, interactivity payloads and events to the app's URL."""

    def __init__(
        self,
        app_url: str,
        signing_secret: str,
        *,
        standin: SlackStandIn | None = None,
        context: SlackContext | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.app_url = app_url
        self.signing_secret = signing_secret
        self.standin = standin
        self.timeout = timeout
        self.ctx = context or _context_of(standin)
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def response_url(self, channel_id: str | None = None, message_ts: str | None = None) -> str:
        """A response_url for a payload: at the stand-in when there is one."""
        if self.standin is not None:
            return self.standin.new_response_url(channel_id, message_ts)
        return f"https://hooks.slack.com/actions/{self.ctx.team_id}/0/{secrets.token_hex(12)}"

    def slash_command(
        self,
        command: str,
        text: str = "",
        *,
        user_id: str,
        channel_id: str,
        trigger_id: str | None = None,
        delivery: Delivery = ON_TIME,
    ) -> Reply:
        fields = shapes.slash_command(
            self.ctx,
            command,
            text,
            user_id=user_id,
            channel_id=channel_id,
            response_url=self.response_url(channel_id),
            trigger_id=trigger_id or ids.trigger_id(),
        )
        return self.send(Outgoing(urllib.parse.urlencode(fields).encode(), FORM), delivery)

    def block_actions(
        self,
        action_id: str,
        *,
        user_id: str,
        message: Mapping[str, Any] | None = None,
        view: Mapping[str, Any] | None = None,
        value: Any = None,
        trigger_id: str | None = None,
        delivery: Delivery = ON_TIME,
    ) -> Reply:
        """The user used element `action_id` of `message` (held, with `channel`) or `view`."""
        fields: dict[str, Any] = {"trigger_id": trigger_id or ids.trigger_id()}
        if view is not None:
            surface = view
            fields |= shapes.view_context(view) | {"state": view.get("state", {"values": {}})}
        elif message is not None:
            surface, channel = message, str(message["channel"])
            fields |= shapes.message_context(message, channel) | {"state": {"values": {}}}
            fields["response_url"] = self.response_url(channel, message["ts"])
        else:
            raise ValueError("block_actions needs the message or view holding the element")
        fields["actions"] = [
            action_for(*find_element(surface.get("blocks") or [], action_id), value)
        ]
        return self._interaction("block_actions", user_id, fields, delivery)

    def view_submission(
        self,
        view: Mapping[str, Any],
        values: Mapping[str, Any] | None = None,
        *,
        user_id: str,
        trigger_id: str | None = None,
        delivery: Delivery = ON_TIME,
    ) -> Reply:
        """The user submitted `view` with `values` keyed by action_id."""
        fields = {
            "trigger_id": trigger_id or ids.trigger_id(),
            "view": shapes.submitted_view(self.ctx, view, values or {}),
            "response_urls": [],
        }
        return self._interaction("view_submission", user_id, fields, delivery)

    def message_action(
        self,
        callback_id: str,
        message: Mapping[str, Any],
        *,
        user_id: str,
        trigger_id: str | None = None,
        delivery: Delivery = ON_TIME,
    ) -> Reply:
        """The user ran the message shortcut `callback_id` on `message` (with `channel`)."""
        channel = str(message["channel"])
        context = shapes.message_context(message, channel)
        fields = {
            "callback_id": callback_id,
            "trigger_id": trigger_id or ids.trigger_id(),
            "action_ts": ids.ts_of(time.time()),
            "message_ts": message["ts"],
            "message": context["message"],
            "channel": context["channel"],
            "response_url": self.response_url(channel, message["ts"]),
        }
        return self._interaction("message_action", user_id, fields, delivery)

    def event(
        self, event: Mapping[str, Any], *, event_id: str | None = None, delivery: Delivery = ON_TIME
    ) -> Reply:
        """An Events API delivery of `event`; pass `event_id` to replay the same event."""
        body = shapes.event_callback(self.ctx, event, event_id=event_id or ids.event_id())
        return self.send_json(body, delivery)

    def thread_reply(
        self,
        channel: str,
        thread_ts: str,
        text: str,
        *,
        user_id: str,
        event_id: str | None = None,
        delivery: Delivery = ON_TIME,
    ) -> Reply:
        """A user replied in a thread; the stand-in holds the reply like any message."""
        event = shapes.message_event(
            self.ctx, channel=channel, user_id=user_id, text=text, thread_ts=thread_ts
        )
        if self.standin is not None:
            self.standin.hold_user_message(event)
        return self.event(event, event_id=event_id, delivery=delivery)

    def app_home_opened(
        self, user_id: str, *, event_id: str | None = None, delivery: Delivery = ON_TIME
    ) -> Reply:
        home = self.standin.home_view(user_id) if self.standin else None
        event = shapes.app_home_opened_event(user_id, home)
        return self.event(event, event_id=event_id, delivery=delivery)

    def user_change(
        self,
        user_id: str,
        changes: Mapping[str, Any],
        *,
        event_id: str | None = None,
        delivery: Delivery = ON_TIME,
    ) -> Reply:
        """The user's profile changed; the stand-in's users.info sees the change too."""
        spec = {**self.ctx.users.get(user_id, {}), **changes}
        if self.standin is not None:
            self.standin.users[user_id] = spec
        event = shapes.user_change_event(user_object(self.ctx.team_id, user_id, spec))
        return self.event(event, event_id=event_id, delivery=delivery)

    def url_verification(self, challenge: str, delivery: Delivery = ON_TIME) -> Reply:
        return self.send_json(shapes.url_verification(self.ctx, challenge), delivery)

    def send_json(self, body: Mapping[str, Any], delivery: Delivery = ON_TIME) -> Reply:
        return self.send(Outgoing(json.dumps(body).encode(), JSON), delivery)

    def send(self, request: Outgoing, delivery: Delivery = ON_TIME) -> Reply:
        """Sign `request` for this delivery and POST it (also how to redeliver a request)."""
        headers = slack_headers(self.signing_secret, request.body, request.content_type, delivery)
        http_request = urllib.request.Request(
            self.app_url, data=request.body, headers=headers, method="POST"
        )
        started = time.monotonic()
        try:
            with self._opener.open(http_request, timeout=self.timeout) as response:
                status, answer, raw = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, answer, raw = error.code, dict(error.headers), error.read()
        text = raw.decode(errors="replace")
        return Reply(status, answer, text, time.monotonic() - started, request)

    def _interaction(
        self, kind: str, user_id: str, fields: Mapping[str, Any], delivery: Delivery
    ) -> Reply:
        payload = shapes.interaction(self.ctx, kind, user_id, **fields)
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self.send(Outgoing(body, FORM), delivery)


def _context_of(standin: SlackStandIn | None) -> SlackContext:
    """The workspace the stand-in plays (its team, bot and users), else the defaults."""
    if standin is None:
        return SlackContext()
    return SlackContext(
        team_id=standin.team_id, bot_user_id=standin.bot_user_id, users=standin.users
    )
