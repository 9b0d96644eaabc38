"""The manager digest's aligned tables (monospace blocks), its fallback text, and spans in words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from bot.domain.digest_manager import AGES, Age, AssistantFigures, ManagerDigest
from bot.domain.practice import Practice
from bot.slack.blocks.text import escape

TABLE_ROWS = 25  # rows per table before "…and N more": tables stay far below 3000 characters
NAME_WIDTH = 22
AGE_HEADS = {Age.UNDER_1: "<1d", Age.FROM_1_TO_3: "1-3d", Age.OVER_3: ">3d"}
NONE = "-"
HOURS_A_DAY = 24


def manager_text(digest: ManagerDigest) -> str:
    """The notification text: the flow and what is open, in one line."""
    return (
        f"Daily digest: {digest.created} new, {digest.claimed} claimed, {digest.done} done, "
        f"{digest.cancelled} cancelled; {digest.open_total} open, {len(digest.overdue)} overdue."
    )


def age_table(practice: Practice, digest: ManagerDigest) -> str:
    """Open tasks per type and age, with an all-types row first."""
    if not digest.open_by_age:
        return "*Open work by age*\nNo open tasks."
    totals = [sum(row.counts[i] for row in digest.open_by_age) for i in range(len(AGES))]
    rows = [["All types", *map(str, totals), str(digest.open_total)]]
    rows += [
        [_label(practice, row.type_id), *map(str, row.counts), str(row.total)]
        for row in digest.open_by_age
    ]
    head = ["Type", *(AGE_HEADS[age] for age in AGES), "Open"]
    return "*Open work by age*\n" + _table(head, rows)


def assistants_table(practice: Practice, digest: ManagerDigest) -> str:
    """Per assistant: done, on-time rate, and median times to claim and to done."""
    if not digest.assistants:
        return "*By assistant*\nNo assistants."
    head = ["Assistant", "Done", "On time", "Claim in", "Done in"]
    return "*By assistant*\n" + _table(
        head, [_assistant_row(practice, a) for a in digest.assistants]
    )


def span(elapsed: timedelta | None, *, days: bool = True) -> str:
    """`45m`, `3h 20m`, `2d 3h` (or `50h` without days); `-` when there is nothing to show."""
    if elapsed is None:
        return NONE
    hours, minutes = divmod(round(elapsed.total_seconds() / 60), 60)
    if hours == 0:
        return f"{minutes}m"
    if days and hours >= HOURS_A_DAY:
        whole_days, hours = divmod(hours, HOURS_A_DAY)
        return f"{whole_days}d {hours}h" if hours else f"{whole_days}d"
    return f"{hours}h {minutes}m" if minutes else f"{hours}h"


def _assistant_row(practice: Practice, figures: AssistantFigures) -> list[str]:
    person = practice.person(figures.assistant_id)
    percent = figures.on_time_percent
    return [
        person.name if person else figures.assistant_id,
        str(figures.done),
        NONE if percent is None else f"{percent}%",
        span(figures.to_claim, days=False),  # business hours: a "day" would be ambiguous
        span(figures.to_done, days=False),
    ]


def _table(head: list[str], rows: Sequence[list[str]]) -> str:
    """A monospace table: the first column left-aligned and clipped, the rest right-aligned."""
    shown = [head, *rows[:TABLE_ROWS]]
    widths = [max(len(cells[i]) for cells in shown) for i in range(1, len(head))]
    lines = [_row(cells, widths) for cells in shown]
    if len(rows) > TABLE_ROWS:
        lines.append(f"…and {len(rows) - TABLE_ROWS} more")
    return "```\n" + "\n".join(escape(line) for line in lines) + "\n```"


def _row(cells: list[str], widths: list[int]) -> str:
    first, *rest = cells
    name = first if len(first) <= NAME_WIDTH else first[: NAME_WIDTH - 1] + "…"
    return name.ljust(NAME_WIDTH) + "".join(
        cell.rjust(width + 2) for cell, width in zip(rest, widths, strict=True)
    )


def _label(practice: Practice, type_id: str) -> str:
    task_type = practice.task_types.get(type_id)
    return task_type.label if task_type else type_id
