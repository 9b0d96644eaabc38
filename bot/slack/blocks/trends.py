"""This week against last week, for the weekly digest and the manager's Home: PHI-free text.

Only counts, rates and durations: ▲ means the figure went up, ▼ down, = unchanged (whether
that is good depends on the figure: more done is good, more overdue is not).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    ImageBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.domain.weekly import WeeklyFigures
from bot.services.ports import ChartFile
from bot.slack.blocks.text import HEADER_TEXT, clip

UP, DOWN, SAME = "▲", "▼", "="
CHARTS_SHOWN = 3
IMAGE_ALT_TEXT, IMAGE_TITLE = 2000, 2000  # Block Kit image block limits
NOTE = "On time = done by its due. Time to claim: business hours from creation, the median."


def headline(figures: WeeklyFigures) -> str:
    """E.g. "on time 87% (▲4 pts), 6 overdue, oldest 3 business days"."""
    this, last = figures.this_week.rate.percent, figures.last_week
    rate = "no work done" if this is None else f"on time {this}%"
    before = last.rate.percent if last else None
    if this is not None and before is not None:
        rate += f" ({_arrow(this - before)}{abs(this - before)} pts)"
    return f"{rate}, {figures.overdue} overdue, {_oldest(figures.oldest_days)}"


def trend_rows(figures: WeeklyFigures) -> list[tuple[str, str]]:
    """(label, value with its change since the week before), one per figure."""
    this, last = figures.this_week, figures.last_week
    return [
        ("Created", _count(this.created, last.created if last else None)),
        ("Done", _count(this.rate.done, last.rate.done if last else None)),
        ("On time", _percent(this.rate.percent, last.rate.percent if last else None)),
        ("Median time to claim", _hours(this.to_claim, last.to_claim if last else None)),
        ("Overdue now", str(figures.overdue)),
        ("Escalations fired", _count(this.escalations, last.escalations if last else None)),
    ]


def trend_fields(figures: WeeklyFigures) -> list[MarkdownTextObject]:
    """The trend rows as section fields (at most 10, each short)."""
    return [MarkdownTextObject(text=f"*{name}*\n{value}") for name, value in trend_rows(figures)]


def weekly_message(figures: WeeklyFigures, tz: ZoneInfo) -> dict[str, Any]:
    """The weekly digest's summary: `text` and `blocks`; the charts follow as files."""
    window = figures.this_week.window
    start, end = window.start.astimezone(tz), (window.end - timedelta(seconds=1)).astimezone(tz)
    title = clip(f"Your week: {start:%b} {start.day} to {end:%b} {end.day}", HEADER_TEXT)
    text = f"Weekly summary: {headline(figures)}"
    blocks: list[Block] = [
        HeaderBlock(block_id="weekly_header", text=title),
        SectionBlock(block_id="weekly_headline", text=MarkdownTextObject(text=f"*{text}*")),
        SectionBlock(block_id="weekly_trend", fields=trend_fields(figures)),
        ContextBlock(
            block_id="weekly_note",
            elements=[MarkdownTextObject(text=f"Compared with the week before. {NOTE}")],
        ),
    ]
    return {"text": text, "blocks": [block.to_dict() for block in blocks]}


def home_trend_blocks(trend: WeeklyFigures | None, charts: Sequence[ChartFile]) -> list[Block]:
    """The manager's Home: this week against last, then the latest weekly charts by file id."""
    if trend is None:
        return []
    blocks: list[Block] = [
        HeaderBlock(block_id="trend_heading", text="Last 7 days against the 7 before"),
        SectionBlock(block_id="trend", fields=trend_fields(trend)),
        ContextBlock(
            block_id="trend_note", elements=[MarkdownTextObject(text=f"{headline(trend)}. {NOTE}")]
        ),
    ]
    for i, chart in enumerate(charts[:CHARTS_SHOWN]):
        blocks.append(
            ImageBlock(
                block_id=f"chart_{i}",
                slack_file={"id": chart.file_id},
                alt_text=clip(chart.alt_text, IMAGE_ALT_TEXT),
                title=clip(chart.title, IMAGE_TITLE),
            )
        )
    return blocks


def _arrow(change: float) -> str:
    return UP if change > 0 else DOWN if change < 0 else SAME


def _count(now: int, before: int | None) -> str:
    return str(now) if before is None else f"{now} ({_arrow(now - before)}{abs(now - before)})"


def _percent(now: int | None, before: int | None) -> str:
    if now is None:
        return "no work done"
    if before is None:
        return f"{now}%"
    return f"{now}% ({_arrow(now - before)}{abs(now - before)} pts)"


def _hours(now: timedelta | None, before: timedelta | None) -> str:
    if now is None:
        return "no claims"
    text = f"{now.total_seconds() / 3600:.1f} h"
    if before is None:
        return text
    change = (now - before).total_seconds() / 3600
    return f"{text} ({_arrow(round(change, 1))}{abs(change):.1f} h)"


def _oldest(days: float | None) -> str:
    if days is None:
        return "nothing open"
    if days < 1:
        return "oldest under 1 business day"
    whole = int(days)
    return f"oldest {whole} business day{'s' if whole != 1 else ''}"
