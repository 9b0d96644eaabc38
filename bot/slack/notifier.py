"""Announces changes by queueing Slack calls in the outbox, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.domain.absence import Absence
from bot.domain.lifecycle import Action, Verdict
from bot.domain.people import Role
from bot.domain.practice import Practice
from bot.domain.routing import RoutingDecision
from bot.domain.task import Task
from bot.domain.weekly import WeeklyFigures
from bot.insights.charts import weekly_charts
from bot.outbox.queue import (
    RESPONSE_URL,
    SlackCall,
    card_row,
    enqueue,
    enqueue_all,
    permalink_of,
    ts_of,
)
from bot.outbox.uploads import FILE_UPLOAD, FileToSend, upload_payload
from bot.services.digests import Digest
from bot.services.escalation_looks import Escalation
from bot.services.home import Home
from bot.services.ports import ReplyTo
from bot.slack.blocks.absences import absence_started_blocks, absence_started_text
from bot.slack.blocks.card import assignee_dm_blocks, assignee_dm_text, card_blocks, card_text
from bot.slack.blocks.digests import digest_message
from bot.slack.blocks.escalations import escalation_blocks, escalation_text
from bot.slack.blocks.home import home_view
from bot.slack.blocks.lines import (
    checklist,
    lease_line,
    lifecycle_dms,
    moves_summary,
    refusal,
    rerouted_line,
    thread_line,
)
from bot.slack.blocks.messages import confirmation, unassigned_alert
from bot.slack.blocks.text import escape, mention
from bot.slack.blocks.trends import headline, weekly_message

CardTs = str | dict[str, int]  # a card's ts, or a reference to the ts its outbox row will get


class OutboxNotifier:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _queue(self, team_id: str, method: str, payload: dict[str, Any], **kw: Any) -> int:
        return enqueue(self.session, team_id=team_id, method=method, payload=payload, **kw)

    def task_created(
        self, practice: Practice, task: Task, decision: RoutingDecision, response_url: str = ""
    ) -> None:
        """Card in the queue channel, the routing line in its thread, a DM to the assignee;
        with `response_url`, the requester's confirmation (modals: the ack cannot carry it)."""
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
        calls = [_thread_line(task, ts_of(card), practice.channels.queue, routed)]
        if decision.assignee:
            calls.append(_assignee_dm(practice, task, decision.assignee, card))
        else:
            alert = {"text": unassigned_alert(practice, task)}
            calls += _to_managers(practice, alert, task_id=task.id)
        if response_url:
            calls.append(_confirmation(practice, task, decision, response_url))
        enqueue_all(self.session, calls)  # after the card: they refer to its id

    def task_changed(
        self, practice: Practice, before: Task, after: Task, action: Action, actor_id: str
    ) -> None:
        """Card updated in place, a line in its thread, and a DM to whoever must know.

        A task's calls go out one by one in the order queued (the relay keeps that order).
        """
        card, queue = self._card_ts(after), practice.channels.queue
        calls = [
            _card_update(practice, after, card),
            _thread_line(after, card, queue, thread_line(practice, after, action, actor_id)),
        ]
        if action is Action.CLAIM and (steps := checklist(practice, after)):
            calls.append(_thread_line(after, card, queue, steps))
        if action is Action.REASSIGN and after.assignee_id:
            dm = _assignee_dm(practice, after, after.assignee_id, card_row(self.session, after.id))
            calls.append(dm)
        for user, text, blocks in lifecycle_dms(before, after, action, actor_id):
            payload = {"channel": user, "text": text, **({"blocks": blocks} if blocks else {})}
            calls.append(SlackCall(after.team_id, "chat.postMessage", payload, task_id=after.id))
        enqueue_all(self.session, calls)

    def task_rerouted(
        self, practice: Practice, before: Task, after: Task, decision: RoutingDecision, cause: str
    ) -> None:
        """A task routed again (its assistant left, a lease ran out): card, thread, new DM."""
        card = card_row(self.session, after.id)
        line = rerouted_line(before, after, decision, cause)
        calls = [
            _card_update(practice, after, ts_of(card)),
            _thread_line(after, ts_of(card), practice.channels.queue, line),
        ]
        if after.assignee_id:
            calls.append(_assignee_dm(practice, after, after.assignee_id, card))
        enqueue_all(self.session, calls)

    def _card_ts(self, task: Task) -> CardTs:
        """The card's ts: on the task once the card is posted (no lookup), else a reference to
        its outbox row."""
        return task.thread_ts or ts_of(card_row(self.session, task.id))

    def people_left(self, practice: Practice, moves: list[tuple[Task, Task]]) -> None:
        """Tell the managers what moved where."""
        enqueue_all(self.session, _to_managers(practice, {"text": moves_summary(moves)}))

    def absence_started(
        self, practice: Practice, absence: Absence, moves: list[tuple[Task, Task]],
        in_hand: list[Task],
    ) -> None:  # fmt: skip
        """Tell the managers what an absent assistant's start moved and what they still hold."""
        payload = {
            "text": absence_started_text(absence),
            "blocks": absence_started_blocks(practice, absence, moves, in_hand),
        }
        enqueue_all(self.session, _to_managers(practice, payload))

    def escalated(self, practice: Practice, escalations: Sequence[Escalation]) -> None:
        """Reminders and escalations, in one round trip: each a DM to a person, or a post in
        the escalations channel."""
        enqueue_all(self.session, [_escalation_call(practice, e) for e in escalations])

    def lease_expired(self, practice: Practice, before: Task, after: Task) -> None:
        """Tell the claimer and the managers that a claim lease ran out."""
        text = lease_line(before, after)
        people = [before.assignee_id, *(m.slack_id for m in practice.with_role(Role.MANAGER))]
        calls = [
            SlackCall(practice.team_id, "chat.postMessage", {"channel": u, "text": text}, after.id)
            for u in dict.fromkeys(p for p in people if p)
        ]
        enqueue_all(self.session, calls)

    def digest(self, practice: Practice, channel: str, digest: Digest, tz: ZoneInfo) -> None:
        """A digest to a person's DM or the digests channel (times in `tz`)."""
        payload = {"channel": channel, **digest_message(practice, digest, tz)}
        self._queue(practice.team_id, "chat.postMessage", payload)

    def weekly_digest(
        self, practice: Practice, channel: str, figures: WeeklyFigures, tz: ZoneInfo
    ) -> None:
        """The weekly summary, then its charts uploaded as PNGs with alt text."""
        summary = weekly_message(figures, tz)
        self._queue(practice.team_id, "chat.postMessage", {"channel": channel, **summary})
        charts = [
            FileToSend(chart.name, chart.title, chart.alt_text, chart.png)
            for chart in weekly_charts(practice, figures)
        ]
        comment = f"Charts for the week: {headline(figures)}"
        self._queue(practice.team_id, FILE_UPLOAD, upload_payload(channel, comment, charts))

    def tell(self, team_id: str, reply_to: ReplyTo, text: str) -> None:
        """Through the response_url, ephemeral in the channel, or by DM (e.g. from App Home)."""
        if reply_to.response_url:
            self._queue(team_id, RESPONSE_URL, _ephemeral_reply(reply_to.response_url, text))
            return
        if not reply_to.channel:
            if reply_to.user:
                self._queue(team_id, "chat.postMessage", {"channel": reply_to.user, "text": text})
            return
        payload = {"channel": reply_to.channel, "user": reply_to.user, "text": text}
        if reply_to.thread_ts:
            payload["thread_ts"] = reply_to.thread_ts
        self._queue(team_id, "chat.postEphemeral", payload)

    def refused(
        self, team_id: str, reply_to: ReplyTo, task: Task | None, action: Action, verdict: Verdict
    ) -> None:
        self.tell(team_id, reply_to, refusal(task, action, verdict))

    def publish_home(self, practice: Practice, user_id: str, home: Home) -> None:
        """Publish a person's App Home (sent right after the commit, off the ack path)."""
        view = home_view(practice, home)
        self._queue(practice.team_id, "views.publish", {"user_id": user_id, "view": view})


def _to_managers(
    practice: Practice, message: dict[str, Any], task_id: int | None = None
) -> list[SlackCall]:
    """The same message to each manager's DM."""
    return [
        SlackCall(practice.team_id, "chat.postMessage", {"channel": m.slack_id} | message, task_id)
        for m in practice.with_role(Role.MANAGER)
    ]


def _confirmation(
    practice: Practice, task: Task, decision: RoutingDecision, response_url: str
) -> SlackCall:
    """The requester's confirmation, ephemeral through the response_url."""
    payload = _ephemeral_reply(response_url, confirmation(practice, task, decision))
    return SlackCall(task.team_id, RESPONSE_URL, payload)


def _ephemeral_reply(response_url: str, text: str) -> dict[str, Any]:
    return {"response_url": response_url, "response_type": "ephemeral", "text": text}


def _card_update(practice: Practice, task: Task, card: CardTs) -> SlackCall:
    """The card's update in place."""
    payload = {
        "channel": practice.channels.queue,
        "ts": card,
        "text": card_text(practice, task),
        "blocks": card_blocks(practice, task),
    }
    return SlackCall(task.team_id, "chat.update", payload, task_id=task.id)


def _thread_line(task: Task, card: CardTs, channel: str, text: str) -> SlackCall:
    payload = {"channel": channel, "thread_ts": card, "text": text}
    return SlackCall(task.team_id, "chat.postMessage", payload, task_id=task.id)


def _assignee_dm(practice: Practice, task: Task, assignee: str, card: int) -> SlackCall:
    payload = {
        "channel": assignee,
        "text": assignee_dm_text(practice, task),
        "blocks": assignee_dm_blocks(practice, task, permalink_of(card)),
    }
    return SlackCall(task.team_id, "chat.postMessage", payload, task_id=task.id)


def _escalation_call(practice: Practice, escalation: Escalation) -> SlackCall:
    payload = {
        "channel": escalation.recipient.id,
        "text": escalation_text(practice, escalation),
        "blocks": escalation_blocks(practice, escalation),
        "unfurl_links": False,
    }
    return SlackCall(practice.team_id, "chat.postMessage", payload, task_id=escalation.task.id)
