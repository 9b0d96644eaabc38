"""Lazy listeners: open the modal an ack listener asked for, right after the ack."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.slack.blocks.modals import DelegateForm, delegate_modal, details_modal
from bot.slack.parse import ModalOrigin

DELEGATE_FORM, DELEGATE_ORIGIN = "handoff_delegate_form", "handoff_delegate_origin"
DETAILS_TASK = "handoff_details_task"
ACTION_FORM = "handoff_action_form"


def want_delegate_form(context: BoltContext, form: DelegateForm, origin: ModalOrigin) -> None:
    """Ask `open_delegate_form` to open the delegate modal right after the ack."""
    context[DELEGATE_FORM] = form
    context[DELEGATE_ORIGIN] = origin


def open_delegate_form(context: BoltContext, body: dict[str, Any], client: WebClient) -> None:
    """The delegate modal, if the command or shortcut asked for one."""
    form = context.get(DELEGATE_FORM)
    if form is not None:
        view = delegate_modal(context["practice"], form, context[DELEGATE_ORIGIN].encode())
        client.views_open(trigger_id=body["trigger_id"], view=view)


def open_details(context: BoltContext, body: dict[str, Any], client: WebClient) -> None:
    """A task's private details, if the viewer may see them."""
    task = context.get(DETAILS_TASK)
    if task is not None:
        view = details_modal(context["practice"], task)
        client.views_open(trigger_id=body["trigger_id"], view=view)


def open_action_form(context: BoltContext, body: dict[str, Any], client: WebClient) -> None:
    """An action's form (done note, return reason, a roster edit...), unless refused."""
    if (form := context.get(ACTION_FORM)) is not None:
        client.views_open(trigger_id=body["trigger_id"], view=form)
