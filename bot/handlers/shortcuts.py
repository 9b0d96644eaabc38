"""Message shortcut "Delegate this message": the modal, prefilled with the message."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.bootstrap import Handoff
from bot.handlers.common import open_wanted_modal, practice_of, want_modal
from bot.services.delegation import requester_of
from bot.slack.blocks.modals import DelegateForm
from bot.slack.ids import Shortcut
from bot.slack.parse import ModalOrigin, message_permalink


def register(app: App, handoff: Handoff) -> None:
    def on_shortcut(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        handle_shortcut(handoff, ack, body, context)

    def open_modal(context: BoltContext, body: dict[str, Any], client: Any) -> None:
        open_wanted_modal(handoff, context, body, client)

    app.message_shortcut(Shortcut.DELEGATE_MESSAGE)(ack=on_shortcut, lazy=[open_modal])


def handle_shortcut(handoff: Handoff, ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    practice = practice_of(handoff, context)
    requester_of(practice, body["user"]["id"])
    origin = ModalOrigin(
        channel_id=(body.get("channel") or {}).get("id", ""),
        response_url=body.get("response_url", ""),
        permalink=message_permalink(body),
    )
    text = (body.get("message") or {}).get("text", "")
    want_modal(context, DelegateForm(details=text), origin)
    ack()
