"""What a live tool call costs over Membrane's REST API, against the floors measured in the same run.

    python benchmarks/membrane_rest.py [--runs 200] [--quick]

One server process, interleaved, caches warm, on loopback; the REST stand-in (tests/fixtures/membrane_api.py)
runs in a process of its own, as Membrane would, so that it does not share the server's interpreter lock:
  rest      the get-customer tool (dispatcher: policy, validation, shaping) over the REST transport: one POST /act;
  sandbox   the same tool on the sandbox backend: the server's own floor;
  network   a bare keep-alive ``http.client`` request to the stand-in: the network and stand-in floor;
  httpx2    the same bare request through an ``httpx2.AsyncClient``: what the chosen client itself costs;
  cli       the same tool over the CLI transport against the fake ``membrane`` (tests/fixtures/fake_membrane.py).
Goals (issue 24): rest <= 2 x (sandbox + network); one connection for every REST call; cli / rest >= 10; the
server's RSS after the REST calls within 10 MB of before. Prints a table, writes benchmarks/results/membrane_rest.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx2  # noqa: E402

from benchmarks.common import Comparison, Figure, print_table, write_results  # noqa: E402
from faktoora_mcp.app import build_app  # noqa: E402
from faktoora_mcp.backends.base import Backend  # noqa: E402
from faktoora_mcp.backends.membrane import MembraneAccess, MembraneBackend  # noqa: E402
from faktoora_mcp.backends.sandbox import SandboxBackend  # noqa: E402
from faktoora_mcp.config import Config  # noqa: E402
from tests.fixtures.fake_membrane import install  # noqa: E402
from tests.fixtures.membrane_api import STATS_PATH, TOKEN  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "membrane_rest.json"
CLI_RUNS = 10
"""CLI calls are some hundred times slower; ten give a stable median without minutes of waiting."""
RSS_LIMIT_MB = 10.0
STAND_IN = (
    "import sys; sys.path.insert(0, sys.argv[1]); from tests.fixtures.membrane_api import MembraneApi; "
    "api = MembraneApi().start(); print(api.url, flush=True); sys.stdin.read(); api.stop()"
)
"""The stand-in as a program: prints its URL, serves until its stdin closes."""
Call = Callable[[], Awaitable[Any]]


@contextmanager
def stand_in() -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", STAND_IN, str(ROOT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        yield process.stdout.readline().strip()  # type: ignore[union-attr]
    finally:
        process.stdin.close()  # type: ignore[union-attr]
        process.wait(timeout=10)


def rss_mb() -> float:
    """The current resident set size (not the peak), from /proc; the peak where /proc is missing."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / 2**20
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def timed(call: Call, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1e3)
    return samples


def tool_call(backend: Backend, arguments: dict[str, Any]) -> Call:
    """The get-customer tool as the server runs it: policy, validation against its schema, the backend, shaping."""
    dispatcher = build_app(Config(backend=backend.name), backend=backend).dispatcher
    return lambda: dispatcher.call("get-customer", arguments)


async def measure(runs: int, directory: Path) -> list[Comparison]:
    with stand_in() as url:
        sandbox = SandboxBackend(directory / "bench.sqlite3")
        customer = (await sandbox.run_action("list-customers", {"perPage": 1})).output["data"][0]["id"]
        bare = http.client.HTTPConnection("127.0.0.1", int(url.rsplit(":", 1)[1]))
        client = httpx2.AsyncClient(base_url=url, trust_env=False)

        async def network() -> None:
            bare.request("GET", "/connections", headers={"authorization": f"Bearer {TOKEN}"})
            bare.getresponse().read()

        async def httpx_bare() -> None:
            (await client.get("/connections", headers={"authorization": f"Bearer {TOKEN}"})).read()

        calls = {"sandbox": tool_call(sandbox, {"id": customer}), "network": network, "httpx2": httpx_bare}
        for call in calls.values():
            await timed(call, 5)
        rss_before = rss_mb()  # everything but the REST backend is loaded: its growth is what it costs
        rest = MembraneBackend(transport="rest", access=MembraneAccess(token=TOKEN, api_url=url), timeout=30)
        calls["rest"] = tool_call(rest, {"id": "c-1"})
        await timed(calls["rest"], 5)  # warm: transport chosen, connection found, catalogue listed
        samples: dict[str, list[float]] = {name: [] for name in calls}
        for _ in range(runs):  # interleaved, so a passing load spike hits every figure alike
            for name, call in calls.items():
                samples[name] += await timed(call, 1)
        rss_after = rss_mb()
        bare.request("GET", STATS_PATH)
        opened = json.loads(bare.getresponse().read())["connectionsOpened"] - 2  # bare's and httpx2's own
        await rest.aclose()
        await sandbox.aclose()
        await client.aclose()
        bare.close()
    cli = await cli_call(directory, CLI_RUNS if runs >= 50 else 2)
    return report(samples, cli, opened, rss_after - rss_before)


async def cli_call(directory: Path, runs: int) -> list[float]:
    backend = MembraneBackend(
        binary=str(install(directory)), transport="cli", timeout=60, env={"PATH": "/usr/bin:/bin"}
    )
    call = tool_call(backend, {"id": "a-get-customer"})  # the fake's echo catalogue answers any id
    await timed(call, 1)
    samples = await timed(call, runs)
    await backend.aclose()
    return samples


def report(samples: dict[str, list[float]], cli: list[float], connections: int, rss_delta: float) -> list[Comparison]:
    rest = Figure("rest tool call", "ms", samples["rest"])
    # the sum of the two medians, not the median of per-sample sums: a spike in either floor must not lift it
    floor = Figure(
        "sandbox + network", "ms", [statistics.median(samples["sandbox"]) + statistics.median(samples["network"])]
    )
    return [
        Comparison("membrane rest: tool call vs sandbox + network", rest, floor, "<= 2.00"),
        Comparison("membrane rest: sandbox tool call (server floor)", Figure("s", "ms", samples["sandbox"]), None),
        Comparison("membrane rest: bare http.client (network floor)", Figure("n", "ms", samples["network"]), None),
        Comparison(
            "membrane rest: bare httpx2 vs bare http.client",
            Figure("httpx2", "ms", samples["httpx2"]),
            Figure("http.client", "ms", samples["network"]),
            "(the client's own cost)",
        ),
        Comparison("membrane rest: cli tool call vs rest tool call", Figure("cli", "ms", cli), rest, ">= 10.00"),
        Comparison(
            "membrane rest: connections the REST calls opened",
            Figure("connections", "conn", [float(connections)]),
            None,
            "== 1",
        ),
        Comparison(
            "membrane rest: RSS growth with REST", Figure("rss", "MB", [rss_delta]), None, f"<= {RSS_LIMIT_MB:g} MB"
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="tiny counts: checks that it runs (numbers meaningless)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        results = anyio.run(measure, 5 if args.quick else args.runs, Path(directory))
    print_table(results)
    write_results(results, quick=args.quick, out=args.out)


if __name__ == "__main__":
    main()
