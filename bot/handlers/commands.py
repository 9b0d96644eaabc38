"""/delegate: help, the quick text form, or the modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.bootstrap import Handoff
from bot.domain.quicktext import QuickParse, parse_quick
from bot.handlers.common import open_wanted_modal, practice_of, want_modal
from bot.services.delegation import DelegationRequest, delegate, requester_of
from bot.services.errors import InvalidFields
from bot.slack.blocks.messages import confirmation, help_text
from bot.slack.blocks.modals import DelegateForm
from bot.slack.ids import COMMAND
from bot.slack.parse import ModalOrigin

HELP_WORDS = {"help", "?", "-h", "--help"}


def register(app: App, handoff: Handoff) -> None:
    def on_delegate(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
        handle_delegate(handoff, ack, command, context)

    def open_modal(context: BoltContext, body: dict[str, Any], client: Any) -> None:
        open_wanted_modal(handoff, context, body, client)

    app.command(COMMAND)(ack=on_delegate, lazy=[open_modal])


def handle_delegate(
    handoff: Handoff, ack: Ack, command: dict[str, Any], context: BoltContext
) -> None:
    practice = practice_of(handoff, context)
    text = (command.get("text") or "").strip()
    if text.lower() in HELP_WORDS:
        ack(response_type="ephemeral", text=help_text(practice))
        return
    requester_of(practice, command["user_id"])
    origin = ModalOrigin(
        channel_id=command.get("channel_id", ""), response_url=command.get("response_url", "")
    )
    if not text:
        want_modal(context, DelegateForm(), origin)
        ack()
        return
    now = handoff.clock()
    parsed = parse_quick(text, practice=practice, now=now)
    if not parsed.complete:
        want_modal(
            context,
            _prefill(parsed, "I couldn't read all of that: " + "; ".join(parsed.problems) + "."),
            origin,
        )
        ack()
        return
    request = DelegationRequest(
        team_id=practice.team_id,
        requester_id=command["user_id"],
        type_key=parsed.task_type,
        details=parsed.details,
        priority=parsed.priority,
        due_at=parsed.due,
        assignee_id=parsed.assignee,
        dedupe_key=f"command:{command.get('trigger_id', '')}",
    )
    try:
        result = delegate(handoff.uow(), practice, request, now)
    except InvalidFields as invalid:
        want_modal(context, _prefill(parsed, " ".join(invalid.errors.values())), origin)
        ack()
        return
    if result.decision is None:
        ack(
            response_type="ephemeral",
            text=f"{result.task.code} was already delegated from this request.",
        )
        return
    ack(response_type="ephemeral", text=confirmation(practice, result.task, result.decision))


def _prefill(parsed: QuickParse, note: str) -> DelegateForm:
    return DelegateForm(
        type_id=parsed.task_type,
        details=parsed.details,
        priority=parsed.priority,
        due=parsed.due,
        assignee=parsed.assignee,
        note=note,
    )
