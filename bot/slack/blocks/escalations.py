"""Reminders and escalations: what is late, by how much, who holds it, what comes next.

PHI-free by construction: codes, types, titles (channel-visible by design) and people only.
Built with the plain Block Kit builders (`plain.py`), not slack_sdk models: a sweep renders
dozens at once inside its write transaction, and the models' validation cost most of the sweep.
"""

from __future__ import annotations

from typing import Any

from bot.domain.people import Person, Role
from bot.domain.practice import Practice
from bot.domain.recipients import RecipientKind, holder
from bot.domain.task import Status, Task
from bot.domain.text import humanize
from bot.domain.timers import ClockKind
from bot.services.escalation_looks import Escalation
from bot.slack.blocks.card import card_title, task_button
from bot.slack.blocks.plain import actions, context, overflow, section
from bot.slack.blocks.text import SECTION_TEXT, clip, escape, local_time, mention
from bot.slack.ids import Button

REMINDED = {
    ClockKind.CLAIM: "should be claimed now",
    ClockKind.RESOLVE: "is due now",
    ClockKind.WAITING: "is waiting on the clinician's answer",
}
LATE = {
    ClockKind.CLAIM: "late to be claimed",
    ClockKind.RESOLVE: "past its due time",
    ClockKind.WAITING: "late waiting on the clinician's answer",
}
WHO = {
    "assignee": "whoever holds it",
    "backups": "backup assistants on shift",
    "requester": "the requesting clinician",
    "managers": "the managers",
    "escalations_channel": "the escalations channel",
}


def escalation_text(practice: Practice, escalation: Escalation) -> str:
    """The notification text: code, type, how late."""
    task = escalation.task
    label = _label(practice, task)
    if escalation.late_by.total_seconds() < 60:
        return f"Reminder: {task.code} ({label}) {REMINDED[escalation.clock]}"
    late = humanize(escalation.late_by)
    return f"{task.code} ({label}) is {late} {LATE[escalation.clock]} (business time)"


def escalation_blocks(practice: Practice, escalation: Escalation) -> list[dict[str, Any]]:
    """The message: what, how late, who holds it, what happens next, and fitting buttons."""
    task = escalation.task
    held_by = holder(task)
    lines = [
        f"*{escape(escalation_text(practice, escalation))}*",
        f"{escape(card_title(practice, task))}",
        f"Held by {mention(held_by) if held_by else 'nobody yet (unassigned)'}",
    ]
    blocks = [
        section(clip("\n".join(lines), SECTION_TEXT)),
        context(_next_step(practice, escalation)),
    ]
    buttons = _buttons(practice, escalation)
    if buttons:
        blocks.append(actions("escalation_actions", buttons))
    return blocks


def _label(practice: Practice, task: Task) -> str:
    task_type = practice.task_types.get(task.type_id)
    return task_type.label if task_type else task.type_id


def _next_step(practice: Practice, escalation: Escalation) -> str:
    if escalation.next_at is None:
        return "This is the last step of the practice's escalation policy; it repeats as set."
    who = ", ".join(WHO.get(target, target) for target in escalation.next_notify)
    return f"Next, if it does not move: {who}, {local_time(escalation.next_at, practice.tz)}."


def _buttons(practice: Practice, escalation: Escalation) -> list[dict[str, Any]]:
    """Claim for in-scope assistants, Answer for the clinician, Reassign/Snooze for managers."""
    task = escalation.task
    if escalation.recipient.kind is RecipientKind.CHANNEL:
        return [task_button("View details", Button.VIEW_DETAILS, task)]
    person = practice.person(escalation.recipient.id)
    buttons: list[dict[str, Any]] = []
    if person and _may_claim(person, task):
        buttons.append(task_button("Claim", Button.CLAIM, task, "primary"))
    if task.status is Status.RETURNED and escalation.recipient.id == task.requester_id:
        buttons.append(task_button("Answer", Button.ANSWER, task, "primary"))
    buttons.append(task_button("View details", Button.VIEW_DETAILS, task))
    if person and person.role is Role.MANAGER:
        options = [("Reassign…", f"reassign:{task.id}"), ("Snooze…", f"snooze:{task.id}")]
        buttons.append(overflow(Button.MORE, options))
    return buttons


def _may_claim(person: Person, task: Task) -> bool:
    return task.status in (Status.UNASSIGNED, Status.ASSIGNED) and person.in_scope(task.type_id)
