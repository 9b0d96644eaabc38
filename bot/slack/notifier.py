"""Announces changes by queueing Slack calls in the outbox, inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from bot.domain.practice import Practice
from bot.domain.routing import RoutingDecision
from bot.domain.task import Task
from bot.domain.tasks import Role
from bot.slack.blocks.card import assignee_dm_blocks, assignee_dm_text, card_blocks, card_text
from bot.slack.blocks.messages import confirmation, unassigned_alert
from bot.slack.blocks.text import escape, mention
from bot.slack.outbox import RESPONSE_URL, enqueue, permalink_of, ts_of


class OutboxNotifier:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _queue(self, team_id: str, method: str, payload: dict[str, Any], **kw: Any) -> int:
        return enqueue(self.session, team_id=team_id, method=method, payload=payload, **kw)

    def task_created(self, practice: Practice, task: Task, decision: RoutingDecision) -> None:
        """Card in the queue channel, the routing line in its thread, a DM to the assignee."""
        card = self._queue(
            task.team_id,
            "chat.postMessage",
            {
                "channel": practice.channels.queue,
                "text": card_text(practice, task),
                "blocks": card_blocks(practice, task),
                "unfurl_links": False,
            },
            task_id=task.id,
            records_card=True,
        )
        who = mention(decision.assignee) if decision.assignee else "nobody yet"
        routed = f"Routed to {who}: {escape(decision.reason)}."
        self._thread_line(task, card, practice.channels.queue, routed)
        if decision.assignee:
            self._queue(
                task.team_id,
                "chat.postMessage",
                {
                    "channel": decision.assignee,
                    "text": assignee_dm_text(practice, task),
                    "blocks": assignee_dm_blocks(practice, task, permalink_of(card)),
                },
                task_id=task.id,
                after=card,
            )
            return
        for manager in practice.with_role(Role.MANAGER):
            self._queue(
                task.team_id,
                "chat.postMessage",
                {"channel": manager.slack_id, "text": unassigned_alert(practice, task)},
                task_id=task.id,
            )

    def _thread_line(self, task: Task, card: int, channel: str, text: str) -> None:
        payload = {"channel": channel, "thread_ts": ts_of(card), "text": text}
        self._queue(task.team_id, "chat.postMessage", payload, task_id=task.id, after=card)

    def reply(self, team_id: str, response_url: str, text: str) -> None:
        """An ephemeral answer through a response_url (slash command, shortcut or action)."""
        payload = {"response_url": response_url, "response_type": "ephemeral", "text": text}
        self._queue(team_id, RESPONSE_URL, payload)

    def delegated(
        self, practice: Practice, task: Task, decision: RoutingDecision, response_url: str
    ) -> None:
        """The requester's confirmation, for flows whose ack cannot carry it (modals)."""
        self.reply(task.team_id, response_url, confirmation(practice, task, decision))

    def publish_home(self, team_id: str, user_id: str, view: dict[str, Any]) -> None:
        """Publish a person's App Home (sent right after the commit, off the ack path)."""
        self._queue(team_id, "views.publish", {"user_id": user_id, "view": view})
