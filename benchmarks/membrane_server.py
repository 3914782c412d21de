"""Membrane through the whole server: faktoora-mcp over stdio driving the fake ``membrane`` CLI.

(3) a tool call through the server against invoking the same fake CLI directly, interleaved;
(4) search-actions: the first call against a repeated identical one (served from the adapter's cache);
(5) 8 concurrent tool calls against a fake that takes 200 ms each, with the default bound of 4.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import anyio
from common import Comparison, Figure, server_env
from mcp import Client, StdioServerParameters

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures.fake_membrane import CONNECTION_ID, install  # noqa: E402

CONCURRENT_CALLS = 8
DELAY_MS = 200


def membrane_server(binary: Path, db: Path | None, delay_ms: int = 0) -> StdioServerParameters:
    """The server on the fake CLI; ``db=None`` serves the fake's small echo catalogue (no sandbox start-up cost)."""
    env = server_env(
        FAKE_MEMBRANE_DELAY_MS=str(delay_ms),
        FAKTOORA_MCP_CATALOGUE_CACHE="off",  # a benchmark must not leave a live catalogue for the next start
        **({"FAKE_MEMBRANE_DB": str(db)} if db else {}),
    )
    args = ["-m", "faktoora_mcp", "--backend", "membrane", "--membrane-bin", str(binary)]
    return StdioServerParameters(command=sys.executable, args=args, env=env, cwd=str(ROOT))


async def through_server(binary: Path, db: Path, runs: int) -> Comparison:
    env = server_env(FAKE_MEMBRANE_DB=str(db))
    arguments = {"perPage": 5}
    argv = [str(binary), "action", "run", "list-customers", f"--connectionId={CONNECTION_ID}",
            f"--input={json.dumps(arguments)}", "--json"]  # fmt: skip
    ours, direct = [], []
    async with Client(membrane_server(binary, db), mode="legacy") as client:
        await client.call_tool("list-customers", arguments)  # warm: binary checked, connection and actions cached
        for _ in range(runs):
            started = time.perf_counter()
            await anyio.run_process(argv, env=env, check=True)
            direct.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            result = await client.call_tool("list-customers", arguments)
            ours.append((time.perf_counter() - started) * 1000)
            assert not result.is_error, result.content
    return Comparison(
        "membrane: list-customers via server vs CLI",
        Figure("through server", "ms", ours),
        Figure("fake CLI directly", "ms", direct),
        target="ratio <= 1.05",
    )


async def discovery_cache(binary: Path, db: Path, runs: int) -> Comparison:
    first, repeated = [], []
    for _ in range(runs):
        async with Client(membrane_server(binary, db), mode="legacy") as client:
            await client.call_tool("list-webhooks", {})  # warm the connection, so only the search differs
            for sink in (first, repeated):
                started = time.perf_counter()
                await client.call_tool("search-actions", {"intent": "overdue invoices"})
                sink.append((time.perf_counter() - started) * 1000)
    return Comparison(
        "membrane: search-actions repeated vs first",
        Figure("repeated (cache)", "ms", repeated),
        Figure("first (subprocess)", "ms", first),
        target="repeated < 1 ms in-process",
    )


async def concurrency(binary: Path, runs: int) -> Comparison:
    """The CLI's 200 ms is a sleep, not sandbox work, so that two cores measure the bound and not CPU contention."""
    walls = []
    async with Client(membrane_server(binary, None, DELAY_MS), mode="legacy") as client:
        await client.call_tool("list-webhooks", {})
        for _ in range(runs):
            started = time.perf_counter()
            async with anyio.create_task_group() as group:
                for _ in range(CONCURRENT_CALLS):
                    group.start_soon(client.call_tool, "list-customers", {"perPage": 5})
            walls.append((time.perf_counter() - started) * 1000)
    serial = [CONCURRENT_CALLS * DELAY_MS] * len(walls)
    return Comparison(
        f"membrane: {CONCURRENT_CALLS} concurrent calls, {DELAY_MS} ms each",
        Figure("wall, bound 4", "ms", walls),
        Figure("one at a time (8 rounds)", "ms", serial),
        target="about 2 rounds (ratio ~0.25-0.4)",
    )


async def run(*, quick: bool) -> list[Comparison]:
    runs = 1 if quick else 30  # quick: each section runs once (the smoke test checks it works, not its numbers)
    with tempfile.TemporaryDirectory() as tmp:
        binary, db = install(Path(tmp)), Path(tmp) / "fake.sqlite3"
        return [
            await through_server(binary, db, runs),
            await discovery_cache(binary, db, 1 if quick else 5),
            await concurrency(binary, 1 if quick else 5),
        ]
