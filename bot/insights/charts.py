"""The weekly digest's charts as PNG bytes, with alt text that states their key numbers.

PHI-free by construction: the charts are drawn from `WeeklyFigures` alone, which holds task
types, counts, durations and assistants' ids (shown by name), never a task's text.
Matplotlib draws with the Agg backend (no display), one Figure per chart (no pyplot state),
800x450 px with large type so they read at Slack's preview size; colours are Okabe-Ito.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import matplotlib

matplotlib.use("Agg")
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from bot.domain.practice import Practice
from bot.domain.weekly import Rate, WeeklyFigures

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
INK = "#000000"
SIZE_INCHES, DPI = (8, 4.5), 100
ALT_TEXT_MAX = 1000  # Slack's limit for a file's alt text
AGE_LABELS = ("under 1 day", "1-3 days", "over 3 days")


@dataclass(frozen=True)
class Chart:
    name: str  # file name, e.g. on_time.png
    title: str
    alt_text: str
    png: bytes


def weekly_charts(practice: Practice, figures: WeeklyFigures) -> list[Chart]:
    """The three charts of a weekly digest, in the order they are shown."""
    return [
        _draw("on_time.png", "On time by week", _on_time_alt(practice, figures),
              lambda ax: _on_time(ax, practice, figures)),
        _draw("open_by_age.png", "Open work by age", _open_alt(practice, figures),
              lambda ax: _open_by_age(ax, practice, figures)),
        _draw("assistants.png", "Time to claim and to done", _assistants_alt(practice, figures),
              lambda ax: _assistants(ax, practice, figures)),
    ]  # fmt: skip


def label(practice: Practice, type_id: str) -> str:
    task_type = practice.task_types.get(type_id)
    return task_type.label if task_type else type_id


def name(practice: Practice, slack_id: str) -> str:
    person = practice.person(slack_id)
    return person.name if person else slack_id


def hours(span: timedelta | None) -> float | None:
    return None if span is None else span.total_seconds() / 3600


def _draw(name: str, title: str, alt_text: str, plot: Callable[[Axes], None]) -> Chart:
    figure = Figure(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title, fontsize=16, loc="left")
    axes.tick_params(labelsize=12)
    plot(axes)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return Chart(name, title, alt_text[:ALT_TEXT_MAX], buffer.getvalue())


def _on_time(axes: Axes, practice: Practice, figures: WeeklyFigures) -> None:
    x = range(len(figures.weeks))
    for i, type_id in enumerate(figures.type_ids):
        y = [_or_nan(week.by_type.get(type_id)) for week in figures.weeks]
        color = OKABE_ITO[i % len(OKABE_ITO)]
        axes.plot(x, y, marker="o", color=color, label=label(practice, type_id))
    overall = [_or_nan(week.rate) for week in figures.weeks]
    axes.plot(x, overall, marker="s", color=INK, linewidth=3, label="All types")
    starts = [week.window.start.astimezone(practice.tz) for week in figures.weeks]
    axes.set_xticks(list(x), [f"{start:%b} {start.day}" for start in starts])
    axes.set_xlim(-0.5, len(figures.weeks) - 0.5)
    axes.set_ylim(0, 105)
    axes.set_xlabel("Week starting", fontsize=13)
    axes.set_ylabel("Done on time (%)", fontsize=13)
    axes.legend(fontsize=10, loc="upper left", bbox_to_anchor=(1.01, 1))


def _or_nan(rate: Rate | None) -> float:
    """A gap in the line for a week without done work."""
    return float("nan") if rate is None or rate.percent is None else rate.percent


def _open_by_age(axes: Axes, practice: Practice, figures: WeeklyFigures) -> None:
    rows = list(reversed(figures.open_by_age))  # first type on top
    if not rows:
        axes.text(0.5, 0.5, "No open tasks", ha="center", va="center", fontsize=16)
        axes.set_xlabel("Open tasks (age in business days)", fontsize=13)
        return
    names = [label(practice, row.type_id) for row in rows]
    left = [0] * len(rows)
    for i, age_label in enumerate(AGE_LABELS):  # the order of digest_manager.AGES
        counts = [row.counts[i] for row in rows]
        axes.barh(names, counts, left=left, color=OKABE_ITO[i], label=age_label)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_xlabel("Open tasks (age in business days)", fontsize=13)
    axes.set_ylabel("Task type", fontsize=13)
    axes.legend(fontsize=11, loc="lower right")


def _assistants(axes: Axes, practice: Practice, figures: WeeklyFigures) -> None:
    rows = list(reversed(figures.assistants))
    names = [name(practice, row.assistant_id) for row in rows]
    positions = range(len(rows))
    height = 0.4
    claim = [hours(row.to_claim) or 0.0 for row in rows]
    done = [hours(row.to_done) or 0.0 for row in rows]
    axes.barh(
        [p + height / 2 for p in positions], claim, height, color=OKABE_ITO[0], label="to claim"
    )
    axes.barh(
        [p - height / 2 for p in positions], done, height, color=OKABE_ITO[1], label="to done"
    )
    axes.set_yticks(list(positions), names)
    axes.set_xlabel("Median business hours since the task was created", fontsize=13)
    axes.set_ylabel("Assistant", fontsize=13)
    axes.legend(fontsize=11, loc="lower right")


def _percent(value: int | None) -> str:
    return "no work done" if value is None else f"{value}%"


def _on_time_alt(practice: Practice, figures: WeeklyFigures) -> str:
    this, last = figures.this_week, figures.last_week
    text = f"Done on time, last {len(figures.weeks)} weeks: {_percent(this.rate.percent)} this week"
    if last is not None:
        text += f", {_percent(last.rate.percent)} the week before"
    per_type = [
        f"{label(practice, t)} {_percent(r.percent)} ({r.on_time} of {r.done})"
        for t, r in this.by_type.items()
    ]
    return text + (". This week by type: " + "; ".join(per_type) if per_type else "") + "."


def _open_alt(practice: Practice, figures: WeeklyFigures) -> str:
    total = sum(row.total for row in figures.open_by_age)
    parts = [
        f"{label(practice, row.type_id)} {row.total} ({row.counts[-1]} over 3 business days)"
        for row in figures.open_by_age
    ]
    return f"Open tasks by type and age: {total} open, {figures.overdue} overdue" + (
        ". " + "; ".join(parts) + "." if parts else "."
    )


def _assistants_alt(practice: Practice, figures: WeeklyFigures) -> str:
    def span(value: timedelta | None) -> str:
        h = hours(value)
        return "none" if h is None else f"{h:.1f} h"

    parts = [
        f"{name(practice, row.assistant_id)}: {span(row.to_claim)} to claim, "
        f"{span(row.to_done)} to done, {row.done} done"
        for row in figures.assistants
    ]
    return "Median business hours this week. " + ("; ".join(parts) or "No assistants.") + "."
