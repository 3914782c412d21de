"""The real thing: faktoora-mcp as a subprocess over stdio (stdout holds only protocol) and over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading

import pytest
from mcp import Client, StdioServerParameters

pytestmark = pytest.mark.subprocess

STARTUP_TIMEOUT = 30  # seconds: a cold interpreter with the SDK imported, on a loaded 2-core CI machine


def server_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("HOME", "PATH", "LANG", "TMPDIR", "XDG_CACHE_HOME")}
    return env | extra


def jsonrpc(message: dict) -> bytes:
    return (json.dumps(message) + "\n").encode()


def test_stdio_stdout_holds_nothing_but_protocol_messages(tmp_path):
    messages = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-11-25",
                "capabilities": {},
                "clientInfo": {"name": "t", "version": "0"},
            },
        },
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        {
            "jsonrpc": "2.0",
            "id": 3,
            "method": "tools/call",
            "params": {"name": "list-customers", "arguments": {"perPage": 2}},
        },
        {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "get-customer", "arguments": {}}},
    ]
    command = [
        sys.executable,
        "-m",
        "faktoora_mcp",
        "--sandbox-db",
        str(tmp_path / "s.sqlite3"),
        "--log-level",
        "debug",
    ]
    server = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=server_env(FAKTOORA_MCP_BACKEND="sandbox"),
    )
    watchdog = threading.Timer(STARTUP_TIMEOUT, server.kill)  # a hung server fails the test instead of hanging it
    watchdog.start()
    try:
        server.stdin.write(b"".join(map(jsonrpc, messages)))
        server.stdin.flush()
        replies = []
        while len([r for r in replies if "id" in r]) < 4:  # stdin stays open until every answer is in
            line = server.stdout.readline()
            assert line, "the server closed stdout early"
            replies.append(json.loads(line))  # every stdout line is a JSON-RPC message
        server.stdin.close()
        rest = server.stdout.read()
        server.wait()
    finally:
        watchdog.cancel()
    assert rest == b""  # nothing else reached stdout, not even at exit
    assert all(reply["jsonrpc"] == "2.0" for reply in replies)
    by_id = {reply["id"]: reply for reply in replies if "id" in reply}
    assert len(by_id[2]["result"]["tools"]) == 20  # the default toolsets
    assert len(by_id[3]["result"]["structuredContent"]["data"]) == 2
    assert by_id[4]["result"]["isError"] is True
    stderr = server.stderr.read().decode()
    assert "OFFLINE SANDBOX" in stderr  # the start-up log says plainly that this is demo data


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_an_sdk_client_lists_and_calls_over_stdio(tmp_path, mode):
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "faktoora_mcp", "--backend", "sandbox", "--sandbox-db", str(tmp_path / "c.sqlite3")],
        env=server_env(),
    )
    async with Client(params, mode=mode) as client:
        tools = (await client.list_tools()).tools
        result = await client.call_tool("list-customers", {"perPage": 3, "sort": "name", "order": "asc"})
    assert len(tools) == 20  # the default toolsets
    names = [row["name"] for row in result.structured_content["data"]]
    assert names == sorted(names) and len(names) == 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def http_port(tmp_path):
    """faktoora-mcp serving Streamable HTTP on a free loopback port, ready when uvicorn says it is running."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "faktoora_mcp",
        "--backend",
        "sandbox",
        "--sandbox-db",
        str(tmp_path / "h.sqlite3"),
        "--transport",
        "http",
        "--port",
        str(port),
        "--log-level",
        "info",
    ]
    server = subprocess.Popen(command, env=server_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watchdog = threading.Timer(STARTUP_TIMEOUT, server.kill)
    watchdog.start()
    seen = []
    for line in iter(server.stderr.readline, b""):  # ends when the server dies (or the watchdog kills it)
        seen.append(line.decode())
        if "Uvicorn running on" in seen[-1]:
            break
    watchdog.cancel()
    assert server.poll() is None, "".join(seen)
    yield port
    server.terminate()
    server.wait(timeout=10)


async def test_streamable_http_serves_both_eras(http_port):
    for mode in ("auto", "legacy"):
        async with Client(f"http://127.0.0.1:{http_port}/mcp", mode=mode) as client:
            tools = (await client.list_tools()).tools
            result = await client.call_tool("list-customers", {"perPage": 2})
        assert len(tools) == 20 and result.is_error is False  # the default toolsets
