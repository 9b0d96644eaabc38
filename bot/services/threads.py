"""Replies in a task's thread: commands, the clinician's answer, and a PHI reminder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.lifecycle import Action
from bot.domain.phi import looks_like_phi
from bot.domain.practice import Practice
from bot.domain.task import Status
from bot.domain.thread_commands import parse_thread_command
from bot.services.lifecycle import ActionRequest, perform
from bot.services.ports import ReplyTo, UnitOfWork

PHI_REMINDER = (
    "This thread is visible to the whole channel. It looks like your message has patient "
    "identifiers: please put those in the task's private details (View details) instead."
)


@dataclass(frozen=True)
class ThreadReply:
    team_id: str
    channel: str
    thread_ts: str
    user: str
    text: str
    event_id: str


def on_thread_reply(
    uow: UnitOfWork, practice: Practice, reply: ThreadReply, now: datetime
) -> Action | None:
    """Act on a reply in a task's thread; returns the action taken (None for conversation)."""
    with uow:
        task = uow.tasks.by_thread(reply.team_id, reply.channel, reply.thread_ts)
    if task is None:
        return None
    command = parse_thread_command(reply.text)
    answering = task.status is Status.RETURNED and reply.user == task.requester_id
    if command is None and not answering:
        if looks_like_phi(reply.text):
            _remind(uow, reply, now)
        return None
    request = ActionRequest(
        team_id=reply.team_id,
        actor_id=reply.user,
        task_id=task.id,
        action=command.action if command else Action.ANSWER,
        reply_to=ReplyTo(channel=reply.channel, user=reply.user, thread_ts=reply.thread_ts),
        dedupe_key=f"event:{reply.event_id}",
        text=command.text if command else reply.text,
        target_id=command.target if command else None,
    )
    perform(uow, practice, request, now)
    return request.action


def _remind(uow: UnitOfWork, reply: ThreadReply, now: datetime) -> None:
    with uow:
        if uow.dedupe.first_time(reply.team_id, f"event:{reply.event_id}", now):
            where = ReplyTo(channel=reply.channel, user=reply.user, thread_ts=reply.thread_ts)
            uow.notify.tell(reply.team_id, where, PHI_REMINDER)
            uow.commit()
