"""Replies in a task's thread: commands, the clinician's answer, and a PHI reminder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.lifecycle import Action
from bot.domain.phi import looks_like_phi
from bot.domain.practice import Practice
from bot.domain.task import Status, Task
from bot.domain.thread_commands import read_thread_reply
from bot.services.lifecycle import ActionRequest, perform
from bot.services.ports import ReplyTo, UnitOfWork

PHI_REMINDER = (
    "This thread is visible to the whole channel. It looks like your message has patient "
    "identifiers: please put those in the task's private details (View details) instead."
)
COMMAND_REMINDER = (
    "This thread is visible to the whole channel, and your message looks like it has patient "
    "identifiers. Handoff still read it as `{action}`. Next time use {form}: what you type "
    "there stays private with the task."
)
PRIVATE_FORMS = {
    Action.DONE: "the card's *Done* button",
    Action.RETURN: "the card's *Return to clinician* button",
    Action.CANCEL: "the card's ⋯ → *Cancel task…*",
    Action.ANSWER: "the *Answer* button (on the card or in your DM)",
}
ANY_FORM = "the card's buttons (*Done*, *Return to clinician*, ⋯ → *Cancel task…*, *Answer*)"


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
    awaited = task.status is Status.RETURNED and reply.user == task.requester_id
    command = read_thread_reply(reply.text, awaited_answer=awaited)
    carries_phi = looks_like_phi(reply.text)
    if command is None:
        if task.status is Status.CLAIMED and reply.user == task.assignee_id:
            _note_activity(uow, task, now)
        if carries_phi:
            _remind(uow, reply, PHI_REMINDER, now, key=f"event:{reply.event_id}")
        return None
    request = ActionRequest(
        team_id=reply.team_id,
        actor_id=reply.user,
        task_id=task.id,
        action=command.action,
        reply_to=_reply_to(reply),
        dedupe_key=f"event:{reply.event_id}",
        text=command.text,
        target_id=command.target,
    )
    perform(uow, practice, request, now)
    if carries_phi:
        form = PRIVATE_FORMS.get(command.action, ANY_FORM)
        reminder = COMMAND_REMINDER.format(action=command.action.value, form=form)
        _remind(uow, reply, reminder, now, key=f"event:{reply.event_id}:phi-reminder")
    return request.action


def _note_activity(uow: UnitOfWork, task: Task, now: datetime) -> None:
    """The claimer wrote in the thread: their claim lease starts afresh."""
    with uow:
        if uow.tasks.record_activity(task, now):
            uow.commit()


def _reply_to(reply: ThreadReply) -> ReplyTo:
    return ReplyTo(channel=reply.channel, user=reply.user, thread_ts=reply.thread_ts)


def _remind(uow: UnitOfWork, reply: ThreadReply, text: str, now: datetime, key: str = "") -> None:
    """Tell the author privately, once per event (`key` when the event's own key is taken)."""
    with uow:
        if uow.dedupe.first_time(reply.team_id, key or f"event:{reply.event_id}", now):
            uow.notify.tell(reply.team_id, _reply_to(reply), text)
            uow.commit()
