"""What the Membrane adapter costs on top of the CLI it drives, measured against the fake ``membrane``.

    /work/venv/bin/python benchmarks/membrane_adapter.py [--runs 40]

(a) one ``run_action`` through the adapter vs. the same command run directly with ``subprocess.run``,
    interleaved in one process, caches warm; (b) a repeated identical search served from the cache;
(c) 8 concurrent ``run_action`` calls against a fake that takes 200 ms per call, with the default bound 4.
Prints a table and writes benchmarks/results/membrane_adapter.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from faktoora_mcp.backends.membrane import CompletedRun, MembraneBackend, SubprocessRunner  # noqa: E402
from tests.fixtures.fake_membrane import CONNECTION_ID, install  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "membrane_adapter.json"
INPUT = {"page": 1, "perPage": 5}
CONCURRENT_CALLS = 8
DELAY_MS = 200
SEARCH_CALLS = 10_000


class CountingRunner:
    """The default runner, counting the processes it starts."""

    def __init__(self, env: dict[str, str]) -> None:
        self.inner = SubprocessRunner(env)
        self.spawned = 0

    async def __call__(self, argv: Sequence[str], timeout: float) -> CompletedRun:  # noqa: ASYNC109
        self.spawned += 1
        return await self.inner(argv, timeout)


def summary(samples: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples]
    return {"median_ms": statistics.median(ms), "min_ms": min(ms), "max_ms": max(ms), "runs": len(ms)}


async def adapter_overhead(binary: Path, env: dict[str, str], runs: int) -> dict[str, Any]:
    backend = MembraneBackend(binary=str(binary), env=env)
    await backend.run_action("list-customers", INPUT)  # warm: CLI checked, connection and actions cached
    argv = [str(binary), "action", "run", "a-list-customers", f"--connectionId={CONNECTION_ID}",
            f"--input={json.dumps(INPUT)}", "--json"]  # fmt: skip
    adapter, direct = [], []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True, env=env, stdin=subprocess.DEVNULL)  # noqa: ASYNC221
        direct.append(time.perf_counter() - start)
        start = time.perf_counter()
        await backend.run_action("list-customers", INPUT)
        adapter.append(time.perf_counter() - start)
    a, d = summary(adapter), summary(direct)
    return {"adapter": a, "direct": d, "ratio_median": a["median_ms"] / d["median_ms"], "target_ratio": 1.05}


async def cached_search(binary: Path, env: dict[str, str]) -> dict[str, Any]:
    runner = CountingRunner(env)
    backend = MembraneBackend(binary=str(binary), env=env, runner=runner)
    await backend.search_actions("customers", limit=5)
    spawned = runner.spawned
    start = time.perf_counter()
    for _ in range(SEARCH_CALLS):
        await backend.search_actions("customers", limit=5)
    per_call = (time.perf_counter() - start) / SEARCH_CALLS
    return {"calls": SEARCH_CALLS, "per_call_ms": per_call * 1000, "subprocesses": runner.spawned - spawned,
            "target_ms": 1.0}  # fmt: skip


async def concurrent_runs(binary: Path, env: dict[str, str]) -> dict[str, Any]:
    backend = MembraneBackend(binary=str(binary), env={**env, "FAKE_MEMBRANE_DELAY_MS": str(DELAY_MS)})
    await backend.run_action("list-customers", INPUT)
    start = time.perf_counter()
    async with anyio.create_task_group() as group:
        for _ in range(CONCURRENT_CALLS):
            group.start_soon(backend.run_action, "list-customers", INPUT)
    wall = time.perf_counter() - start
    return {"calls": CONCURRENT_CALLS, "delay_ms": DELAY_MS, "bound": 4, "wall_s": wall,
            "rounds_expected": 2, "unbounded_serial_s": CONCURRENT_CALLS * DELAY_MS / 1000}  # fmt: skip


def table(results: dict[str, Any]) -> str:
    a, b, c = results["adapter_overhead"], results["cached_search"], results["concurrent"]
    rows = [
        ("(a) direct subprocess.run", f"{a['direct']['median_ms']:.1f} ms", f"{a['direct']['min_ms']:.1f}",
         f"{a['direct']['max_ms']:.1f}"),
        ("(a) adapter run_action", f"{a['adapter']['median_ms']:.1f} ms", f"{a['adapter']['min_ms']:.1f}",
         f"{a['adapter']['max_ms']:.1f}"),
        ("(a) ratio of medians", f"{a['ratio_median']:.3f}", "target", "≤ 1.05"),
        ("(b) cached search", f"{b['per_call_ms'] * 1000:.1f} µs", "spawned", str(b["subprocesses"])),
        ("(c) 8 runs, 200 ms, bound 4", f"{c['wall_s']:.2f} s", "serial", f"{c['unbounded_serial_s']:.1f} s"),
    ]  # fmt: skip
    lines = [f"{'measure':32} {'median/value':>14} {'min':>8} {'max':>8}"]
    lines += [f"{n:32} {v:>14} {lo:>8} {hi:>8}" for n, v, lo, hi in rows]
    return "\n".join(lines)


async def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        binary = install(Path(directory))
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        results = {
            "adapter_overhead": await adapter_overhead(binary, env, runs),
            "cached_search": await cached_search(binary, env),
            "concurrent": await concurrent_runs(binary, env),
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
        }
    sys.stdout.write(table(results) + "\n")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="interleaved runs per side in (a), at least 30")
    anyio.run(main, max(30, parser.parse_args().runs))
