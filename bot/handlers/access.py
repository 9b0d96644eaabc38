"""Access report on the Team list: one person's looks at private fields, for managers."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.handlers.modals import ACTION_FORM
from bot.services.access import open_access_report
from bot.services.ports import ReplyTo
from bot.slack.blocks.access import access_report_modal
from bot.slack.parse import channel_of


def open_report(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    """The report modal for managers and admins; anyone else is told why (both audited)."""
    handoff, practice = context["handoff"], context["practice"]
    viewer = body["user"]["id"]
    reply_to = ReplyTo(response_url=body.get("response_url", ""), channel=channel_of(body),
                       user=viewer)  # fmt: skip
    report = open_access_report(
        handoff.uow(), practice, viewer_id=viewer, person_id=str(action.get("value", "")),
        now=context["now"], reply_to=reply_to,
    )  # fmt: skip
    if report is not None:
        context[ACTION_FORM] = access_report_modal(
            practice, report.person, report.since, report.entries
        )
    ack()
