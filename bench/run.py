"""`python -m bench [--quick] [--part http|scale]`: Handoff against bare Bolt, the clock at scale.

The full run writes its tables into BENCHMARKS.md between its markers (the prose around them
is kept); `--quick` is a smoke run of a few seconds that only prints.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import report
from bench.compare import Plan, compare
from bench.processes import ROOT, Layout

FULL = Plan(
    databases=("sqlite", "postgresql"),
    layouts=(Layout(1, 8), Layout(2, 8)),
    levels=(1, 8, 32),
    count=lambda c: max(200, 10 * c),
    bare_apps=("inline", "threaded"),
    cards=30,
)
QUICK = Plan(
    databases=("sqlite",), layouts=(Layout(1, 8),), levels=(1, 8), count=lambda c: 20,
    bare_apps=("inline",), cards=4,
)  # fmt: skip
SIZES = (10_000, 100_000, 1_000_000)
SCALE_FULL = tuple((kind, n) for kind in ("sqlite", "postgresql") for n in SIZES)
SCALE_QUICK = (("sqlite", 2_000),)
MARKDOWN = ROOT / "BENCHMARKS.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    parser.add_argument("--part", choices=("http", "scale"), help="run only this part")
    args = parser.parse_args(argv)
    sections = {"machine": machine()}
    if args.part in (None, "http"):
        comparison = compare(QUICK if args.quick else FULL, progress)
        parts = (
            report.table, report.cards, report.targets, report.floor, report.cpu, report.rss,
            report.sanity,
        )  # fmt: skip
        sections["http"] = "\n\n".join(part(comparison) for part in parts)
        print(sections["http"], flush=True)
    if args.part in (None, "scale"):
        results = [
            scale(kind, total) for kind, total in (SCALE_QUICK if args.quick else SCALE_FULL)
        ]
        sections["scale"] = report.scale(results)
        print(sections["scale"])
    if not args.quick:
        write(MARKDOWN, sections)
    return 0


def scale(kind: str, total: int) -> dict[str, Any]:
    """One measurement of `bench.scale`, in a process of its own (for its peak RSS)."""
    progress(f"scale: {kind} {total:,} tasks …")
    command = [sys.executable, "-m", "bench.scale", kind, str(total)]
    result: dict[str, Any] = json.loads(subprocess.check_output(command, cwd=ROOT))
    progress(
        f"scale: {kind} {total:,}: sweep {result['sweep_ms']} ms, digest {result['digest_ms']} ms"
    )
    return result


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    cores = len(__import__("os").sched_getaffinity(0))
    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{time.strftime('%Y-%m-%d')}, {cores} cores ({cpu}), Python {platform.python_version()}, "
        f"SQLite {__import__('sqlite3').sqlite_version}, {pg or 'PostgreSQL'}"
    )


def write(path: Path, sections: dict[str, str]) -> None:
    """Replace each section between `<!-- name -->` and `<!-- /name -->`, keeping the rest."""
    document = path.read_text()
    for name, body in sections.items():
        start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
        before, rest = document.split(start, 1)
        document = f"{before}{start}\n{body}\n{end}{rest.split(end, 1)[1]}"
    path.write_text(document)


def progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
