"""Helpers every listener shares: the practice of a request and modal opening."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.bootstrap import Handoff
from bot.domain.practice import Practice
from bot.slack.blocks.modals import DelegateForm, delegate_modal
from bot.slack.parse import ModalOrigin

MODAL_FORM = "handoff_modal_form"
MODAL_ORIGIN = "handoff_modal_origin"


def practice_of(handoff: Handoff, context: BoltContext) -> Practice:
    """The request's practice (the team middleware already refused unknown teams)."""
    practice = handoff.practice(context.team_id)
    assert practice is not None
    return practice


def want_modal(context: BoltContext, form: DelegateForm, origin: ModalOrigin) -> None:
    """Ask the lazy listener to open the delegate modal right after the ack."""
    context[MODAL_FORM] = form
    context[MODAL_ORIGIN] = origin


def open_wanted_modal(
    handoff: Handoff, context: BoltContext, body: dict[str, Any], client: WebClient
) -> None:
    """Lazy listener: open the delegate modal if the ack listener asked for one."""
    form = context.get(MODAL_FORM)
    if form is None:
        return
    practice = practice_of(handoff, context)
    view = delegate_modal(practice, form, context[MODAL_ORIGIN].encode())
    client.views_open(trigger_id=body["trigger_id"], view=view)
