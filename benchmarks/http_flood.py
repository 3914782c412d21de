"""Flood the HTTP transport with unauthenticated initialize requests, then see whether a client still connects.

    python benchmarks/http_flood.py                 # 10,000 initializes against faktoora-mcp and the SDK floor
    python benchmarks/http_flood.py --count 2000    # quicker
    python benchmarks/http_flood.py --slow 2000     # 2,000 connections that never finish their headers
    python benchmarks/http_flood.py --slow 2000 --nofile 1024   # ... against servers with 1,024 descriptors

``--slow N`` opens N connections from 40 loopback addresses (127.0.1.x, never the client's 127.0.0.1), each
sending half a request line and then nothing, and holds them for ``SLOW_SECONDS``; meanwhile a legitimate
client connects, lists tools and disconnects every ``PROBE_EVERY`` seconds. Printed per server: how many
probes were served and the slowest one, and how many of the slow connections the server had closed.

Both servers run on loopback with their defaults: faktoora-mcp (1,000 sessions, 100 per address, idle 600 s,
eviction of the longest-idle session) and the floor, a bare SDK server behind ``Server.streamable_http_app``
(10,000 sessions, idle 30 min, 503 when full: the default count just fills it). The flood comes from 127.0.0.1,
the address the legitimate client uses too: the worst case, where a per-address cap alone would not help.
Printed per server: the status codes of the flood, its duration, whether a fresh handshake-era SDK client then
lists tools, and the server's resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from functools import partial
from pathlib import Path

import anyio
import httpx2 as httpx
from mcp import Client

ROOT = Path(__file__).resolve().parent.parent
SHUTDOWN_TIMEOUT = 10  # seconds a server gets to stop before it is killed
CONCURRENCY = 32  # concurrent requests of the flood: enough to keep one server process busy
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "flood", "version": "0"}},
}
ACCEPT = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
FLOOR = (
    "import sys, uvicorn; sys.path.insert(0, 'benchmarks'); from bare_server import server; "
    "uvicorn.run(server.streamable_http_app(), host='127.0.0.1', port=int(sys.argv[1]), log_level='info')"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(name: str, port: int, workdir: Path) -> subprocess.Popen[bytes]:
    if name == "faktoora-mcp":
        command = [sys.executable, "-m", "faktoora_mcp", "--backend", "sandbox", "--sandbox-db", str(workdir / "f.db")]
        command += ["--transport", "http", "--port", str(port), "--log-level", "info"]
    else:
        command = [sys.executable, "-c", FLOOR, str(port)]
    limit = partial(resource.setrlimit, resource.RLIMIT_NOFILE, (NOFILE, NOFILE)) if NOFILE else None
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)
    for line in iter(server.stderr.readline, b""):
        if b"Uvicorn running on" in line:
            break
    # Keep draining the access log, or the server blocks on a full pipe.
    threading.Thread(target=lambda: server.stderr.read(), daemon=True).start()
    return server


async def flood(url: str, count: int) -> Counter[int]:
    statuses: Counter[int] = Counter()
    limit = anyio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(headers=ACCEPT, timeout=60) as http:

        async def one() -> None:
            async with limit:
                statuses[(await http.post(url, json=INITIALIZE)).status_code] += 1

        async with anyio.create_task_group() as tasks:
            for _ in range(count):
                tasks.start_soon(one)
    return statuses


async def client_connects(url: str) -> str:
    """A handshake-era client (as Claude Desktop and the Inspector are): it needs a session; a 2026-07-28
    client would not, so it would prove nothing here."""
    try:
        async with Client(url, mode="legacy") as client:
            return f"yes, {len((await client.list_tools()).tools)} tools listed"
    except Exception as exc:  # the point is to report how it fails
        while isinstance(exc, ExceptionGroup) and len(exc.exceptions) == 1:
            exc = exc.exceptions[0]
        return f"no: {type(exc).__name__}: {str(exc)[:160]}"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run(name: str, count: int, workdir: Path) -> None:
    port = free_port()
    server = start(name, port, workdir)
    url = f"http://127.0.0.1:{port}/mcp"
    try:
        began = time.perf_counter()
        statuses = await flood(url, count)
        seconds = time.perf_counter() - began
        verdict = await client_connects(url)
        print(f"{name}: {count:,} initializes in {seconds:.1f} s, statuses {dict(sorted(statuses.items()))}; ")
        print(f"  then a new client connects: {verdict}; server RSS {rss_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        try:
            server.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            server.kill()  # the floor may still be closing thousands of sessions
            server.wait()


NOFILE = 0  # --nofile: the servers' descriptor limit (1,024 is a common default); 0 keeps this shell's
SLOW_SECONDS = 15.0  # longer than faktoora-mcp's 10 s header deadline, so its effect shows
PROBE_EVERY = 1.0  # seconds between the legitimate client's visits
SLOW_SOURCES = 40  # loopback addresses the slow connections come from
PROBE_TIMEOUT = 10.0  # seconds one visit may take before it counts as not served


async def hold_slow(port: int, index: int, closed: list[int]) -> None:
    """One connection that sends half a request and then nothing, until the server closes it or time is up."""
    source = f"127.0.1.{index % SLOW_SOURCES + 1}"
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    except OSError:
        closed.append(index)  # refused outright
        return
    writer.write(b"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    try:
        await asyncio.wait_for(reader.read(), SLOW_SECONDS)
        closed.append(index)
    except (TimeoutError, OSError):
        pass
    finally:
        writer.close()


async def probe(url: str) -> float | None:
    began = time.perf_counter()
    try:
        with anyio.fail_after(PROBE_TIMEOUT):
            async with Client(url, mode="legacy") as client:
                await client.list_tools()
    except Exception:  # the point is to count the visits that were not served
        return None
    return time.perf_counter() - began


async def slow_run(name: str, count: int, workdir: Path) -> None:
    port = free_port()
    server = start(name, port, workdir)
    url = f"http://127.0.0.1:{port}/mcp"
    closed: list[int] = []
    served: list[float | None] = []
    try:
        holders = [asyncio.ensure_future(hold_slow(port, i, closed)) for i in range(count)]
        deadline = time.perf_counter() + SLOW_SECONDS
        while time.perf_counter() < deadline:
            served.append(await probe(url))
            await asyncio.sleep(PROBE_EVERY)
        await asyncio.gather(*holders)
    finally:
        server.terminate()
        try:
            server.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    times = [t for t in served if t is not None]
    slowest = f"{max(times):.2f} s" if times else "-"
    print(f"{name}: {count:,} slow connections for {SLOW_SECONDS:g} s; a legitimate client was served")
    each = ", ".join(f"{t:.2f}" if t is not None else "none" for t in served)
    print(f"  {len(times)} of {len(served)} visits (slowest {slowest}; each: {each} s); it closed {len(closed):,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--only", choices=["faktoora-mcp", "floor"])
    parser.add_argument("--slow", type=int, metavar="N", help="hold N connections that never finish their headers")
    parser.add_argument("--nofile", type=int, default=0, help="the servers' descriptor limit, e.g. 1024")
    args = parser.parse_args()
    global NOFILE
    NOFILE = args.nofile
    with tempfile.TemporaryDirectory() as workdir:
        for name in [args.only] if args.only else ["faktoora-mcp", "floor"]:
            if args.slow:
                asyncio.run(slow_run(name, args.slow, Path(workdir)))
            else:
                anyio.run(run, name, args.count, Path(workdir))


if __name__ == "__main__":
    main()
