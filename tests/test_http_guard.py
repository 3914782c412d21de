"""A connection cannot hold the HTTP server: headers and bodies have deadlines, addresses and the server caps.

A real uvicorn server on loopback, with the settings ``http.uvicorn_config`` gives it and deadlines shortened
so the tests stay quick. The attackers connect from 127.0.0.2, the legitimate client from 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pytest
import uvicorn

from faktoora_mcp.config import Config
from faktoora_mcp.http import uvicorn_config
from faktoora_mcp.http_guard import GuardLimits, RefusalLog

WAIT = 5.0  # seconds a test waits for the server to close a connection; the deadlines below are far shorter
LIMITS = GuardLimits(header_timeout=0.3, body_timeout=0.3, max_per_client=4, max_total=50)
LOG_INTERVAL = 600.0  # seconds between refusal lines here: longer than any test, so the count is exact


async def hello(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"ok"})


@dataclass
class Served:
    port: int
    opened: list[asyncio.StreamWriter]

    async def connect(self, source: str = "127.0.0.2") -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port, local_addr=(source, 0))
        self.opened.append(writer)
        return reader, writer


@asynccontextmanager
async def serving(limits: GuardLimits) -> AsyncIterator[Served]:
    config = uvicorn_config(hello, Config(host="127.0.0.1", port=0, log_level="warning"), limits)
    server = uvicorn.Server(config)
    listener = socket.create_server(("127.0.0.1", 0))  # bound before serving: connections wait in its backlog
    task = asyncio.create_task(server.serve(sockets=[listener]))
    served = Served(listener.getsockname()[1], [])
    try:
        yield served
    finally:
        for writer in served.opened:  # a test that failed leaves its connections open: close them, never hang
            writer.close()
        server.should_exit = True
        await asyncio.wait_for(task, WAIT)


@pytest.fixture
async def served() -> AsyncIterator[Served]:
    async with serving(GuardLimits(**{**LIMITS.__dict__, "log": RefusalLog(LOG_INTERVAL)})) as running:
        yield running


@pytest.fixture
async def patient() -> AsyncIterator[Served]:
    """Header deadlines far longer than the test: only eviction can make room."""
    limits = GuardLimits(**{**LIMITS.__dict__, "header_timeout": 600.0, "log": RefusalLog(LOG_INTERVAL)})
    async with serving(limits) as running:
        yield running


async def get(served: Served) -> bytes:
    reader, writer = await served.connect("127.0.0.1")
    writer.write(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    return await asyncio.wait_for(reader.read(), WAIT)


async def test_a_connection_that_never_finishes_its_headers_is_closed(served: Served) -> None:
    reader, writer = await served.connect()
    writer.write(b"POST /mcp HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    assert await asyncio.wait_for(reader.read(), WAIT) == b""  # closed, not held forever


async def test_a_body_that_never_arrives_in_full_is_closed(served: Served) -> None:
    reader, writer = await served.connect()
    writer.write(b'POST /mcp HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"jsonrpc"')
    assert await asyncio.wait_for(reader.read(), WAIT) == b""


async def test_one_address_holds_its_share_and_others_are_still_served(served: Served) -> None:
    for _ in range(LIMITS.max_per_client):  # held open, silent
        await served.connect()
    reader, _ = await served.connect()  # one too many from 127.0.0.2
    assert await asyncio.wait_for(reader.read(), WAIT) == b""
    assert (await get(served)).endswith(b"ok")  # 127.0.0.1 is not locked out


async def test_a_flood_of_refusals_logs_one_line_per_interval(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "faktoora_mcp.http_guard")
    for _ in range(LIMITS.max_per_client):  # held open, silent
        await served.connect()
    extra = [await served.connect() for _ in range(20)]
    for reader, _ in extra:
        assert await asyncio.wait_for(reader.read(), WAIT) == b""
    lines = [r for r in caplog.records if r.name == "faktoora_mcp.http_guard"]
    assert len(lines) == 1, [r.getMessage() for r in lines]  # the interval is longer than this test
    assert "127.0.0.2" in lines[0].getMessage()


async def test_a_full_server_closes_the_slowest_half_sent_request_to_serve_a_new_client(patient: Served) -> None:
    silent = []
    for index in range(LIMITS.max_total):  # the whole table, from many addresses, none over its own cap
        reader, writer = await patient.connect(f"127.0.1.{index // LIMITS.max_per_client + 1}")
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n")  # headers begun, never finished
        silent.append(reader)
    assert (await get(patient)).endswith(b"ok")  # served at once, not after the header deadline
    assert await asyncio.wait_for(silent[0].read(), WAIT) == b""  # the oldest half-sent request made room


async def test_a_kept_alive_connection_serves_requests_one_after_another(served: Served) -> None:
    reader, writer = await served.connect("127.0.0.1")
    for _ in range(3):
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), WAIT)
        assert head.startswith(b"HTTP/1.1 200")
        assert await reader.readexactly(2) == b"ok"
        await asyncio.sleep(LIMITS.header_timeout * 1.5)  # idle between requests is keep-alive's business
    writer.close()
