"""The Team view's actions: open a person's roster form, and save what it says."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.config.roster_rules import roster_problems
from bot.domain.roster import applied, refusal
from bot.handlers.modals import ACTION_FORM
from bot.services.errors import Refused
from bot.services.home import publish_home
from bot.services.roster import change_person
from bot.slack.blocks.team import roster_modal, roster_submission
from bot.slack.ids import RosterInput

FIELD_BLOCKS = {"role": RosterInput.ROLE, "scopes": RosterInput.SCOPES}


def edit_person(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    """Edit on the Team list (or a clinician's own Home): the form, for those who may use it."""
    practice = context["practice"]
    editor = practice.person(body["user"]["id"])
    person = practice.person(str(action.get("value", "")))
    if editor is not None and person is not None and refusal(editor, person, person) is None:
        context[ACTION_FORM] = roster_modal(practice, person, editor)
    ack()


def save_person(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    """The roster form: the change (audited, re-routed), or what is wrong next to each field."""
    handoff, practice, now = context["handoff"], context["practice"], context["now"]
    person = practice.person(view.get("private_metadata", ""))
    if person is None:
        ack(response_action="errors", errors={RosterInput.ASSISTANTS.value: "Not on the team."})
        return
    edit = roster_submission(view, person)
    shown = set(view["state"]["values"])
    problems = roster_problems(practice, applied(person, edit))
    if problems:
        ack(response_action="errors", errors=_on_fields(problems, shown))
        return
    actor = body["user"]["id"]
    try:
        change_person(handoff.uow(), practice, actor_id=actor, slack_id=person.slack_id,
                      edit=edit, now=now)  # fmt: skip
    except Refused as refused:
        ack(response_action="errors", errors={RosterInput.ASSISTANTS.value: refused.message})
        return
    ack()
    handoff.forget_people(practice.team_id)
    publish_home(handoff.uow(), handoff.practice(practice.team_id), user_id=actor, now=now)


def _on_fields(problems: dict[str, str], shown: set[str]) -> dict[str, str]:
    """Each problem next to its field; what has no field of its own goes on the role."""
    errors: dict[str, str] = {}
    for field, text in problems.items():
        block = FIELD_BLOCKS.get(field, RosterInput.ROLE).value
        if field == "assistants" or block not in shown:
            block = RosterInput.ASSISTANTS.value
        errors[block] = " ".join(filter(None, (errors.get(block), text)))
    return errors
