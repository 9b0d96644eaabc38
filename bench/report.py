"""The comparison as a Markdown table, with ratios to the bare inline Bolt app."""

from __future__ import annotations

from typing import Any

from bench.compare import Comparison, Row

HEADER = (
    "| layout | app / request | c | req/s | p50 ms | p99 ms | max ms | p50 x bare | p99 x bare "
    "| req/s vs bare | failed |\n|---|---|---|---|---|---|---|---|---|---|---|"
)


def table(comparison: Comparison) -> str:
    """One line per row and concurrency; ratios to the same layout's bare inline app."""
    return "\n".join([HEADER, *(line for row in comparison.rows for line in _lines(row))])


def _lines(row: Row) -> list[str]:
    lines = []
    for level, cell in row.cells.items():
        base = row.baseline.cells.get(level) if row.baseline else None
        ratios = (
            [f"{cell.p50 / base.p50:.1f}x", f"{cell.p99 / base.p99:.1f}x",
             f"{cell.rate / base.rate:.0%}"]
            if base and row.baseline is not row else ["", "", ""]
        )  # fmt: skip
        lines.append(
            f"| {row.layout} | {row.label} | {level} | {cell.rate:,.0f} | {cell.p50:,.1f} "
            f"| {cell.p99:,.1f} | {cell.worst:,.0f} | {' | '.join(ratios)} | {cell.failures} |"
        )
    return lines


def rss(comparison: Comparison) -> str:
    lines = ["| process | peak RSS MiB |", "|---|---|"]
    lines += [f"| {name} | {mb:.0f} |" for name, mb in comparison.rss_mb.items()]
    return "\n".join(lines)


def sanity(comparison: Comparison) -> str:
    return "\n".join(
        f"- {run}: tasks by status {counts}" for run, counts in comparison.sanity.items()
    )


def scale(results: list[dict[str, Any]]) -> str:
    """Sweep and digest times by history size, growth from the smallest, and the plans."""
    lines = [
        "| database | tasks | seed s | sweep ms | sent | digest ms | sweep growth | digest growth "
        "| peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    first: dict[str, dict[str, Any]] = {}
    for r in results:
        base = first.setdefault(r["database"], r)
        lines.append(
            f"| {r['database']} | {r['tasks']:,} | {r['seed_s']} | {r['sweep_ms']} "
            f"| {r['sweep_sent']} | {r['digest_ms']} | {r['sweep_ms'] / base['sweep_ms']:.2f}x "
            f"| {r['digest_ms'] / base['digest_ms']:.2f}x | {r['peak_rss_mb']} |"
        )
    for r in (r for r in results if r["tasks"] == max(x["tasks"] for x in results)):
        lines += ["", f"Query plans, {r['database']}, {r['tasks']:,} tasks:", "", "```"]
        for sql, plan in r["plans"].items():
            lines += [f"-- {' '.join(sql.split())[:160]}", plan, ""]
        lines.append("```")
    return "\n".join(lines)
