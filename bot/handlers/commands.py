"""/delegate: help, the quick text form, or the modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.domain.quicktext import QuickParse, parse_quick
from bot.handlers.modals import want_delegate_form
from bot.services import delegation
from bot.services.delegation import DelegationRequest, requester_of
from bot.services.errors import InvalidFields
from bot.slack.blocks.messages import confirmation, help_text
from bot.slack.blocks.modals import DelegateForm
from bot.slack.parse import ModalOrigin

HELP_WORDS = {"help", "?", "-h", "--help"}


def delegate(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
    """Help, a task delegated from one line, or the modal (prefilled with what was understood)."""
    practice, now = context["practice"], context["now"]
    text = (command.get("text") or "").strip()
    if text.lower() in HELP_WORDS:
        ack(response_type="ephemeral", text=help_text(practice))
        return
    requester_of(practice, command["user_id"])
    origin = ModalOrigin(
        channel_id=command.get("channel_id", ""), response_url=command.get("response_url", "")
    )
    if not text:
        want_delegate_form(context, DelegateForm(), origin)
        ack()
        return
    parsed = parse_quick(text, practice=practice, now=now)
    if not parsed.complete:
        note = "I couldn't read all of that: " + "; ".join(parsed.problems) + "."
        want_delegate_form(context, _prefill(parsed, note), origin)
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
        result = delegation.delegate(context["handoff"].uow(), practice, request, now)
    except InvalidFields as invalid:
        want_delegate_form(context, _prefill(parsed, " ".join(invalid.errors.values())), origin)
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
