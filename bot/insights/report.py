"""The owner's report and the weekly digest's files: tables as CSV or Markdown, charts as PNG.

The same figures as the weekly digest (bot.domain.weekly), laid out per week, per type and
week, per assistant (over the whole range) and open work by type and age. PHI-free like the
charts: types, counts, percentages, durations and assistants' names.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bot.domain.practice import Practice
from bot.domain.weekly import Rate, WeeklyFigures
from bot.insights.charts import AGE_LABELS, hours, label, name, weekly_charts
from bot.services.weekly import OwnerReport
from bot.slack.blocks.trends import headline

Table = tuple[list[str], list[list[str]]]  # headers, rows


def tables(practice: Practice, report: OwnerReport) -> dict[str, Table]:
    """Each table of the report by name, in the order they are shown."""
    figures, tz = report.figures, practice.tz
    weeks = [
        [f"{w.window.start.astimezone(tz):%Y-%m-%d}", f"{w.window.end.astimezone(tz):%Y-%m-%d}",
         str(w.created), *_rate(w.rate), _hours(w.to_claim), str(w.escalations)]
        for w in figures.weeks
    ]  # fmt: skip
    types = [
        [f"{w.window.start.astimezone(tz):%Y-%m-%d}", label(practice, type_id), *_rate(rate)]
        for w in figures.weeks
        for type_id, rate in w.by_type.items()
    ]
    assistants = [
        [name(practice, a.assistant_id), *_rate(Rate(a.done, a.on_time)),
         _hours(a.to_claim), _hours(a.to_done)]
        for a in report.assistants
    ]  # fmt: skip
    open_now = [
        [label(practice, row.type_id), *map(str, row.counts), str(row.total)]
        for row in figures.open_by_age
    ]
    rate = ["done", "on_time", "on_time_percent"]
    return {
        "weeks": (["week_start", "week_end", "created", *rate, "median_hours_to_claim",
                   "escalations"], weeks),
        "types": (["week_start", "task_type", *rate], types),
        "assistants": (["assistant", *rate, "median_hours_to_claim", "median_hours_to_done"],
                       assistants),
        "open_now": (["task_type", *AGE_LABELS, "total"], open_now),
    }  # fmt: skip


def write_csv(practice: Practice, report: OwnerReport, folder: Path) -> list[Path]:
    """One CSV file per table in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table_name, (headers, rows) in tables(practice, report).items():
        path = folder / f"{table_name}.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(headers)
            writer.writerows(rows)
        written.append(path)
    return written


def markdown(practice: Practice, report: OwnerReport) -> str:
    """The report as one Markdown document."""
    start, end = report.figures.weeks[0].window.start, report.figures.weeks[-1].window.end
    tz = practice.tz
    lines = [
        f"# {practice.name}: {start.astimezone(tz):%Y-%m-%d} to {end.astimezone(tz):%Y-%m-%d}",
        "",
        f"Last week: {headline(report.figures)}.",
    ]
    for table_name, (headers, rows) in tables(practice, report).items():
        lines += ["", f"## {table_name.replace('_', ' ').capitalize()}", ""]
        lines += [_md_row(headers), _md_row(["---"] * len(headers))]
        lines += [_md_row(row) for row in rows] or [_md_row(["(none)", *[""] * (len(headers) - 1)])]
    return "\n".join(lines) + "\n"


def write_charts(practice: Practice, figures: WeeklyFigures, folder: Path) -> list[Path]:
    """The weekly charts as PNG files, and summary.txt with the headline and alt texts."""
    folder.mkdir(parents=True, exist_ok=True)
    charts = weekly_charts(practice, figures)
    for chart in charts:
        (folder / chart.name).write_bytes(chart.png)
    alt = [f"{chart.name}: {chart.alt_text}" for chart in charts]
    summary = "\n".join([f"Weekly summary: {headline(figures)}", "", *alt]) + "\n"
    (folder / "summary.txt").write_text(summary, encoding="utf-8")
    return [folder / chart.name for chart in charts] + [folder / "summary.txt"]


def report_charts(practice: Practice, report: OwnerReport, folder: Path) -> list[Path]:
    """The charts over the report's weeks, assistants over the whole range."""
    return write_charts(practice, replace(report.figures, assistants=report.assistants), folder)


def _rate(rate: Rate) -> list[str]:
    percent = "" if rate.percent is None else str(rate.percent)
    return [str(rate.done), str(rate.on_time), percent]


def _hours(span: timedelta | None) -> str:
    value = hours(span)
    return "" if value is None else f"{value:.1f}"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
