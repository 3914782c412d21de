"""faktoora-mcp benchmark suite: medians with min and max, and ratios against a bare SDK server in the same run.

    python benchmarks/run.py            # the full suite (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # a smoke run with tiny counts (what the tests run; numbers meaningless)

Prints a table and writes benchmarks/results/latest.json (or --out PATH). Absolute times depend on the machine;
the ratios are what to compare. See benchmarks/README.md for the latest results and what each figure means.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
from common import Comparison, Figure, print_table, server_env, write_results
from mcp import Client, StdioServerParameters

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FAKE_MEMBRANE = ROOT / "tests" / "fixtures" / "fake_membrane.py"


def faktoora(db: Path, *flags: str, **env: str) -> StdioServerParameters:
    args = ["-m", "faktoora_mcp", "--backend", "sandbox", "--sandbox-db", str(db), *flags]
    return StdioServerParameters(command=sys.executable, args=args, env=server_env(**env), cwd=str(ROOT))


def bare() -> StdioServerParameters:
    return StdioServerParameters(command=sys.executable, args=[str(HERE / "bare_server.py")], env=server_env())


async def cold_start(params: StdioServerParameters) -> float:
    """Spawn to the first tools/list answer, in the handshake era that today's hosts speak."""
    started = time.perf_counter()
    async with Client(params, mode="legacy") as client:
        await client.list_tools()
        elapsed = time.perf_counter() - started
    return elapsed * 1000


async def bench_cold_start(db: Path, runs: int) -> Comparison:
    ours, floor = [], []
    for _ in range(runs):  # interleaved, so drift in the machine's load hits both alike
        floor.append(await cold_start(bare()))
        ours.append(await cold_start(faktoora(db)))
    return Comparison(
        "cold start (spawn -> tools/list)",
        Figure("faktoora-mcp", "ms", ours),
        Figure("bare SDK", "ms", floor),
        target="ratio <= 1.15",
    )


async def timed_calls(client: Client, tool: str, arguments: dict[str, Any], calls: int) -> list[float]:
    for _ in range(min(10, calls)):
        await client.call_tool(tool, arguments)
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        result = await client.call_tool(tool, arguments)
        samples.append((time.perf_counter() - started) * 1000)
        assert not result.is_error, result.content
    return samples


async def bench_latency(db: Path, calls: int) -> list[Comparison]:
    async with Client(bare(), mode="legacy") as client:
        floor = Figure("bare echo", "ms", await timed_calls(client, "echo", {"text": "hi"}, calls))
    async with Client(faktoora(db), mode="legacy") as client:
        listed = await client.call_tool("list-customers", {"perPage": 1})
        customer_id = listed.structured_content["data"][0]["id"]
        get = Figure("get-customer", "ms", await timed_calls(client, "get-customer", {"id": customer_id}, calls))
        page = Figure("list-customers", "ms", await timed_calls(client, "list-customers", {"perPage": 25}, calls))
    return [
        Comparison("per call: get-customer", get, floor, target="ratio <= 2"),
        Comparison("per call: list-customers (25 rows)", page, floor),
    ]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status (Linux only)")


def child_pids() -> list[int]:
    me = str(os.getpid())
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == me:
            pids.append(int(status.parent.name))
    return pids


async def bench_memory(db: Path, calls: int) -> Comparison:
    async with Client(faktoora(db), mode="legacy") as client:
        server_pid = max(child_pids())
        listed = await client.call_tool("list-outgoing-invoices", {"perPage": 50})
        ids = [row["faktooraId"] for row in listed.structured_content["data"]]
        mix: list[tuple[str, dict[str, Any]]] = [
            ("list-customers", {"perPage": 25}),
            ("list-outgoing-invoices", {"perPage": 50, "status": ["overdue", "sent"]}),
            ("get-outgoing-invoice-content", {"faktooraId": ids[0]}),
            ("search-actions", {"intent": "overdue invoices"}),
            ("list-products", {"keyword": "Beratung"}),
        ]
        for i in range(calls):
            tool, arguments = mix[i % len(mix)]
            if tool == "get-outgoing-invoice-content":
                arguments = {"faktooraId": ids[i % len(ids)]}
            await client.call_tool(tool, arguments)
        peak = peak_rss_mb(server_pid)
    return Comparison(
        f"peak RSS after {calls} mixed calls", Figure("server process", "MB", [peak]), None, target="< 100 MB"
    )


async def prepare_database(db: Path) -> None:
    """Create and seed the sandbox file once, so cold starts measure an existing database."""
    async with Client(faktoora(db), mode="legacy") as client:
        await client.call_tool("list-customers", {"perPage": 1})


Section = Callable[[], Awaitable[list[Comparison]]]


async def bench_sandbox_scale(quick: bool) -> list[Comparison]:
    """list-outgoing-invoices with filter, sort and page over a big sandbox, and the time to seed it."""
    import sandbox_scale  # benchmarks/ is on sys.path when this file runs as a script

    invoices = 2_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.sqlite3"
        seed_s = await anyio.to_thread.run_sync(sandbox_scale.seed_in_child, path, invoices)
        scenarios = await sandbox_scale.time_scenarios(path, 3 if quick else 50)
    worst = max(scenarios.items(), key=lambda item: item[1]["median_ms"])
    typical = scenarios["open receivables by due date, page 3"]
    return [
        Comparison(f"sandbox scale: seed {invoices:,} invoices", Figure("seed", "s", [seed_s]), None),
        Comparison(
            f"sandbox scale: filter+sort+page of {invoices:,}",
            Figure("open receivables, page 3", "ms", [typical["min_ms"], typical["median_ms"], typical["max_ms"]]),
            None,
            target="<= 20 ms",
        ),
        Comparison(
            "sandbox scale: slowest scenario",
            Figure(worst[0], "ms", [worst[1]["min_ms"], worst[1]["median_ms"], worst[1]["max_ms"]]),
            None,
            target="<= 20 ms",
        ),
    ]


async def bench_discovery(quick: bool) -> list[Comparison]:
    """search-actions in-process (benchmarks/discovery.py has the accuracy figures and the details)."""
    import discovery  # benchmarks/ is on sys.path when this file runs as a script

    figures, infos = await discovery.accuracy(show_misses=False, cross_validate=False)
    held_out = figures["held-out"]["learned"]["all"]
    note = f"held-out top-1 {held_out['top1']:.1%}, top-3 {held_out['top3']:.1%}"
    requests = discovery.QUICK_REQUESTS if quick else None
    return discovery.latency(infos, discovery.rank_function(), 1 if quick else 10, note, requests)


async def bench_startup_costs(db: Path, quick: bool) -> list[Comparison]:
    """What each part of a cold start costs, and the first call against the second (benchmarks/startup_costs.py)."""
    import startup_costs  # benchmarks/ is on sys.path when this file runs as a script

    return await startup_costs.measure(1 if quick else 10, db)


async def bench_live_answers(quick: bool) -> list[Comparison]:
    """Reading a live page and redacting a failure (benchmarks/live_answers.py has the details)."""
    import live_answers  # benchmarks/ is on sys.path when this file runs as a script

    return live_answers.run(quick=quick)


def optional_sections(db: Path, quick: bool) -> list[tuple[str, Section]]:
    """Sections that need parts other issues deliver (the fake Membrane CLI, the sandbox's scale seeder); ``db`` is
    the seeded sandbox file the start-up sections open."""
    sections: list[tuple[str, Section]] = [("sandbox scale", lambda: bench_sandbox_scale(quick))]
    sections.append(("discovery", lambda: bench_discovery(quick)))
    sections.append(("live answers", lambda: bench_live_answers(quick)))
    sections.append(("start-up costs", lambda: bench_startup_costs(db, quick)))
    if FAKE_MEMBRANE.exists():
        import membrane_server  # benchmarks/ is on sys.path when this file runs as a script

        sections.append(("membrane", lambda: membrane_server.run(quick=quick)))
    return sections


async def measure(quick: bool) -> list[Comparison]:
    runs, calls, mixed = (1, 5, 10) if quick else (15, 300, 1000)  # quick: it works, not what it measures
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        await prepare_database(db)
        results = [await bench_cold_start(db, runs)]
        results += await bench_latency(db, calls)
        results.append(await bench_memory(db, mixed))
        for _name, section in optional_sections(db, quick):
            results += await section()
    return results


def main(quick: bool, out: Path) -> list[Comparison]:
    results = anyio.run(measure, quick)
    print_table(results)
    write_results(results, quick=quick, out=out)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="tiny counts: checks the suite works, not the numbers")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json", help="where to write JSON")
    options = parser.parse_args()
    main(options.quick, options.out)
