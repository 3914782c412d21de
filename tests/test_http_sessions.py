"""A flood of initialize requests cannot lock clients out: the session table makes room from the flooder.

The server runs with small caps so that every initialize past the first few goes through eviction, the
same path a flood against the default caps (1,000 in all, 100 per address) takes; `benchmarks/http_flood.py`
runs the 10,000-initialize case against the defaults.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator

import anyio
import httpx2 as httpx
import pytest
from mcp import Client

from faktoora_mcp.http_sessions import BoundedSessionManager
from tests.test_http import ACCEPT, INITIALIZE, PING, Served, post, serve

pytestmark = pytest.mark.subprocess

MAX_SESSIONS, PER_CLIENT = 30, 10
FLOODERS = ("127.0.0.2", "127.0.0.3", "127.0.0.4")  # other source addresses on the loopback interface
FLOOD_EACH = 100
CONCURRENCY = 8  # below PER_CLIENT, so a flooder always has an idle session of its own to give up


@pytest.fixture(scope="module")
def capped(tmp_path_factory) -> Iterator[Served]:
    flags = ("--max-sessions", str(MAX_SESSIONS), "--max-sessions-per-client", str(PER_CLIENT))
    served = serve(tmp_path_factory.mktemp("capped"), *flags)
    yield served
    served.stop()


async def flood(url: str, source: str, count: int) -> Counter[int]:
    """``count`` initialize requests from ``source``, never coming back to the sessions they open."""
    statuses: Counter[int] = Counter()
    limit = anyio.Semaphore(CONCURRENCY)
    transport = httpx.AsyncHTTPTransport(local_address=source)
    async with httpx.AsyncClient(transport=transport, headers=ACCEPT, timeout=30) as http:

        async def one() -> None:
            async with limit:
                statuses[(await http.post(url, json=INITIALIZE)).status_code] += 1

        async with anyio.create_task_group() as tasks:
            for _ in range(count):
                tasks.start_soon(one)
    return statuses


def session_of(response: httpx.Response) -> dict[str, str]:
    return {"mcp-session-id": response.headers["mcp-session-id"], "mcp-protocol-version": "2025-11-25"}


async def test_a_session_open_before_a_flood_from_other_addresses_survives_it(capped):
    mine = session_of(post(capped.url, INITIALIZE))
    for source in FLOODERS:
        assert await flood(capped.url, source, FLOOD_EACH) == {200: FLOOD_EACH}  # never a 503
    assert post(capped.url, PING, **mine).status_code == 200  # not pushed out: the flooders paid


async def test_after_a_flood_from_its_own_address_a_new_client_still_connects(capped):
    assert await flood(capped.url, "127.0.0.1", FLOOD_EACH) == {200: FLOOD_EACH}
    async with Client(capped.url, mode="legacy") as client:  # the handshake era needs a session; 2026-07-28 not
        tools = (await client.list_tools()).tools
        result = await client.call_tool("list-customers", {"perPage": 2})
    assert len(tools) == 20 and result.is_error is False  # the default toolsets


def test_the_sdk_internals_the_manager_builds_on_are_still_there():
    """BoundedSessionManager overrides these; an SDK release that renames them must fail here, not in a flood."""
    from mcp.server.streamable_http_manager import StreamableHTTPSessionManager

    for name in ("_admit_session", "_discard_session", "_handle_stateful_request"):
        assert callable(getattr(StreamableHTTPSessionManager, name, None)), name
        assert name in vars(BoundedSessionManager), name
    manager = StreamableHTTPSessionManager(app=None)  # type: ignore[arg-type]
    assert isinstance(manager._server_instances, dict)


# -- a session belongs to whoever made it, a held GET stream does not make it immortal, logs show a prefix ---


def test_a_session_cannot_be_used_or_ended_from_another_address(capped):
    mine = session_of(post(capped.url, INITIALIZE))
    with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.9"), headers=ACCEPT, timeout=30) as other:
        assert other.delete(capped.url, headers=mine).status_code == 404  # as if it did not exist
        assert other.post(capped.url, json=PING, headers=mine).status_code == 404
    assert post(capped.url, PING, **mine).status_code == 200  # still mine, still alive


LOG_WAIT = 10.0
"""Seconds a log line may trail the answer it belongs to on a loaded machine (CI runs on 2 cores)."""


def test_session_ids_reach_the_log_only_by_their_prefix(capped):
    session = session_of(post(capped.url, INITIALIZE))["mcp-session-id"]
    deadline = time.monotonic() + LOG_WAIT  # the server's stderr is read by a thread: its line may trail the answer
    while session[:8] not in capped.log and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session[:8] in capped.log
    assert session not in capped.log


async def test_sessions_holding_only_a_get_stream_give_way_to_a_new_session(capped):
    source = "127.0.0.7"
    transport = httpx.AsyncHTTPTransport(local_address=source)
    async with (
        httpx.AsyncClient(transport=transport, headers=ACCEPT, timeout=30) as http,
        anyio.create_task_group() as streams,
    ):
        for _ in range(PER_CLIENT):  # this address's whole share, each session holding a GET stream open
            made = await http.post(capped.url, json=INITIALIZE)
            headers = session_of(made) | {"Accept": "text/event-stream"}
            opened = anyio.Event()

            async def hold(headers: dict[str, str] = headers, opened: anyio.Event = opened) -> None:
                async with http.stream("GET", capped.url, headers=headers) as stream:
                    opened.set()
                    async for _ in stream.aiter_bytes():
                        pass

            streams.start_soon(hold)
            await opened.wait()
        assert (await http.post(capped.url, json=INITIALIZE)).status_code == 200  # not 503
        streams.cancel_scope.cancel()
