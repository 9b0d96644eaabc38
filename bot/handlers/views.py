"""Submissions of the delegate modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.bootstrap import Handoff
from bot.handlers.common import practice_of
from bot.services.delegation import DelegationRequest, delegate
from bot.services.errors import InvalidFields, Refused
from bot.slack.ids import Callback, Field
from bot.slack.parse import ModalOrigin, delegate_submission

FIELD_BLOCKS = {
    "task_type": Field.TYPE,
    "title": Field.TITLE,
    "details": Field.DETAILS,
    "patient_ref": Field.PATIENT,
    "priority": Field.PRIORITY,
    "due": Field.DUE,
    "assignee": Field.ASSIGNEE,
}


def register(app: App, handoff: Handoff) -> None:
    def on_submit(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
    ) -> None:
        handle_submission(handoff, ack, body, view, context)

    app.view(Callback.DELEGATE)(on_submit)


def handle_submission(
    handoff: Handoff, ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    practice = practice_of(handoff, context)
    form = delegate_submission(view)
    origin = ModalOrigin.decode(view.get("private_metadata", ""))
    request = DelegationRequest(
        team_id=practice.team_id,
        requester_id=body["user"]["id"],
        type_key=form.type_id,
        title=form.title,
        details=form.details,
        patient_ref=form.patient_ref,
        priority=form.priority,
        due_at=form.due,
        assignee_id=form.assignee,
        source_permalink=origin.permalink,
        response_url=origin.response_url,
        dedupe_key=f"view:{view.get('id', '')}",
    )
    try:
        delegate(handoff.uow(), practice, request, handoff.clock())
    except InvalidFields as invalid:
        errors = {FIELD_BLOCKS[name].value: message for name, message in invalid.errors.items()}
        ack(response_action="errors", errors=errors)
        return
    except Refused as refused:
        ack(response_action="errors", errors={Field.TYPE.value: refused.message})
        return
    ack()
