"""One-line texts for lifecycle changes: thread entries, DMs and refusals (PHI-free)."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, SectionBlock

from bot.domain.lifecycle import Action, Verdict
from bot.domain.practice import Practice
from bot.domain.routing import RoutingDecision
from bot.domain.task import Task
from bot.slack.blocks.text import SECTION_TEXT, clip, escape, local_time, mention
from bot.slack.ids import Button


def thread_line(practice: Practice, after: Task, action: Action, actor_id: str) -> str:
    """Who did what, for the task's thread (notes, reasons and answers stay private)."""
    who, assignee = mention(actor_id), mention(after.assignee_id)
    return {
        Action.CLAIM: f"✋ {who} claimed {after.code}.",
        Action.RELEASE: f"↩️ {who} released {after.code} back to the queue.",
        Action.DONE: f"✅ {who} marked {after.code} done.",
        Action.RETURN: (
            f"❓ {who} returned {after.code} to {mention(after.requester_id)} for input."
        ),
        Action.ANSWER: f"💬 {who} answered; {after.code} is back with {assignee}.",
        Action.REASSIGN: f"🔁 {who} reassigned {after.code} to {assignee}.",
        Action.CANCEL: f"🚫 {who} cancelled {after.code}.",
        Action.SNOOZE: (
            f"💤 {who} snoozed {after.code} until "
            f"{local_time(after.snoozed_until, practice.tz) if after.snoozed_until else 'later'}."
        ),
    }[action]


def rerouted_line(before: Task, after: Task, decision: RoutingDecision, cause: str) -> str:
    """`cause` is a PHI-free phrase after the previous holder's name ("is no longer active")."""
    who = mention(after.assignee_id) if after.assignee_id else "the queue (unassigned)"
    return (
        f"🔁 {mention(before.assignee_id)} {cause}, so {after.code} moved to "
        f"{who}: {escape(decision.reason)}."
    )


def lease_line(before: Task, after: Task) -> str:
    """For the claimer and the managers: a claim lease ran out and where the task went."""
    who = mention(after.assignee_id) if after.assignee_id else "the queue (unassigned)"
    return (
        f"⌛ {after.code} went back to the queue: {mention(before.assignee_id)}'s claim lease ran "
        f"out with no activity. It is now with {who}."
    )


def moves_summary(moves: list[tuple[Task, Task]]) -> str:
    """For managers: what people who left were holding, and where it went."""
    lines = moves_lines(moves)
    return "People who are no longer active held open tasks; they were routed again:\n" + "\n".join(
        lines
    )


def moves_lines(moves: list[tuple[Task, Task]]) -> list[str]:
    """One line per moved task: its code, who held it, where it went."""
    return [
        f"• {after.code}: {mention(before.assignee_id)} → "
        f"{mention(after.assignee_id) if after.assignee_id else 'unassigned, in the queue'}"
        for before, after in moves
    ]


def checklist(practice: Practice, task: Task) -> str:
    """The type's standard procedure, posted in the thread on claim."""
    task_type = practice.task_types.get(task.type_id)
    if task_type is None or not task_type.procedure:
        return ""
    steps = "\n".join(f"{n}. {step}" for n, step in enumerate(task_type.procedure, 1))
    return f"📋 *{task_type.label} checklist*\n{steps}"


PHRASES = {
    Action.CLAIM: "claim {code}",
    Action.RELEASE: "release {code}",
    Action.DONE: "mark {code} done",
    Action.RETURN: "return {code} to the clinician",
    Action.ANSWER: "answer on {code}",
    Action.REASSIGN: "reassign {code}",
    Action.CANCEL: "cancel {code}",
    Action.SNOOZE: "snooze {code}",
}


def refusal(task: Task | None, action: Action, verdict: Verdict) -> str:
    """Why an action was refused, who has the task, and who can do it."""
    code = task.code if task else "the task"
    text = f"Couldn't {PHRASES[action].format(code=code)}: {verdict.why}"
    if verdict.holder:
        text += f" ({mention(verdict.holder)} has it)"
    text += "."
    if verdict.who_can:
        text += f" Who can: {verdict.who_can}."
    return text


def lifecycle_dms(
    before: Task, after: Task, action: Action, actor_id: str
) -> list[tuple[str, str, list[dict[str, Any]] | None]]:
    """(user, text, blocks) for the people a change concerns, other than the one acting."""
    dms: list[tuple[str, str, list[dict[str, Any]] | None]] = []
    if action is Action.RETURN:
        reason = escape(after.return_reason)
        text = f"❓ {mention(actor_id)} needs your input on {after.code}: “{reason}”"
        dms.append((after.requester_id, text, answer_blocks(after, text)))
    elif action is Action.DONE:
        text = f"✅ {after.code} is done ({mention(actor_id)}). The note is under *View details*."
        dms.append((after.requester_id, text, None))
    elif action is Action.ANSWER and after.assignee_id:
        text = f"💬 {mention(actor_id)} answered on {after.code}: see *View details*."
        dms.append((after.assignee_id, text, None))
    elif action is Action.CANCEL and before.assignee_id:
        dms.append(
            (before.assignee_id, f"🚫 {after.code} was cancelled by {mention(actor_id)}.", None)
        )
    return [dm for dm in dms if dm[0] != actor_id]


def answer_blocks(task: Task, text: str) -> list[dict[str, Any]]:
    """The clinician's DM on a returned task, with buttons to answer and to see the details."""
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=clip(text, SECTION_TEXT))),
        ActionsBlock(
            block_id="answer_actions",
            elements=[
                _button("Answer", Button.ANSWER, task, "primary"),
                _button("View details", Button.VIEW_DETAILS, task),
            ],
        ),
    ]
    return [block.to_dict() for block in blocks]


def _button(label: str, action_id: str, task: Task, style: str | None = None) -> ButtonElement:
    return ButtonElement(text=label, action_id=action_id, value=str(task.id), style=style)
