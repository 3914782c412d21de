"""Fuzz the whole server: schema-valid and hostile calls to every tool and discovered action, with counts.

    python benchmarks/fuzz.py --calls 10000

Runs the same generators as tests/test_fuzz.py (tests/fixtures/fuzzing.py) on a fresh sandbox through the
in-memory MCP client, spreads ``--calls`` evenly over the targets (half valid, half hostile) and prints
how the calls ended: ok, refused with a clear error, internal error, bad output, protocol error, and how
many took longer than a second. Exit status 1 when any call broke a promise.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mcp import Client  # noqa: E402

from faktoora_mcp.app import build_app  # noqa: E402
from faktoora_mcp.config import Config  # noqa: E402
from tests.fixtures.fuzzing import fuzz, targets  # noqa: E402


async def main(calls: int, seed: int, show: int) -> int:
    logging.getLogger("faktoora_mcp").setLevel(logging.CRITICAL)  # incidents are counted, not printed
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Config(backend="sandbox", sandbox_db=str(Path(tmp) / "fuzz.sqlite3")))
        async with Client(app.server) as client:
            count = len(await targets(client))
            per_target = max(1, calls // (2 * count))
            started = time.perf_counter()
            findings = await fuzz(client, per_target=per_target, seed=seed)
            wall = time.perf_counter() - started
    slow = sum(1 for p in findings.problems if p.endswith(" s"))
    report = {
        "targets": count,
        "calls": findings.calls,
        "outcomes": dict(findings.outcomes),
        "slowerThan1s": slow,
        "slowestCallS": round(findings.slowest, 3),
        "brokenPromises": len(findings.problems),
        "wallS": round(wall, 1),
    }
    print(json.dumps(report, indent=2))
    for problem in findings.problems[:show]:
        print(problem, file=sys.stderr)
    return 1 if findings.problems else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=2000, help="total calls, spread over all targets")
    parser.add_argument("--seed", type=int, default=11, help="hypothesis seed (the run is reproducible)")
    parser.add_argument("--show", type=int, default=40, help="broken promises to print to stderr")
    args = parser.parse_args()
    sys.exit(anyio.run(main, args.calls, args.seed, args.show))
