"""How list-outgoing-invoices grows with the account: 1k, 10k and 100k invoices, and ``all: true`` against one page.

    .venv/bin/python benchmarks/sandbox_growth.py [--sizes 1000,10000,100000] [--calls 30]

For each size a fresh file is seeded (in a child process, as sandbox_scale.py does), then each case runs through
the catalog tool, as a host's call does after validation: the guards, ``all: true`` page collection and the
sandbox (schema check, worker thread, SQLite, output shaping). The floor of the ``all: true`` case is the same
rows fetched as one page in the same run, interleaved call by call; the target is a ratio of at most 1.2 at
every size. Prints a table per size and writes benchmarks/results/sandbox_growth.json.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import Comparison, Figure, print_table, write_results  # noqa: E402
from sandbox_scale import peak_rss_mb, seed_in_child  # noqa: E402

from faktoora_mcp.backends.sandbox import SandboxBackend  # noqa: E402
from faktoora_mcp.catalog import Catalog  # noqa: E402
from faktoora_mcp.tools import Tool, catalog_tool, no_progress  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "sandbox_growth.json"
KEYWORD_TARGET_MS = 10.0
ALL_TARGET_RATIO = 1.2
OPEN = ["sent", "overdue"]
CASES: dict[str, dict[str, Any]] = {
    "list, newest first": {},
    "filter: open receivables": {"status": OPEN},
    "sort: by gross amount, page 3": {"sort": "totalGross", "order": "desc", "page": 3},
    "keyword: a customer's name": {"keyword": "<name>"},
    "keyword: a number prefix": {"keyword": "2026/03/"},
    "keyword: two characters of a name": {"keyword": "<two>"},
    "keyword: two digits": {"keyword": "03"},
    "keyword: two letters with an umlaut": {"keyword": "Mü"},
    "keyword: one digit (scanned)": {"keyword": "7"},
}
ALL_CASE = {"status": OPEN, "sort": "dueDate", "order": "asc"}
"""``all: true`` with a filter and a sort, as the issue measured it."""


def list_tool(backend: SandboxBackend) -> Tool:
    spec = next(s for s in Catalog.load() if s.key == "list-outgoing-invoices")
    return catalog_tool(spec, backend)


async def timed(tool: Tool, arguments: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    answer = await tool.run(dict(arguments), no_progress)
    return (time.perf_counter() - started) * 1000, answer


async def measure_size(path: Path, invoices: int, calls: int) -> list[Comparison]:
    backend = SandboxBackend(path)
    tool = list_tool(backend)
    name = (await backend.run_action("list-customers", {"perPage": 1})).output["data"][0]["name"]
    results = []
    for case, template in CASES.items():
        placeholders = {"<name>": name, "<two>": name[:2]}
        arguments = {k: placeholders.get(v, v) if isinstance(v, str) else v for k, v in template.items()}
        _, answer = await timed(tool, arguments)  # warm: validator, page cache
        samples = [(await timed(tool, arguments))[0] for _ in range(calls)]
        note = f"{answer['meta']['totalItems']:,} match"
        target = f"<= {KEYWORD_TARGET_MS:g} ms" if case.startswith("keyword") and "scanned" not in case else ""
        results.append(Comparison(f"{invoices:,}: {case}", Figure(case, "ms", samples), None, target, note))
    results.append(await compare_all(tool, invoices, calls))
    await backend.aclose()
    return results


async def compare_all(tool: Tool, invoices: int, calls: int) -> Comparison:
    """``all: true`` against one page holding the same rows, interleaved so that both see the same machine."""
    _, collected = await timed(tool, {**ALL_CASE, "all": True})
    rows = len(collected["data"])
    one_page = {**ALL_CASE, "perPage": max(rows, 1)}
    _, single = await timed(tool, one_page)
    assert single["data"] == collected["data"], "all: true must return the rows one page returns"
    ours, floor = [], []
    for _ in range(calls):
        ours.append((await timed(tool, {**ALL_CASE, "all": True}))[0])
        floor.append((await timed(tool, one_page))[0])
    return Comparison(
        f"{invoices:,}: all: true, open receivables by due date",
        Figure("all: true", "ms", ours),
        Figure(f"one page of {rows:,}", "ms", floor),
        target=f"<= {ALL_TARGET_RATIO:g}x",
        note=f"{rows:,} rows in {collected['fetchedPages']} page(s)",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="invoice counts, comma-separated")
    parser.add_argument("--calls", type=int, default=30)
    args = parser.parse_args()
    results: list[Comparison] = []
    seeding: dict[str, float] = {}
    for invoices in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "growth.sqlite3"
            seeding[str(invoices)] = seed_in_child(path, invoices)
            results += anyio.run(measure_size, path, invoices, args.calls)
    print_table(results, name_width=58)
    print(f"seeded in {', '.join(f'{n}: {s:.1f} s' for n, s in seeding.items())}")
    print(f"peak RSS of the measuring process: {peak_rss_mb():.0f} MB")
    write_results(results, quick=False, out=RESULTS)
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
