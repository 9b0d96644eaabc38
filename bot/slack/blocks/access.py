"""The access report modal: who looked at which task's private fields, codes and times only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.domain.practice import Practice
from bot.services.ports import AccessEntry
from bot.slack.blocks.text import CONTEXT_TEXT, SECTION_TEXT, local_time, mention
from bot.slack.ids import Callback

MAX_SECTIONS = 40  # of a modal's 100 blocks; the CLI has the full report
CLI_HINT = "For the full report: `bot audit access --person {person} --since {since}`"


def access_report_modal(
    practice: Practice, person: str, since: datetime, entries: Sequence[AccessEntry]
) -> dict[str, Any]:
    """A read-only modal listing each look and refusal by `person` since `since`."""
    day = since.astimezone(practice.tz).strftime("%Y-%m-%d")
    intro = f"*Private details opened by {mention(person)} since {day}*"
    lines = [_line(practice, entry) for entry in entries] or ["_No looks and no refusals._"]
    sections = _chunks(lines)
    shown = sum(len(chunk) for chunk in sections[:MAX_SECTIONS])
    blocks: list[Any] = [SectionBlock(text=MarkdownTextObject(text=intro))]
    blocks += [
        SectionBlock(text=MarkdownTextObject(text="\n".join(chunk)))
        for chunk in sections[:MAX_SECTIONS]
    ]
    more = f"…and {len(lines) - shown} more. " if shown < len(lines) else ""
    hint = more + CLI_HINT.format(person=person, since=day)
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=hint[:CONTEXT_TEXT])]))
    view = View(
        type="modal",
        callback_id=Callback.ACCESS_REPORT,
        title="Access report",
        close="Close",
        blocks=blocks,
    )
    return view.to_dict()


def _line(practice: Practice, entry: AccessEntry) -> str:
    """`T-0042` · Tue Dec 1, 5:00 PM EST · viewed · card"""
    code = f"`{entry.task_code}`" if entry.task_code else "unknown task"
    when = local_time(entry.at, practice.tz)
    return " · ".join((code, when, entry.outcome, entry.surface or "—"))


def _chunks(lines: list[str]) -> list[list[str]]:
    """The lines grouped so that each group fits one section's text."""
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if chunks[-1] and size + len(line) + 1 > SECTION_TEXT:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += len(line) + 1
    return chunks
