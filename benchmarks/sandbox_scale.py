"""How the sandbox holds up at 100,000 outgoing invoices.

    /work/venv/bin/python benchmarks/sandbox_scale.py [--invoices 100000] [--calls 50] [--db PATH]

Seeds a fresh file with the demo company and ``--invoices`` invoices (reports the time), then times
``list-outgoing-invoices`` through ``SandboxBackend.run_action`` (schema check, worker thread, SQLite and
output shaping included) for several filter + sort + page combinations: median, min and max over
``--calls`` calls after one warm-up call. The seed runs in a child process, so that the peak RSS of
seeding and of serving are reported apart. Prints a table and writes benchmarks/results/sandbox_scale.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from faktoora_mcp.backends.sandbox import SandboxBackend  # noqa: E402
from faktoora_mcp.backends.sandbox.seed.bulk import seed_large_database  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "sandbox_scale.json"
TARGET_MS = 20.0
SCENARIOS: dict[str, dict[str, Any]] = {
    "open receivables by due date, page 3": {
        "status": ["sent", "overdue"],
        "sort": "dueDate",
        "order": "asc",
        "page": 3,
    },
    "one quarter by gross amount, page 2": {
        "issueDateFrom": "2026-04-01",
        "issueDateTo": "2026-06-30",
        "sort": "totalGross",
        "order": "desc",
        "page": 2,
    },
    "paid, newest first, page 10": {"status": ["paid"], "page": 10},
    "one customer, newest first": {"customerId": "<first customer>"},
    "keyword (customer name), by gross": {"keyword": "<first customer's name>", "sort": "totalGross"},
    "keyword (number prefix), page 4": {"keyword": "2026/03/", "page": 4},
    "no filter, page 3000 of 4000": {"page": 3000},
    "overdue, 1000 per page": {"status": ["overdue"], "perPage": 1000},
}


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def seed_in_child(path: Path, invoices: int) -> float:
    """Seed ``path`` in a separate process; returns the wall time."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--seed-only", "--db", str(path), "--invoices", str(invoices)], check=True
    )
    return time.perf_counter() - started


async def time_scenarios(path: Path, calls: int) -> dict[str, dict[str, Any]]:
    backend = SandboxBackend(path)
    customer = (await backend.run_action("list-customers", {"perPage": 1})).output["data"][0]
    results = {}
    for name, template in SCENARIOS.items():
        query = {
            k: customer["id"] if v == "<first customer>" else customer["name"] if v == "<first customer's name>" else v
            for k, v in template.items()
        }
        await backend.run_action("list-outgoing-invoices", query)  # warm: schema validator, page cache
        samples = []
        for _ in range(calls):
            started = time.perf_counter()
            output = (await backend.run_action("list-outgoing-invoices", query)).output
            samples.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "query": query,
            "totalItems": output["meta"]["totalItems"],
            "rows": len(output["data"]),
            "median_ms": statistics.median(samples),
            "min_ms": min(samples),
            "max_ms": max(samples),
            "calls": calls,
        }
    await backend.aclose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--db", type=Path, help="keep the database at this path (default: a temporary directory)")
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_only:
        seed_large_database(args.db, n_invoices=args.invoices)
        return
    with tempfile.TemporaryDirectory() as scratch:
        path = args.db or Path(scratch) / "sandbox_scale.sqlite3"
        seed_s = seed_in_child(path, args.invoices)
        size_mb = path.stat().st_size / 1e6
        scenarios = anyio.run(time_scenarios, path, args.calls)
    report = {
        "invoices": args.invoices,
        "seed_s": seed_s,
        "file_mb": size_mb,
        "seed_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
        "serve_peak_rss_mb": peak_rss_mb(),
        "target_ms": TARGET_MS,
        "scenarios": scenarios,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "machine": platform.machine(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"seeded {args.invoices} invoices in {seed_s:.1f} s ({size_mb:.0f} MB file, peak RSS "
        f"{report['seed_peak_rss_mb']:.0f} MB); serving peak RSS {report['serve_peak_rss_mb']:.0f} MB"
    )
    print(f"{'list-outgoing-invoices':40} {'matches':>8} {'median':>9} {'min':>9} {'max':>9}")
    for name, row in scenarios.items():
        print(
            f"{name:40} {row['totalItems']:>8} {row['median_ms']:>7.2f}ms {row['min_ms']:>7.2f}ms "
            f"{row['max_ms']:>7.2f}ms"
        )
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
