"""The task card posted in the queue channel, and the assignee's DM. PHI-free by construction."""

from __future__ import annotations

from typing import Any

from bot.domain.practice import Practice
from bot.domain.task import OPEN_STATUSES, Priority, Status, Task
from bot.slack.blocks.plain import actions, button, context, fields, header, overflow, section
from bot.slack.blocks.text import HEADER_TEXT, SECTION_TEXT, clip, escape, local_time, mention
from bot.slack.ids import Button

STATUS_LABELS = {
    Status.UNASSIGNED: "Unassigned — waiting in the queue",
    Status.ASSIGNED: "Assigned — not yet claimed",
    Status.CLAIMED: "Claimed — in progress",
    Status.RETURNED: "Returned — needs clinician input",
    Status.DONE: "Done",
    Status.CANCELLED: "Cancelled",
}


def card_title(practice: Practice, task: Task) -> str:
    """The channel-visible title: the clinician's title or the type's label."""
    task_type = practice.task_types.get(task.type_id)
    return task.title or (task_type.label if task_type else task.type_id)


def card_text(practice: Practice, task: Task) -> str:
    """Notification fallback text for the card (no details, no patient reference)."""
    urgent = "URGENT " if task.priority is Priority.URGENT else ""
    return clip(f"{urgent}{task.code}: {escape(card_title(practice, task))}", 3000)


def card_blocks(practice: Practice, task: Task) -> list[dict[str, Any]]:
    task_type = practice.task_types.get(task.type_id)
    label = task_type.label if task_type else task.type_id
    steps = len(task_type.procedure) if task_type else 0
    flag = "🔴 Urgent" if task.priority is Priority.URGENT else "Routine"
    return [
        header(clip(f"{task.code} · {label}", HEADER_TEXT)),
        section(clip(escape(card_title(practice, task)), SECTION_TEXT)),
        fields(
            [
                f"*Priority*\n{flag}",
                f"*Due*\n{local_time(task.due_at, practice.tz)}",
                f"*Requested by*\n{mention(task.requester_id)}",
                f"*Assignee*\n{mention(task.assignee_id)}",
                f"*Status*\n{STATUS_LABELS[task.status]}",
                f"*Checklist*\n{steps} steps",
            ]
        ),
        context("Details are private: use *View details*."),
        actions("task_actions", _buttons(task)),
    ]


def _buttons(task: Task) -> list[dict[str, Any]]:
    """Buttons for what can happen next; the rules decide who may, when pressed."""
    buttons = [task_button(label, a, task, style) for label, a, style in NEXT[task.status]]
    buttons.append(task_button("View details", Button.VIEW_DETAILS, task))
    if task.status in OPEN_STATUSES:
        buttons.append(
            overflow(Button.MORE, [(label, f"{verb}:{task.id}") for label, verb in MORE])
        )
    return buttons


def task_button(label: str, action: Button, task: Task, style: str | None = None) -> dict[str, Any]:
    return button(label, action, value=str(task.id), style=style)


NEXT: dict[Status, list[tuple[str, Button, str | None]]] = {
    Status.UNASSIGNED: [("Claim", Button.CLAIM, "primary")],
    Status.ASSIGNED: [("Claim", Button.CLAIM, "primary")],
    Status.CLAIMED: [
        ("Done", Button.DONE, "primary"),
        ("Return to clinician", Button.RETURN, None),
        ("Release", Button.RELEASE, None),
    ],
    Status.RETURNED: [("Answer", Button.ANSWER, "primary")],
    Status.DONE: [],
    Status.CANCELLED: [],
}
MORE = [("Reassign…", "reassign"), ("Snooze…", "snooze"), ("Cancel task…", "cancel")]


def assignee_dm_text(practice: Practice, task: Task) -> str:
    return f"New task for you: {card_text(practice, task)}"


def assignee_dm_blocks(practice: Practice, task: Task, thread_link: Any) -> list[dict[str, Any]]:
    """DM to the assignee; `thread_link` is the card's permalink (or an outbox reference to it)."""
    due = local_time(task.due_at, practice.tz)
    intro = (
        f"*{task.code}* was delegated to you by {mention(task.requester_id)}: "
        f"{escape(card_title(practice, task))}\nDue {due}."
    )
    return [
        section(clip(intro, SECTION_TEXT)),
        actions(
            "dm_actions",
            [
                button("Open thread", Button.OPEN_THREAD, url=thread_link),
                button("View details", Button.VIEW_DETAILS, value=str(task.id)),
            ],
        ),
    ]
