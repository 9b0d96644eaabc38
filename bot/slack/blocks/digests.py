"""Digest messages: one `{"text", "blocks"}` payload per digest, PHI-free, within Block Kit limits.

A digest shows codes, types, channel-visible titles, due times and people's names (never
mentions: a daily digest must not ping everyone it names). Times are in the `tz` given: the
recipient's, or the practice's for a digest posted to a channel.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.domain.digest import AssistantDigest, ClinicianDigest
from bot.domain.digest_manager import ManagerDigest
from bot.domain.practice import Practice
from bot.domain.task import Priority, Task
from bot.slack.blocks.card import card_title
from bot.slack.blocks.digest_tables import age_table, assistants_table, manager_text, span
from bot.slack.blocks.text import (
    CONTEXT_TEXT,
    HEADER_TEXT,
    SECTION_TEXT,
    clip,
    escape,
    local_time,
)

Digest = ManagerDigest | AssistantDigest | ClinicianDigest
LIST_SHOWN = 10  # tasks per list before "…and N more": a digest is read at a glance
TITLE_SHOWN = 80
DEAD_HINT = "An admin can send them again with `bot outbox retry --dead`."


def digest_message(practice: Practice, digest: Digest, tz: ZoneInfo) -> dict[str, Any]:
    """The message for one digest: notification `text` and `blocks` (add the channel to post)."""
    if isinstance(digest, ManagerDigest):
        text, blocks = manager_text(digest), _manager_blocks(practice, digest, tz)
    elif isinstance(digest, AssistantDigest):
        text, blocks = _assistant_text(digest), _assistant_blocks(practice, digest, tz)
    else:
        text, blocks = _clinician_text(digest), _clinician_blocks(practice, digest, tz)
    return {"text": text, "blocks": [block.to_dict() for block in blocks]}


def _manager_blocks(practice: Practice, digest: ManagerDigest, tz: ZoneInfo) -> list[Block]:
    flow = [
        ("New", digest.created),
        ("Claimed", digest.claimed),
        ("Done", digest.done),
        ("Cancelled", digest.cancelled),
        ("Open now", digest.open_total),
        ("Overdue now", len(digest.overdue)),
        ("Escalations", digest.escalations),
    ]
    overdue = [
        _line(practice, o.task, f"{_holder(practice, o.task)} · *{span(o.late)} late*")
        for o in digest.overdue
    ]
    blocks: list[Block] = [
        *_opening(f"Daily digest · {practice.name}", _period(digest.since, digest.until, tz)),
        SectionBlock(
            block_id="flow",
            fields=[MarkdownTextObject(text=f"*{label}*\n{n}") for label, n in flow],
        ),
    ]
    if digest.dead_messages:
        blocks.append(_context("dead", f"⚠️ *{_dead(digest.dead_messages)}.* {DEAD_HINT}"))
    return [
        *blocks,
        DividerBlock(),
        _section("open_by_age", age_table(practice, digest)),
        _section("overdue", _list("Overdue", overdue, "Nothing is overdue.")),
        _section("assistants", assistants_table(practice, digest)),
        _context("note", "Ages and times are business time, counted from when a task was made."),
    ]


def _assistant_blocks(practice: Practice, digest: AssistantDigest, tz: ZoneInfo) -> list[Block]:
    def lines(tasks: Sequence[Task]) -> list[str]:
        return [_line(practice, task, f"due {local_time(task.due_at, tz)}") for task in tasks]

    return [
        *_opening("Your start-of-shift digest", _since(digest.since, tz)),
        _section("claimed", _list("Your claimed tasks", lines(digest.claimed), "None.")),
        _section(
            "unclaimed",
            _list("Unclaimed in your task types", lines(digest.unclaimed), "None waiting."),
        ),
        _section("answered", _list("Answered by the clinician", lines(digest.answered), "None.")),
        _private_note(),
    ]


def _clinician_blocks(practice: Practice, digest: ClinicianDigest, tz: ZoneInfo) -> list[Block]:
    done = [_line(practice, t, f"done by {_holder(practice, t)}") for t in digest.done]
    waiting = [_line(practice, t, f"due {local_time(t.due_at, tz)}") for t in digest.waiting_on_me]
    still_open = [
        _line(practice, t, f"{_holder(practice, t)} · due {local_time(t.due_at, tz)}")
        for t in digest.still_open
    ]
    return [
        *_opening("Your end-of-day digest", _since(digest.since, tz)),
        _section("done", _list("Done", done, "Nothing was finished.")),
        _section("waiting_on_me", _list("Waiting on your answer", waiting, "Nothing.")),
        _section("still_open", _list("Still open", still_open, "Nothing else is open.")),
        _private_note(),
    ]


def _assistant_text(digest: AssistantDigest) -> str:
    return (
        f"Start of shift: {len(digest.claimed)} claimed, {len(digest.unclaimed)} unclaimed "
        f"in your task types, {len(digest.answered)} answered."
    )


def _clinician_text(digest: ClinicianDigest) -> str:
    return (
        f"End of day: {len(digest.done)} done, {len(digest.waiting_on_me)} waiting on your "
        f"answer, {len(digest.still_open)} still open."
    )


def _opening(title: str, period: str) -> list[Block]:
    return [
        HeaderBlock(block_id="header", text=clip(title, HEADER_TEXT)),
        _context("period", period),
    ]


def _period(since: datetime, until: datetime, tz: ZoneInfo) -> str:
    return f"{local_time(since, tz)} to {local_time(until, tz)}; open and overdue as of now."


def _since(since: datetime, tz: ZoneInfo) -> str:
    return f"Since {local_time(since, tz)}."


def _list(heading: str, lines: Sequence[str], empty: str) -> str:
    """A heading with the count, up to LIST_SHOWN lines, and how many more."""
    shown = [*lines[:LIST_SHOWN]]
    if len(lines) > LIST_SHOWN:
        shown.append(f"…and {len(lines) - LIST_SHOWN} more")
    return f"*{heading} ({len(lines)})*\n" + ("\n".join(shown) if lines else empty)


def _line(practice: Practice, task: Task, extra: str) -> str:
    """`• *T-0042* · Type · title · extra` (urgent ones flagged)."""
    task_type = practice.task_types.get(task.type_id)
    label = task_type.label if task_type else task.type_id
    urgent = " · 🔴 Urgent" if task.priority is Priority.URGENT else ""
    title = clip(card_title(practice, task), TITLE_SHOWN)
    return f"• *{task.code}* · {escape(label)}{urgent} · {escape(title)} · {extra}"


def _holder(practice: Practice, task: Task) -> str:
    person = practice.person(task.assignee_id) if task.assignee_id else None
    return escape(person.name) if person else "Unassigned"


def _dead(n: int) -> str:
    return f"{n} message{'s' if n != 1 else ''} could not be delivered"


def _private_note() -> ContextBlock:
    return _context("private", "Details stay private: open a task's card and use *View details*.")


def _section(block_id: str, text: str) -> SectionBlock:
    return SectionBlock(block_id=block_id, text=MarkdownTextObject(text=clip(text, SECTION_TEXT)))


def _context(block_id: str, text: str) -> ContextBlock:
    return ContextBlock(
        block_id=block_id, elements=[MarkdownTextObject(text=clip(text, CONTEXT_TEXT))]
    )
