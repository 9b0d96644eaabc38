"""Short texts: confirmations, help and refusals (ephemeral, PHI-free)."""

from __future__ import annotations

from bot.domain.practice import Practice
from bot.domain.routing import RoutingDecision
from bot.domain.task import Task
from bot.slack.blocks.card import card_title
from bot.slack.blocks.text import escape, local_time, mention
from bot.slack.ids import COMMAND


def confirmation(practice: Practice, task: Task, decision: RoutingDecision) -> str:
    """What the requester sees after delegating."""
    head = f"✅ *{task.code}* delegated: {escape(card_title(practice, task))}."
    if decision.assignee is None:
        return (
            f"{head} No active assistant is cleared for this type, so it waits unassigned "
            "in the queue; the practice managers have been told."
        )
    person = practice.person(decision.assignee)
    tz = person.tz if person else practice.tz
    line = f"{head} It went to {mention(decision.assignee)}: {decision.reason}."
    if decision.waits_until is not None:
        line += f" Their shift starts {local_time(decision.waits_until, tz)} (their time)."
    return line + f" Due {local_time(task.due_at, practice.tz)}."


def help_text(practice: Practice) -> str:
    types = "\n".join(
        f"• *{t.label}* — `{' / '.join((t.id, *t.aliases))}`" for t in practice.task_types.values()
    )
    return (
        f"*Delegate a task to an assistant*\n"
        f"• `{COMMAND}` opens a form.\n"
        f"• `{COMMAND} <type> <what to do> [@assistant] [urgent] [by <when>]` delegates at once, "
        f"e.g. `{COMMAND} insurance verify coverage for the 3pm new patient by tue`. "
        "What you type stays private: only the task's people see it.\n"
        "• On any message: ⋯ → *Delegate this message*.\n"
        f"*Types*\n{types}"
    )


def unassigned_alert(practice: Practice, task: Task) -> str:
    task_type = practice.task_types.get(task.type_id)
    label = task_type.label if task_type else task.type_id
    return (
        f"⚠️ *{task.code}* ({label}) is waiting unassigned: no active assistant is cleared "
        f"for {label}. Add the scope to an assistant in the practice config, or reassign."
    )
