"""The task card posted in the queue channel, and the assignee's DM. PHI-free by construction."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    SectionBlock,
)

from bot.domain.practice import Practice
from bot.domain.task import OPEN_STATUSES, Priority, Status, Task
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
    fields = [
        f"*Priority*\n{flag}",
        f"*Due*\n{local_time(task.due_at, practice.tz)}",
        f"*Requested by*\n{mention(task.requester_id)}",
        f"*Assignee*\n{mention(task.assignee_id)}",
        f"*Status*\n{STATUS_LABELS[task.status]}",
        f"*Checklist*\n{steps} steps",
    ]
    blocks = [
        HeaderBlock(text=clip(f"{task.code} · {label}", HEADER_TEXT)),
        SectionBlock(
            text=MarkdownTextObject(text=clip(escape(card_title(practice, task)), SECTION_TEXT))
        ),
        SectionBlock(fields=[MarkdownTextObject(text=f) for f in fields]),
        ContextBlock(
            elements=[MarkdownTextObject(text="Details are private: use *View details*.")]
        ),
        ActionsBlock(block_id="task_actions", elements=_buttons(task)),
    ]
    return [block.to_dict() for block in blocks]


def _buttons(task: Task) -> list[Any]:
    """Buttons for what can happen next; the rules decide who may, when pressed."""
    buttons: list[Any] = [
        task_button(label, a, task, style) for label, a, style in NEXT[task.status]
    ]
    buttons.append(task_button("View details", Button.VIEW_DETAILS, task))
    if task.status in OPEN_STATUSES:
        options = [Option(text=label, value=f"{verb}:{task.id}") for label, verb in MORE]
        buttons.append(OverflowMenuElement(action_id=Button.MORE, options=options))
    return buttons


def task_button(label: str, action: Button, task: Task, style: str | None = None) -> ButtonElement:
    return ButtonElement(text=label, action_id=action, value=str(task.id), style=style)


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
    intro = SectionBlock(
        text=MarkdownTextObject(
            text=clip(
                f"*{task.code}* was delegated to you by {mention(task.requester_id)}: "
                f"{escape(card_title(practice, task))}\nDue {due}.",
                SECTION_TEXT,
            )
        )
    )
    buttons = ActionsBlock(
        block_id="dm_actions",
        elements=[
            ButtonElement(
                text="Open thread", action_id=Button.OPEN_THREAD, url="https://slack.com"
            ),
            ButtonElement(text="View details", action_id=Button.VIEW_DETAILS, value=str(task.id)),
        ],
    )
    blocks = [intro.to_dict(), buttons.to_dict()]
    blocks[1]["elements"][0]["url"] = thread_link
    return blocks
