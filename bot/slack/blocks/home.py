"""App Home views per role: PHI-free task lists that fit Block Kit's 100-block limit."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.domain.practice import Practice
from bot.domain.task import Priority, Status, Task
from bot.services.home import AssistantHome, ClinicianHome, Home, ManagerHome, TaskPage
from bot.slack.blocks.absences import away_blocks
from bot.slack.blocks.card import STATUS_LABELS, card_title
from bot.slack.blocks.team import own_assistants_block, team_blocks, type_label
from bot.slack.blocks.text import HEADER_TEXT, SECTION_TEXT, clip, escape, local_time, mention
from bot.slack.blocks.trends import home_trend_blocks
from bot.slack.ids import Button

VIEW_BLOCKS = 100
TEAM_BLOCKS = 50  # at most, so the overdue list keeps room
BLOCKS_PER_LIST = 3  # divider, heading, and an "empty" or "…and N more" line
COUNTED = (Status.UNASSIGNED, Status.ASSIGNED, Status.CLAIMED, Status.RETURNED)
PRIVATE_NOTE = "Details stay private: use *View details*."
INTROS = {
    AssistantHome: "Your claimed tasks, then the unclaimed ones in your task types, by due.",
    ClinicianHome: "Tasks returned to you for an answer, then your other open tasks, by due.",
    ManagerHome: "Open tasks by status and type, the team, then every overdue task.",
}


@dataclass(frozen=True)
class TaskList:
    """One titled list of the Home; claimable lists carry Claim buttons (two blocks a task)."""

    key: str
    heading: str
    page: TaskPage
    empty: str
    claimable: bool = False

    @property
    def blocks_per_task(self) -> int:
        return 2 if self.claimable else 1


def home_view(practice: Practice, home: Home) -> dict[str, Any]:
    """The Home tab of one person: their role's lists, or a note that they are not set up."""
    title = clip(f"Handoff · {practice.name}", HEADER_TEXT)
    top = [HeaderBlock(block_id="home_header", text=title), *_opening(practice, home)]
    if isinstance(home, AssistantHome | ManagerHome):
        top += away_blocks(practice, home.away)
    blocks = top + _render_lists(practice, _lists(home), VIEW_BLOCKS - len(top))
    return {"type": "home", "blocks": [block.to_dict() for block in blocks]}


def _opening(practice: Practice, home: Home) -> list[Block]:
    if home is None:
        return [
            _section(
                "not_set_up",
                f"You're not set up in Handoff for {escape(practice.name)}. "
                "Ask your practice manager to add you to the team (Add person… in Handoff's Home).",
            )
        ]
    intro = ContextBlock(
        block_id="home_intro",
        elements=[MarkdownTextObject(text=f"{INTROS[type(home)]} {PRIVATE_NOTE}")],
    )
    if isinstance(home, ManagerHome):
        counts = _section("open_counts", _counts_text(practice, home.counts))
        return [
            intro,
            counts,
            *home_trend_blocks(home.trend, home.charts),
            *team_blocks(practice, TEAM_BLOCKS),
        ]
    if isinstance(home, ClinicianHome) and home.slack_id:
        return [intro, own_assistants_block(home.slack_id)]
    return [intro]


def _lists(home: Home) -> list[TaskList]:
    if isinstance(home, AssistantHome):
        return [
            TaskList("in_hand", "Your claimed tasks", home.in_hand, "Nothing claimed right now."),
            TaskList(
                "unclaimed",
                "Unclaimed in your task types",
                home.unclaimed,
                "Nothing is waiting to be claimed.",
                claimable=True,
            ),
        ]
    if isinstance(home, ClinicianHome):
        return [
            TaskList("returned", "Returned to you", home.returned, "Nothing needs your answer."),
            TaskList("delegated", "You delegated", home.delegated, "No other open tasks."),
        ]
    if isinstance(home, ManagerHome):
        return [TaskList("overdue", "Overdue", home.overdue, "Nothing is overdue.")]
    return []


def _render_lists(practice: Practice, lists: list[TaskList], budget: int) -> list[Block]:
    """Every list, each showing as many of its tasks as its fair share of `budget` holds."""
    needs = [len(task_list.page.tasks) * task_list.blocks_per_task for task_list in lists]
    shares = _fair_shares(needs, budget - BLOCKS_PER_LIST * len(lists))
    blocks: list[Block] = []
    for task_list, share in zip(lists, shares, strict=True):
        blocks += _render_list(practice, task_list, share // task_list.blocks_per_task)
    return blocks


def _fair_shares(needs: Sequence[int], budget: int) -> list[int]:
    """Split `budget`: needs below an equal share are met, the rest share what is left."""
    shares = [0] * len(needs)
    left = budget
    by_need = sorted(range(len(needs)), key=lambda i: needs[i])
    for position, i in enumerate(by_need):
        shares[i] = min(needs[i], left // (len(needs) - position))
        left -= shares[i]
    return shares


def _render_list(practice: Practice, task_list: TaskList, shown: int) -> list[Block]:
    key, page = task_list.key, task_list.page
    blocks: list[Block] = [
        DividerBlock(block_id=f"{key}_divider"),
        HeaderBlock(block_id=f"{key}_heading", text=f"{task_list.heading} ({page.total})"),
    ]
    for task in page.tasks[:shown]:
        blocks += _task_blocks(practice, task_list, task)
    if page.total == 0:
        blocks.append(_context(f"{key}_empty", task_list.empty))
    elif page.total > shown:
        blocks.append(_context(f"{key}_more", f"…and {page.total - shown} more"))
    return blocks


def _task_blocks(practice: Practice, task_list: TaskList, task: Task) -> list[Block]:
    block_id = f"{task_list.key}:{task.id}"
    text = MarkdownTextObject(text=_task_text(practice, task))
    details = _button("View details", Button.VIEW_DETAILS, task)
    if not task_list.claimable:
        return [SectionBlock(block_id=block_id, text=text, accessory=details)]
    claim = _button("Claim", Button.CLAIM, task, style="primary")
    actions = ActionsBlock(block_id=f"{task_list.key}_actions:{task.id}", elements=[claim, details])
    return [SectionBlock(block_id=block_id, text=text), actions]


def _task_text(practice: Practice, task: Task) -> str:
    """Code, type, urgency, title, due, status and people: never a private field."""
    urgent = " · 🔴 *Urgent*" if task.priority is Priority.URGENT else ""
    people = f"from {mention(task.requester_id)}"
    if task.assignee_id:
        people += f" to {mention(task.assignee_id)}"
    lines = (
        f"*{task.code}* · {escape(type_label(practice, task.type_id))}{urgent}",
        escape(card_title(practice, task)),
        f"Due {local_time(task.due_at, practice.tz)} · {STATUS_LABELS[task.status]} · {people}",
    )
    return clip("\n".join(lines), SECTION_TEXT)


def _counts_text(practice: Practice, counts: Mapping[tuple[Status, str], int]) -> str:
    """One line for all open tasks, then one per type, each split by status."""
    if not counts:
        return "*Open tasks by status and type*\nNo open tasks."
    totals: Counter[Status] = Counter()
    per_type: defaultdict[str, Counter[Status]] = defaultdict(Counter)
    for (status, type_id), n in counts.items():
        totals[status] += n
        per_type[type_id][status] += n
    labels = sorted(((type_label(practice, t), n) for t, n in per_type.items()), key=lambda p: p[0])
    lines = [_count_line(label, by_status) for label, by_status in [("All types", totals), *labels]]
    return clip("*Open tasks by status and type*\n" + "\n".join(lines), SECTION_TEXT)


def _count_line(label: str, by_status: Counter[Status]) -> str:
    parts = [f"{by_status[status]} {status.value}" for status in COUNTED if by_status[status]]
    return f"*{escape(label)}*: {by_status.total()} open — {' · '.join(parts)}"


def _button(text: str, action: Button, task: Task, style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=text, action_id=f"{action}:{task.id}", value=str(task.id), style=style
    )


def _section(block_id: str, text: str) -> SectionBlock:
    return SectionBlock(block_id=block_id, text=MarkdownTextObject(text=text))


def _context(block_id: str, text: str) -> ContextBlock:
    return ContextBlock(block_id=block_id, elements=[MarkdownTextObject(text=text)])
