"""Message shortcut "Delegate this message": the modal, prefilled with the message."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.handlers.modals import want_delegate_form
from bot.services.delegation import requester_of
from bot.slack.blocks.modals import DelegateForm
from bot.slack.parse import ModalOrigin, channel_of, message_permalink


def delegate_message(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Ask for the delegate modal, its details prefilled with the message."""
    requester_of(context["practice"], body["user"]["id"])
    origin = ModalOrigin(
        channel_id=channel_of(body),
        response_url=body.get("response_url", ""),
        permalink=message_permalink(body),
    )
    text = (body.get("message") or {}).get("text", "")
    want_delegate_form(context, DelegateForm(details=text), origin)
    ack()
