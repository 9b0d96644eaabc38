"""Tell a practice's managers, by DM, that Handoff gave up on a Slack message (PHI-free)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlmodel import Session

from bot.domain.people import Role
from bot.domain.practice import Practice
from bot.outbox.queue import RESPONSE_URL, enqueue, target
from bot.slack.blocks.text import escape
from bot.storage.people import SqlPeople
from bot.storage.tables import OutboxRow

ALERT_EVENT = "handoff_outbox_alert"  # message metadata that marks an alert (never alerted on)

Alert = Callable[[Session, OutboxRow], None]


def is_alert(payload: Mapping[str, Any]) -> bool:
    """Whether a queued call is itself a dead-message alert."""
    metadata = payload.get("metadata")
    return isinstance(metadata, dict) and metadata.get("event_type") == ALERT_EVENT


def alert_text(row: OutboxRow) -> str:
    """Which row, what it was (method and channel) and why it failed; never its text."""
    return (
        f"⚠️ Handoff could not deliver a Slack message (outbox #{row.id}, {row.method} to "
        f"{target(row.payload) or '-'}): {escape(row.last_error)}. `bot outbox` lists it; "
        f"`bot outbox retry {row.id}` sends it again."
    )


def manager_alert(practices: Mapping[str, Practice]) -> Alert:
    """An alert that queues one DM per active manager of the dead row's practice."""

    def alert(session: Session, row: OutboxRow) -> None:
        practice = practices.get(row.team_id)
        if practice is None or row.method == RESPONSE_URL or is_alert(row.payload):
            return
        current = practice.with_inactive(SqlPeople(session).inactive_ids(row.team_id))
        for manager in current.with_role(Role.MANAGER):
            payload = {
                "channel": manager.slack_id,
                "text": alert_text(row),
                "metadata": {"event_type": ALERT_EVENT, "event_payload": {"outbox_id": row.id}},
            }
            enqueue(session, team_id=row.team_id, method="chat.postMessage", payload=payload)

    return alert
