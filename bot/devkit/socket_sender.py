"""Plays Slack's side over Socket Mode: the HTTP sender's requests, delivered as envelopes."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

from bot.devkit.sender import JSON, Outgoing, Reply, SlackSender
from bot.devkit.signing import ON_TIME, Delivery
from bot.devkit.socket_standin import WAIT_SECONDS

if TYPE_CHECKING:
    from bot.devkit.socket_standin import SocketModeStandIn
    from bot.devkit.standin import SlackStandIn

# Interactivity whose ack may carry a response (response_action, options).
ANSWERED_INTERACTIONS = frozenset({"view_submission", "block_suggestion"})


class SocketSender(SlackSender):
    """SlackSender's slash commands, interactivity and events, pushed over the app's socket.

    Nothing is signed: Socket Mode requests come over the connection the app opened. A reply
    is the ack: status 200 and the ack's payload as JSON text (empty when it carried none).
    """

    def __init__(
        self, socket: SocketModeStandIn, *, standin: SlackStandIn, timeout: float = WAIT_SECONDS
    ) -> None:
        super().__init__("", "", standin=standin, timeout=timeout)
        self.socket = socket

    def send(self, request: Outgoing, delivery: Delivery = ON_TIME) -> Reply:
        """Push `request` as its Socket Mode envelope and wait for the ack."""
        kind, accepts = envelope_type(request)
        started = time.monotonic()
        envelope_id = self.socket.push(kind, request.payload(), accepts_response_payload=accepts)
        ack = self.socket.wait_ack(envelope_id, self.timeout)
        text = json.dumps(ack.payload) if ack.payload is not None else ""
        return Reply(200, {}, text, time.monotonic() - started, request)


def envelope_type(request: Outgoing) -> tuple[str, bool]:
    """The envelope `type` an HTTP request becomes, and whether its ack may carry a payload."""
    payload = request.payload()
    if request.content_type == JSON:
        if payload.get("type") != "event_callback":
            raise ValueError(f"Socket Mode carries no {payload.get('type')!r} requests")
        return "events_api", False
    if "command" in payload:
        return "slash_commands", True
    return "interactive", payload.get("type") in ANSWERED_INTERACTIONS
