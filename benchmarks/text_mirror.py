"""The text mirror, and what a 1,000-row answer costs through the whole server against the backend alone.

    python benchmarks/text_mirror.py                     # about 30 s (seeds 10,000 invoices)
    python benchmarks/text_mirror.py --invoices 100000   # the issue's size (seeding takes 15-25 s more)
    python benchmarks/text_mirror.py --quick             # smoke run

Text mirror. Floor: what the server did before, ``json.dumps`` of the whole answer and then a slice at the limit.
Measured in the same run, interleaved: (a) an ``all: true`` answer of 1,000 invoice rows (~0.9 MB of JSON) against
the default limit of 60,000 characters, where the mirror stops after the rows that fit; (b) a 25-row page that fits
whole, where the mirror pays one ``json.dumps`` per row instead of one for the page.

End to end. A sandbox seeded with ``--invoices`` invoices (in a child process, so seeding's memory is not counted);
``list-outgoing-invoices`` with ``perPage: 1000`` through the in-memory MCP client (argument check, dispatcher,
text mirror, the SDK's result validation and serialisation on both ends), interleaved with the same call on
``SandboxBackend.run_action``, the backend's own time and the floor. Twice: with the Python SDK client's own check
of ``structuredContent`` against the output schema switched off (what the server costs), and on (what a Python
host adds on its side, reported for information). Then the peak RSS of this process (server and client both),
and of a stdio server process (``python -m faktoora_mcp``) after as many 1,000-row answers.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import Comparison, Figure

from faktoora_mcp.config import DEFAULT_MAX_TEXT_CHARS
from faktoora_mcp.text_mirror import compact_json, text_mirror

HERE = Path(__file__).resolve().parent
LIMIT = DEFAULT_MAX_TEXT_CHARS
BIG_PAGE = {"perPage": 1000}
"""The 1,000-row answer of issue 14: one full page, newest first."""


def invoice(i: int) -> dict[str, Any]:
    """A row shaped like list-outgoing-invoices' (about 900 characters of JSON)."""
    return {
        "faktooraId": f"F{i:06d}XK",
        "invoiceNumber": f"2026/{1 + i % 12:02d}/{i:05d}",
        "status": ("sent", "paid", "overdue", "draft")[i % 4],
        "format": "xrechnung",
        "invoiceTypeCode": "380",
        "currency": "EUR",
        "issueDate": "2026-03-01",
        "dueDate": "2026-03-31",
        "deliveryDate": "2026-02-28",
        "paidAt": None,
        "customer": {"id": f"3f1e4c1a-8d0e-4f5b-9a59-{i:012d}", "customerId": f"{i:05d}", "name": f"Kunde {i} GmbH"},
        "totalNet": 1234.5 + i,
        "totalTax": 234.56,
        "totalGross": 1469.06 + i,
        "amountDue": 1469.06 + i,
        "detailsPage": f"https://app.faktoora.com/invoices/F{i:06d}XK/details?tab=overview&lang=de&view=full",
        "createdAt": "2026-03-01T10:00:00Z",
        "updatedAt": "2026-03-01T10:00:00Z",
    }


def answer(rows: int) -> dict[str, Any]:
    meta = {"page": 1, "perPage": 100, "totalItems": rows, "totalPages": rows // 100 + 1}
    return {"data": [invoice(i) for i in range(rows)], "meta": meta, "truncated": False, "nextPage": None}


def before(output: dict[str, Any]) -> str:
    text = compact_json(output)
    return text if len(text) <= LIMIT else text[:LIMIT] + "\n[cut]"


def after(output: dict[str, Any]) -> str:
    return text_mirror(output, LIMIT, tool="list-outgoing-invoices", arguments={"all": True})


def timed(call: Callable[[dict[str, Any]], str], output: dict[str, Any], repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        call(output)
    return (time.perf_counter() - started) / repeat * 1000


def compare(name: str, output: dict[str, Any], runs: int, repeat: int) -> Comparison:
    ours, floor = [], []
    for _ in range(runs):
        floor.append(timed(before, output, repeat))
        ours.append(timed(after, output, repeat))
    return Comparison(name, Figure("text_mirror", "ms", ours), Figure("dumps whole, then slice", "ms", floor))


def seed(path: Path, invoices: int) -> None:
    """The demo company plus ``invoices`` invoices, seeded by ``sandbox_scale.py`` in a child process."""
    command = [sys.executable, str(HERE / "sandbox_scale.py"), "--seed-only", "--db", str(path)]
    subprocess.run([*command, "--invoices", str(invoices)], check=True)


async def ms(call: Callable[[], Awaitable[Any]]) -> float:
    started = time.perf_counter()
    await call()
    return (time.perf_counter() - started) * 1000


async def end_to_end(path: Path, calls: int) -> tuple[list[Comparison], float]:
    """The 1,000-row page through the server vs the backend alone, interleaved; and the peak RSS after."""
    from mcp import Client

    from faktoora_mcp.app import build_app, freeze_startup_heap
    from faktoora_mcp.config import Config

    app = build_app(Config(backend="sandbox", sandbox_db=str(path)))
    freeze_startup_heap()  # as serve() does before it serves
    tool = "list-outgoing-invoices"
    backend_ms: list[float] = []
    served: dict[bool, list[float]] = {False: [], True: []}
    clock: list[float] = []
    in_server: list[float] = []

    async def server_clock(ctx: Any, call_next: Any) -> Any:
        """The server's whole share of a call: dispatcher, backend, text mirror and the SDK's result shaping."""
        started = time.perf_counter()
        try:
            return await call_next(ctx)
        finally:
            if ctx.method == "tools/call":
                clock.append((time.perf_counter() - started) * 1000)

    app.server.middleware.append(server_clock)
    async with Client(app.server, mode="legacy") as client:
        client_check = client.session.validate_tool_result

        async def no_client_check(name: str, result: Any) -> None:
            """The client's own jsonschema pass over structuredContent, left out: it runs in the host."""

        for n in range(calls + 1):  # the first round warms caches and compiled validators; it is not counted
            for checked in (False, True):
                client.session.validate_tool_result = client_check if checked else no_client_check  # type: ignore
                backend = await ms(lambda: app.backend.run_action(tool, BIG_PAGE))
                through = await ms(lambda: client.call_tool(tool, BIG_PAGE))
                if n:
                    backend_ms.append(backend)
                    served[checked].append(through)
                    in_server.append(clock[-1])
        answer = await client.call_tool(tool, BIG_PAGE)
    await app.backend.aclose()
    assert not answer.is_error and len(answer.structured_content["data"]) == 1000, "the page is not 1,000 rows"
    floor = Figure("SandboxBackend.run_action", "ms", backend_ms)
    comparisons = [
        Comparison("1,000 rows: the server's own time", Figure("in the server", "ms", in_server), floor, "<= 1.5"),
        Comparison("1,000 rows through the server", Figure("in-memory client", "ms", served[False]), floor, "<= 1.5"),
        Comparison(
            "  ... plus the Python client's output check",
            Figure("in-memory client, output check on", "ms", served[True]),
            floor,
            note="the host's cost, not the server's",
        ),
    ]
    return comparisons, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def served_rss(path: Path, answers: int) -> float:
    """Peak RSS of a stdio server process (``python -m faktoora_mcp``) after ``answers`` 1,000-row answers."""
    from mcp import Client
    from run import child_pids, faktoora, peak_rss_mb

    async with Client(faktoora(path), mode="legacy") as client:
        pid = max(child_pids())
        for _ in range(answers):
            await client.call_tool("list-outgoing-invoices", BIG_PAGE)
        return peak_rss_mb(pid)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: checks that it runs")
    parser.add_argument("--invoices", type=int, default=10_000, help="invoices in the sandbox (default 10,000)")
    parser.add_argument("--calls", type=int, default=30, help="interleaved end-to-end calls (default 30)")
    args = parser.parse_args()
    runs, repeat = (3, 2) if args.quick else (15, 20)
    for name, rows in (("all: true, 1,000 rows, cut at 60,000 chars", 1000), ("one page of 25 rows, fits", 25)):
        result = compare(name, answer(rows), runs, repeat)
        size = len(compact_json(answer(rows)))
        print(
            f"{result.name} ({size:,} chars whole): {result.ours.median:.3f} ms "
            f"[{result.ours.low:.3f}..{result.ours.high:.3f}] vs {result.floor.median:.3f} ms: "
            f"ratio {result.ratio:.2f}"
        )
    invoices, calls = (1_200, 2) if args.quick else (args.invoices, args.calls)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "text_mirror.sqlite3"
        seed(path, invoices)
        comparisons, rss = anyio.run(end_to_end, path, calls)
        served = anyio.run(served_rss, path, calls)
    for c in comparisons:
        floor = c.floor.samples if c.floor else [0.0]
        mean = statistics.mean(c.ours.samples) / statistics.mean(floor)  # full collections show in the mean
        print(
            f"{c.name} ({invoices:,} invoices): {c.ours.median:.2f} ms [{c.ours.low:.2f}..{c.ours.high:.2f}] vs "
            f"backend {statistics.median(floor):.2f} ms: ratio {c.ratio or 0:.2f} (of means {mean:.2f}) "
            f"{c.target} {c.note}".rstrip()
        )
    print(f"peak RSS of this process (server and client) after the 1,000-row answers: {rss:.1f} MB")
    print(f"peak RSS of a stdio server process after {calls} 1,000-row answers: {served:.1f} MB (target < 100)")
    print(json.dumps({"python": sys.version.split()[0], "runs": runs, "repeat": repeat, "calls": calls}))


if __name__ == "__main__":
    main()
