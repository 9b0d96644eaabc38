"""Modal submissions: the delegate form and a task action's form."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.domain.lifecycle import Action
from bot.domain.text import as_sentence
from bot.services import delegation
from bot.services.delegation import DelegationRequest
from bot.services.errors import InvalidFields, Refused
from bot.services.lifecycle import ActionRequest, perform
from bot.services.ports import ReplyTo
from bot.slack.blocks.action_modals import ActionOrigin
from bot.slack.ids import Field
from bot.slack.parse import ModalOrigin, action_submission, delegate_submission, team_of

FIELD_BLOCKS = {
    "task_type": Field.TYPE,
    "title": Field.TITLE,
    "details": Field.DETAILS,
    "patient_ref": Field.PATIENT,
    "priority": Field.PRIORITY,
    "due": Field.DUE,
    "assignee": Field.ASSIGNEE,
}


def delegate(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    """The delegate form: a new task, or the form again with what is wrong next to each field."""
    practice = context["practice"]
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
        delegation.delegate(context["handoff"].uow(), practice, request, context["now"])
    except InvalidFields as invalid:
        errors = {FIELD_BLOCKS[name].value: message for name, message in invalid.errors.items()}
        ack(response_action="errors", errors=errors)
        return
    except Refused as refused:
        ack(response_action="errors", errors={Field.TYPE.value: refused.message})
        return
    ack()


def task_action(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    """A task action's form (note, reason, answer, assignee, until): the change, or why not."""
    origin = ActionOrigin.decode(view.get("private_metadata") or "{}")
    form = action_submission(view)
    request = ActionRequest(
        team_id=team_of(body),
        actor_id=body["user"]["id"],
        task_id=origin.task_id,
        action=Action(origin.action),
        reply_to=ReplyTo(),  # refusals come back on the form itself
        dedupe_key=f"view:{view.get('id', '')}",
        text=form.text,
        target_id=form.target,
        until=form.until,
    )
    result = perform(context["handoff"].uow(), context["practice"], request, context["now"])
    if result.refusal:
        sentence = as_sentence(result.refusal)  # names keep their case
        ack(response_action="errors", errors={form.block: sentence})
        return
    ack()
