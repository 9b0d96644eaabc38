"""Modals opened after the ack: an ack listener leaves what to open in `context`; the serving
process (HTTP or Socket Mode) opens it once Slack has its answer.

This replaces Bolt's lazy listeners, which deep-copy the request and run the whole middleware
chain again in another thread for every request a listener matches, even with nothing to open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext
from slack_sdk.errors import SlackApiError

from bot.slack.blocks.modals import DelegateForm, delegate_modal, details_modal
from bot.slack.parse import ModalOrigin

log = logging.getLogger(__name__)
DELEGATE_FORM, DELEGATE_ORIGIN = "handoff_delegate_form", "handoff_delegate_origin"
DETAILS_TASK = "handoff_details_task"
ACTION_FORM = "handoff_action_form"
AfterAck = Callable[[], None]


def want_delegate_form(context: BoltContext, form: DelegateForm, origin: ModalOrigin) -> None:
    """Ask for the delegate modal to open right after the ack."""
    context[DELEGATE_FORM] = form
    context[DELEGATE_ORIGIN] = origin


def modal_after_ack(context: BoltContext, body: dict[str, Any]) -> AfterAck | None:
    """The modal the ack listener asked for, as work to run once the ack is sent; None if none."""
    build = _view_builder(context)
    trigger_id = body.get("trigger_id")
    if build is None or not trigger_id:
        return None
    client = context.client

    def open_modal() -> None:
        try:
            client.views_open(trigger_id=trigger_id, view=build())
        except SlackApiError as error:  # e.g. expired_trigger_id: Slack's word, no traceback
            log.warning("a modal did not open: %s", error.response.get("error", "unknown"))
        except Exception as error:  # the ack is sent: nobody else can hear of it
            log.error("a modal did not open: %s", type(error).__name__, exc_info=error)

    return open_modal


def _view_builder(context: BoltContext) -> Callable[[], dict[str, Any]] | None:
    """Builds the view left in `context` (rendered after the ack, off its critical path)."""
    if (form := context.get(DELEGATE_FORM)) is not None:
        practice, origin = context["practice"], context[DELEGATE_ORIGIN].encode()
        return lambda: delegate_modal(practice, form, origin)
    if (task := context.get(DETAILS_TASK)) is not None:
        practice = context["practice"]
        return lambda: details_modal(practice, task)
    if (view := context.get(ACTION_FORM)) is not None:
        return lambda: view
    return None
