"""Buttons on task cards and DMs."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.bootstrap import Handoff
from bot.handlers.common import practice_of
from bot.handlers.lifecycle import pattern
from bot.services.details import view_details
from bot.slack.blocks.modals import details_modal
from bot.slack.ids import Button
from bot.slack.parse import task_id_of

DETAILS_TASK = "handoff_details_task"


def register(app: App, handoff: Handoff) -> None:
    def on_view_details(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
    ) -> None:
        practice = practice_of(handoff, context)
        context[DETAILS_TASK] = view_details(
            handoff.uow(),
            practice,
            viewer_id=body["user"]["id"],
            task_id=task_id_of(action),
            now=handoff.clock(),
        )
        ack()

    def open_details(context: BoltContext, body: dict[str, Any], client: Any) -> None:
        task = context.get(DETAILS_TASK)
        if task is not None:
            view = details_modal(practice_of(handoff, context), task)
            client.views_open(trigger_id=body["trigger_id"], view=view)

    def on_open_thread(ack: Ack) -> None:
        ack()  # a link button: Slack opens the URL; nothing to do

    app.action(pattern(Button.VIEW_DETAILS))(ack=on_view_details, lazy=[open_details])
    app.action(Button.OPEN_THREAD)(on_open_thread)
