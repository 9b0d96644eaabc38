"""The side-by-side: Handoff's requests against a bare Bolt app served the same way, same run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import text

from bench import card
from bench import processes as p
from bench import traffic as t
from bench.cpu import Meter
from bot.config.loader import load_practice
from bot.domain.practice import Practice
from bot.storage.engine import make_engine


@dataclass(frozen=True)
class Plan:
    """What one comparison covers."""

    databases: tuple[str, ...]
    layouts: tuple[p.Layout, ...]
    levels: tuple[int, ...]
    count: Callable[[int], int]  # requests per cell at a concurrency
    bare_apps: tuple[str, ...]  # `inline` first: the baseline of the ratios
    cards: int  # end-to-end samples (one every 2.2 s) per database and layout


@dataclass
class Row:
    """One line of the table: an app or a request, on a layout, at every concurrency."""

    layout: p.Layout
    label: str
    kind: str = "bare"  # bare, floor, floor modal, write, light (help, modal) or card (end to end)
    database: str = ""
    cells: dict[int, t.Result] = field(default_factory=dict)
    baseline: Row | None = None  # the bare inline app of the same layout
    acks: t.Result | None = None  # end to end: the acknowledgements of the timed requests
    cpu_ms: dict[int, dict[str, float]] = field(default_factory=dict)  # level → process → ms


@dataclass
class Comparison:
    rows: list[Row] = field(default_factory=list)
    cards: list[Row] = field(default_factory=list)  # end to end, pacing on
    rss_mb: dict[str, float] = field(default_factory=dict)  # process → peak RSS
    sanity: dict[str, dict[str, int]] = field(default_factory=dict)  # run, table → by status


BARE = {"inline": "bare Bolt, process_before_response=True", "threaded": "bare Bolt, default"}
FLOOR = "floor: Bolt + a read, a write, 4 Slack calls"
FLOOR_MODAL = "floor: Bolt + views.open after the ack"


def compare(plan: Plan, progress: Callable[[str], None]) -> Comparison:
    """Every app and request of `plan`, against one stand-in in its own process."""
    result = Comparison()
    practice = load_practice(p.PRACTICE)
    with p.standin_process() as standin:
        for layout in plan.layouts:
            baseline = None
            for app in plan.bare_apps:
                label = BARE[app]
                with p.bare(app, layout, standin.url) as server:
                    row = _row(plan, server, standin, layout, label, t.bare_ack, progress)
                baseline = baseline or row
                row.baseline = baseline
                result.rows.append(row)
            for kind in plan.databases:
                floor = _floor(plan, kind, layout, standin, result, progress)
                handoff = _handoff(plan, kind, layout, standin, practice, result, progress)
                for row in [*floor, *handoff]:
                    row.baseline = baseline
                    result.rows.append(row)
                result.cards.append(_cards(plan, kind, layout, standin.url, progress))
    return result


def _floor(
    plan: Plan, kind: str, layout: p.Layout, standin: p.StandIn, result: Comparison,
    progress: Callable[[str], None],
) -> list[Row]:  # fmt: skip
    """`bench.floor` on a fresh database, sent Handoff's quick `/delegate` and modal open."""
    rows = []
    with p.database(kind) as url, p.floor(layout, standin.url, url) as server:
        for label, request, what in (
            (FLOOR, t.quick_write, "floor"), (FLOOR_MODAL, t.modal_open, "floor modal"),
        ):  # fmt: skip
            row = _row(plan, server, standin, layout, f"{label}, {kind}", request, progress)
            row.kind, row.database = what, kind
            rows.append(row)
        result.rss_mb[f"floor {layout}, {kind}: web process"] = server.web_peak_rss_mb()
        result.sanity[f"floor {layout}, {kind}: Slack calls"] = by_status(url, "floor_outbox")
    return rows


def _handoff(
    plan: Plan, kind: str, layout: p.Layout, standin: p.StandIn, practice: Practice,
    result: Comparison, progress: Callable[[str], None],
) -> Iterator[Row]:  # fmt: skip
    requests: list[tuple[str, t.Request, str]] = [
        ("`/delegate help` (no write)", t.help_request, "light"),
        ("quick `/delegate` (write)", t.quick_write, "write"),
        ("form submission (write)", t.form_submission(practice), "write"),
        ("Claim press (write)", t.claim_press(), "write"),
        ("`/delegate` → modal open", t.modal_open, "light"),
    ]
    with p.database(kind) as url, p.handoff(p.app_env(url, standin.url, layout)) as server:
        for label, request, what in requests:
            row = _row(plan, server, standin, layout, f"{label}, {kind}", request, progress)
            row.kind, row.database = what, kind
            yield row
        run = f"Handoff {layout}, {kind}"
        result.rss_mb[f"{run}: web process"] = server.web_peak_rss_mb()
        result.rss_mb[f"{run}: worker"] = server.worker_peak_rss_mb()
        result.sanity[f"{run}: tasks"] = by_status(url, "tasks")


def _row(
    plan: Plan, server: p.Server, standin: p.StandIn, layout: p.Layout, label: str,
    request: t.Request, progress: Callable[[str], None],
) -> Row:  # fmt: skip
    server.wait_up()
    slack = t.StandInSender(server.events_url, p.SECRET, standin.url)
    if "Claim" not in label:
        t.load(slack, request, 2, 10)  # warm-up: imports, connection pools, first queries
    row, meter = Row(layout, label), Meter(server, standin.pid)
    for level in plan.levels:
        with meter.per_request(plan.count(level)) as row.cpu_ms[level]:
            row.cells[level] = t.load(slack, request, level, plan.count(level))
        progress(f"{layout} {label} c={level}: {row.cells[level].rate:.0f} req/s")
    return row


def _cards(
    plan: Plan, kind: str, layout: p.Layout, standin_url: str, progress: Callable[[str], None]
) -> Row:
    """Signed quick `/delegate` → card at the stand-in, c=1, 1 s pacing, on a fresh database."""
    row = Row(layout, f"quick `/delegate` → card, {kind}", "card", kind)
    with p.database(kind) as url:
        env = p.app_env(url, standin_url, layout) | {"HANDOFF_OUTBOX_PACE_SECONDS": "1"}
        with p.handoff(env) as server:
            server.wait_up()
            slack = t.StandInSender(server.events_url, p.SECRET, standin_url)
            card.cards(slack, standin_url, 1, timeout=30)  # warm-up: the first card
            row.cells[1], row.acks = card.cards(slack, standin_url, plan.cards)
    progress(f"{layout} {row.label}: {len(row.cells[1].latencies_ms)} cards seen")
    return row


def by_status(url: str, table: str) -> dict[str, int]:
    """What the run left in `table`: every write, claim and delivery should show up here."""
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text(f"SELECT status, count(*) FROM {table} GROUP BY status"))
        counts = {str(status): int(n) for status, n in rows}
    engine.dispose()
    return counts
