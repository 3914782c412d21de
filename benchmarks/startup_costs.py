"""What a cold start and a first call cost, part by part, so that the next regression is seen when it lands.

    python benchmarks/startup_costs.py [--runs N]

(1) In a fresh interpreter per run: importing the SDK (what the bare server pays too), importing faktoora-mcp,
    building the app, freezing the heap, serialising tools/list, and what a ``gc.collect()`` before the freeze
    would add (it was there until issue 26: ~51-57 ms for ~10 unreachable objects).
(2) Over stdio: the first tool call after tools/list and a pause (the host thinking), against the second: a read
    (list-customers), and a search-actions with a mistyped word (the ranking's data, index and rapidfuzz).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio
from common import Comparison, Figure, print_table, server_env
from mcp import Client, StdioServerParameters

ROOT = Path(__file__).resolve().parent.parent
HOST_THINKING = 0.5
"""Seconds between tools/list and the first call: less than any model takes to choose a tool."""

PHASES = """
import gc, json, sys, time
marks = [time.perf_counter()]
import mcp.server, mcp.server.stdio  # what the bare server imports too
marks.append(time.perf_counter())
from faktoora_mcp.app import build_app
from faktoora_mcp.config import Config
marks.append(time.perf_counter())
app = build_app(Config(backend="sandbox", sandbox_db=sys.argv[1]))
marks.append(time.perf_counter())
gc.freeze()
marks.append(time.perf_counter())
from mcp import types
from faktoora_mcp.server import wire_tool
listed = types.ListToolsResult(tools=[wire_tool(tool) for tool in app.dispatcher.listed()])
marks.append(time.perf_counter())
listed.model_dump_json(by_alias=True, exclude_none=True)  # as the SDK answers tools/list
marks.append(time.perf_counter())
gc.unfreeze()
gc.collect()
marks.append(time.perf_counter())
print(json.dumps([1000 * (b - a) for a, b in zip(marks, marks[1:])]))
"""
PHASE_NAMES = (
    "import the SDK (the bare server too)",
    "import faktoora-mcp",
    "build the app (catalog, backend, tools)",
    "gc.freeze()",
    "tools/list as SDK models",
    "tools/list serialised",
    "gc.collect() (no longer run)",
)


def phases(db: Path, runs: int) -> list[Comparison]:
    samples: list[list[float]] = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", PHASES, str(db)], capture_output=True, text=True, check=True, env=server_env()
        )
        samples.append(json.loads(done.stdout))
    return [
        Comparison(f"start-up: {name}", Figure("in-process", "ms", [run[i] for run in samples]), None)
        for i, name in enumerate(PHASE_NAMES)
    ]


LIST = ("list-customers", {"perPage": 5}, {"perPage": 5})
SEARCH = ("search-actions", {"intent": "Rechnnug an Becker stornieren"}, {"intent": "custmer Wagner anlegen"})
"""The calls timed, first and second: a read, and two searches each with a slip of the keyboard (two requests, so
that the second is not answered from a memo)."""


def first_call(db: Path, runs: int, call: tuple[str, dict[str, object], dict[str, object]] = LIST) -> Comparison:
    """Raw JSON-RPC lines over the server's stdio: the time is the server's, not an SDK client's (which compiles
    the output schema's validator on its own first call)."""
    tool, *arguments = call
    command = [sys.executable, "-m", "faktoora_mcp", "--backend", "sandbox", "--sandbox-db", str(db)]
    first, second = [], []
    for _ in range(runs):
        server = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=server_env()
        )
        assert server.stdin is not None and server.stdout is not None
        try:
            ask(server, "initialize", INITIALIZE, 1)
            send(server, {"jsonrpc": "2.0", "method": "notifications/initialized"})
            ask(server, "tools/list", {}, 2)
            time.sleep(HOST_THINKING)
            for request_id, sink, given in ((3, first, arguments[0]), (4, second, arguments[1])):
                started = time.perf_counter()
                answer = ask(server, "tools/call", {"name": tool, "arguments": given}, request_id)
                sink.append((time.perf_counter() - started) * 1000)
                assert not answer["result"].get("isError"), answer
        finally:
            server.stdin.close()
            server.wait(timeout=30)
    return Comparison(
        f"first call after tools/list vs the second: {tool}",
        Figure("first call", "ms", first),
        Figure("second call", "ms", second),
        target="ratio <= 3",
    )


INITIALIZE = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "0"}}


def send(server: subprocess.Popen[bytes], message: dict[str, object]) -> None:
    server.stdin.write((json.dumps(message) + "\n").encode())  # type: ignore[union-attr]
    server.stdin.flush()  # type: ignore[union-attr]


def ask(server: subprocess.Popen[bytes], method: str, params: dict[str, object], request_id: int) -> dict:
    send(server, {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
    while True:
        answer = json.loads(server.stdout.readline())  # type: ignore[union-attr]
        if answer.get("id") == request_id:
            return answer


async def measure(runs: int, db: Path | None = None) -> list[Comparison]:
    """``db``: an existing sandbox file to start on (run.py's); without it one is seeded first."""
    if db is not None:
        return [*phases(db, runs), first_call(db, runs)]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "startup.sqlite3"
        async with Client(
            StdioServerParameters(
                command=sys.executable, args=["-m", "faktoora_mcp", "--sandbox-db", str(db)], env=server_env()
            ),
            mode="legacy",
        ) as client:
            await client.call_tool("list-customers", {"perPage": 1})  # seeded once: start-ups open a file
        return [*phases(db, runs), first_call(db, runs), first_call(db, runs, SEARCH)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    print_table(anyio.run(measure, parser.parse_args().runs))
