"""The comparison as a Markdown table, with ratios to the bare inline Bolt app."""

from __future__ import annotations

from collections.abc import Callable
from math import inf
from typing import Any

from bench.compare import Comparison, Row
from bench.traffic import Result

Measure = Callable[[Result, Result], float]  # a cell against the bare app's cell

FLOOR_CELLS: tuple[tuple[int, Callable[[Result], float], str], ...] = (
    (1, lambda cell: cell.p50, ",.1f"), (8, lambda cell: cell.p99, ",.1f"),
    (32, lambda cell: cell.rate, ",.0f"),
)  # fmt: skip

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


def cards(comparison: Comparison) -> str:
    """End to end at c=1 with pacing on: send → card recorded at the stand-in."""
    lines = [
        "| layout | request → card at the stand-in, c=1, pacing on | samples | p50 ms | p95 ms "
        "| max ms | of which ack, p50 ms | failed |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in comparison.cards:
        cell = row.cells[1]
        shown = " |  | "  # no card seen
        if cell.latencies_ms:
            shown = f"{cell.p50:,.1f} | {cell.p95:,.1f} | {cell.worst:,.0f}"
        shown += f" | {row.acks.p50:,.1f}" if row.acks else " | "
        lines.append(f"| {row.layout} | {row.label} | {cell.count} | {shown} | {cell.failures} |")
    return "\n".join(lines)


def targets(comparison: Comparison) -> str:
    """The issue's targets beside what this run measured (ranges over rows and layouts), and
    the floor app's figure for the same target: where even the floor misses, the job itself
    costs more on this machine than the target allows."""
    lines = ["| target | measured | verdict | the floor app |", "|---|---|---|---|"]
    databases = dict.fromkeys(r.database for r in comparison.rows if r.database)
    for db in databases:
        writes = [r for r in comparison.rows if r.kind == "write" and r.database == db]
        floors = [r for r in comparison.rows if r.kind == "floor" and r.database == db]
        limit = 2.0 if db == "sqlite" else 3.0
        for target, level, measure, most in (
            (f"write ack p50 at c=1 ≤ {limit:.0f}x, {db}", 1, p50, limit),
            (f"write ack p99 at c=8 ≤ 3x, {db}", 8, p99, 3.0),
        ):
            found, floor_found = _ratios(writes, level, measure), _ratios(floors, level, measure)
            lines.append(f"{_line(target, found, most)} {_floor_cell(floor_found, most)} |")
        lines.append(_throughput(db, writes, floors))
    light = [r for r in comparison.rows if r.kind == "light"]
    levels = sorted({level for row in light for level in row.cells})
    found = [x for level in levels for x in _ratios(light, level, p50)]
    modals = [r for r in comparison.rows if r.kind == "floor modal"]
    floor_found = [x for level in levels for x in _ratios(modals, level, p50)]
    target = "`/delegate help`, modal open p50 ≤ 1.5x, every level"
    modal = f"{_floor_cell(floor_found, 1.5)} for the modal" if floor_found else ""
    lines.append(f"{_line(target, found, 1.5)} {modal} |")
    lines.append(_card_line(comparison.cards) + " |")
    return "\n".join(lines)


def p50(cell: Result, base: Result) -> float:
    return cell.p50 / base.p50


def p99(cell: Result, base: Result) -> float:
    return cell.p99 / base.p99


def _ratios(rows: list[Row], level: int, measure: Measure) -> list[tuple[float, str]]:
    """`measure` of each row at `level` against its baseline, with where it was measured."""
    return [
        (measure(r.cells[level], base.cells[level]), f"{r.label.split(',')[0]}, {_where(r, level)}")
        for r in rows
        if (base := r.baseline) and level in r.cells and level in base.cells
    ]


def _where(row: Row, level: int) -> str:
    return f"{row.layout} c={level}"


def _line(target: str, found: list[tuple[float, str]], limit: float) -> str:
    """`found` as a range, its worst case named; met when the worst is within `limit`."""
    if not found:
        return f"| {target} | not measured | |"
    worst, where = max(found)
    least = min(x for x, _ in found)
    verdict = "met" if worst <= limit else "missed"
    return f"| {target} | {_span(least, worst, '.1f')}x (worst: {where}) | {verdict} |"


def _floor_cell(found: list[tuple[float, str]], limit: float) -> str:
    """The floor app's range for a ratio target, and whether even it is within `limit`."""
    if not found:
        return " "
    least, worst = min(x for x, _ in found), max(x for x, _ in found)
    return f"{_span(least, worst, '.1f')}x ({'within' if worst <= limit else 'beyond'})"


def _throughput(db: str, writes: list[Row], floors: list[Row]) -> str:
    target = f"write req/s at c=32 ≥ 40% of bare, none above 1 s, {db}"
    handoff, floor = _shares(writes), _shares(floors)
    if handoff is None:
        return f"| {target} | not measured | | |"
    reach = "" if floor is None else f"{floor[1]} ({'within' if floor[0] else 'beyond'})"
    return f"| {target} | {handoff[1]} | {'met' if handoff[0] else 'missed'} | {reach} |"


def _shares(rows: list[Row]) -> tuple[bool, str] | None:
    """Whether `rows` at c=32 reach 40% of bare with no ack above 1 s, and the figures."""
    shares = [x for x, _ in _ratios(rows, 32, lambda cell, base: cell.rate / base.rate)]
    if not shares:
        return None
    slowest = max(r.cells[32].worst for r in rows if 32 in r.cells)
    text = f"{_span(min(shares), max(shares), '.0%')}; max {slowest:,.0f} ms"
    return min(shares) >= 0.4 and slowest <= 1000, text


def _card_line(rows: list[Row]) -> str:
    target = "signed `/delegate` → card at the stand-in p95 < 50 ms, c=1, pacing on"
    if not rows:
        return f"| {target} | not measured | |"
    p95s = [(r.cells[1].p95, f"{r.database} {r.layout}") for r in rows if r.cells[1].latencies_ms]
    (worst, where), least = max(p95s or [(inf, "")]), min(p95s or [(inf, "")])[0]
    failed = sum(r.cells[1].failures for r in rows)
    return (
        f"| {target} | p95 {_span(least, worst, ',.1f')} ms (worst: {where}), {failed} failed "
        f"| {'met' if worst < 50 and not failed else 'missed'} |"
    )


def _span(least: float, worst: float, spec: str) -> str:
    """`least-worst`, or one figure when they are the same."""
    low, high = format(least, spec), format(worst, spec)
    return high if low == high else f"{low}-{high}"


def floor(comparison: Comparison) -> str:
    """Each write row beside the floor app of its database and layout, as multiples of its cell."""
    lines = [
        "| layout | Handoff against the floor (x the floor's cell) | p50 ms, c=1 | p99 ms, c=8 "
        "| req/s, c=32 (x: its share) |",
        "|---|---|---|---|---|",
    ]
    for base in (r for r in comparison.rows if r.kind == "floor"):
        writes = [
            r for r in comparison.rows
            if r.kind == "write" and (r.layout, r.database) == (base.layout, base.database)
        ]  # fmt: skip
        lines += [_against_floor(row, base) for row in [base, *writes]]
    return "\n".join(lines)


def _against_floor(row: Row, base: Row) -> str:
    shown = []
    for level, measure, spec in FLOOR_CELLS:
        if level not in row.cells or level not in base.cells:
            shown.append("not measured")
            continue
        figure = measure(row.cells[level])
        ratio = "" if row is base else f" ({figure / measure(base.cells[level]):.1f}x)"
        shown.append(f"{figure:{spec}}{ratio}")
    return f"| {row.layout} | {row.label} | {' | '.join(shown)} |"


def cpu(comparison: Comparison) -> str:
    """CPU ms per request in each process, the work after the ack included."""
    names = ("web", "worker", "PostgreSQL", "stand-in", "load generator")
    lines = [
        f"| layout | app / request | c | {' | '.join(names)} | all |",
        "|---|---|---|" + "---|" * (len(names) + 1),
    ]
    for row in comparison.rows:
        for level, spent in row.cpu_ms.items():
            shown = " | ".join(f"{spent[name]:.2f}" for name in names)
            lines.append(
                f"| {row.layout} | {row.label} | {level} | {shown} | {sum(spent.values()):.2f} |"
            )
    return "\n".join(lines)


def rss(comparison: Comparison) -> str:
    lines = ["| process | peak RSS MiB |", "|---|---|"]
    lines += [f"| {name} | {mb:.0f} |" for name, mb in comparison.rss_mb.items()]
    return "\n".join(lines)


def sanity(comparison: Comparison) -> str:
    return "\n".join(f"- {run} by status: {counts}" for run, counts in comparison.sanity.items())


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
