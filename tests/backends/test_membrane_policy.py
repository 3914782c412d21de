"""Retries, caches, the concurrency bound and read-only mode of the Membrane adapter, without processes."""

from __future__ import annotations

import anyio
import pytest

from faktoora_mcp.backends.base import ApiRequest
from faktoora_mcp.errors import BackendTimeout, FaktooraError, NotFound, PolicyRefused, UpstreamRejected
from tests.fixtures.membrane_runner import CONNECTION, ScriptedCli, backend_for, fail, ok

INTERNAL = fail(1, stderr='{"type": "internal", "message": "upstream hiccup"}')
RATE_LIMITED = fail(1, stdout='{"type": "bad_request", "key": "rate_limit_exceeded", "message": "slow down"}')


class Sleeps(list[float]):
    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


async def test_a_read_is_retried_with_backoff_until_it_works(cli: ScriptedCli) -> None:
    network_blip = fail(1, stderr="Error: socket hang up (ECONNRESET)")
    cli.answers["action run"] = [network_blip, RATE_LIMITED, ok({"output": "third time"})]
    sleeps = Sleeps()
    result = await backend_for(cli, sleep=sleeps).run_action("list-customers", {})
    assert result.output == "third time"
    assert len(cli.commands("action run")) == 3 and sleeps == [0.2, 0.8]


async def test_a_read_gives_up_after_three_tries(cli: ScriptedCli) -> None:
    cli.answers["action run"] = INTERNAL
    with pytest.raises(UpstreamRejected, match="upstream hiccup"):
        await backend_for(cli).run_action("list-customers", {})
    assert len(cli.commands("action run")) == 3


@pytest.mark.parametrize("answer", [TimeoutError(), INTERNAL, RATE_LIMITED, fail(1, stderr="socket hang up")])
async def test_a_write_is_never_retried(cli: ScriptedCli, answer) -> None:
    cli.answers["action run"] = answer
    with pytest.raises(FaktooraError):
        await backend_for(cli).run_action("create-customer", {"name": "x"})
    assert len(cli.commands("action run")) == 1


async def test_a_permanent_failure_of_a_read_is_not_retried(cli: ScriptedCli) -> None:
    cli.answers["action run"] = fail(1, stdout='{"key": "not_found", "message": "no such customer"}')
    with pytest.raises(NotFound):
        await backend_for(cli).run_action("get-customer", {"id": "nope"})
    assert len(cli.commands("action run")) == 1


async def test_a_write_classified_by_metadata_is_not_retried(cli: ScriptedCli) -> None:
    cli.answers["action run"] = TimeoutError()
    with pytest.raises(BackendTimeout) as caught:
        await backend_for(cli).run_action("act-del-inv", {})  # an id; its type says delete-data-record
    assert not caught.value.safe_to_retry and len(cli.commands("action run")) == 1


async def test_discovery_and_connection_lookups_are_retried(cli: ScriptedCli) -> None:
    cli.answers["connection list"] = [fail(1, stderr="Error: connect ECONNREFUSED"), ok({"items": [CONNECTION]})]
    cli.answers["action list"] = [INTERNAL, ok({"items": []})]
    assert await backend_for(cli).search_actions("customers") == ()
    searches = [argv for argv in cli.commands("action list") if "--intent=customers" in argv]
    assert len(cli.commands("connection list")) == 2 and len(searches) == 2
    # Membrane found nothing, so the live catalogue (empty too) was listed once for the local ranking.
    assert len(cli.commands("action list")) == 3


async def test_get_requests_are_retried_and_others_are_not(cli: ScriptedCli) -> None:
    cli.answers["request"] = [fail(1, stderr="Error: socket hang up"), ok({"data": []})]
    backend = backend_for(cli)
    assert (await backend.request(ApiRequest(method="GET", path="/customers"))).status == 200
    cli.answers["request"] = TimeoutError()
    with pytest.raises(BackendTimeout, match="may or may not"):
        await backend.request(ApiRequest(method="POST", path="/customers", body={}))
    assert len(cli.commands("request")) == 3


async def test_a_repeated_search_is_served_from_the_cache(cli: ScriptedCli) -> None:
    backend = backend_for(cli)
    first = await backend.search_actions("customers", limit=3)
    calls = len(cli.calls)
    assert await backend.search_actions("customers", limit=3) == first
    assert await backend.search_actions("  customers ", limit=3) == first
    assert len(cli.calls) == calls
    await backend.search_actions("customers", limit=4)
    assert len(cli.calls) == calls + 1


async def test_cached_searches_expire_after_the_ttl(cli: ScriptedCli) -> None:
    now = [1000.0]
    backend = backend_for(cli, cache_ttl=300, clock=lambda: now[0])
    await backend.search_actions("customers")
    now[0] += 299
    await backend.search_actions("customers")
    now[0] += 2
    await backend.search_actions("customers")
    assert len(cli.commands("action list")) == 2


async def test_a_failed_search_is_not_cached(cli: ScriptedCli) -> None:
    cli.answers["action list"] = [fail(1, stdout='{"key": "access_denied", "message": "no"}'), ok({"items": []})]
    backend = backend_for(cli)
    with pytest.raises(UpstreamRejected):
        await backend.search_actions("customers")
    assert await backend.search_actions("customers") == ()


async def test_concurrent_identical_searches_share_one_subprocess() -> None:
    cli = ScriptedCli(delay=0.05)
    backend = backend_for(cli)
    await backend.connection()
    results = []

    async def search() -> None:
        results.append(await backend.search_actions("invoices", limit=5))

    async with anyio.create_task_group() as group:
        for _ in range(5):
            group.start_soon(search)
    assert len(cli.commands("action list")) == 1
    assert len(results) == 5 and all(r == results[0] for r in results)


async def test_concurrent_first_calls_check_the_cli_and_connection_once() -> None:
    cli = ScriptedCli(delay=0.02)
    backend = backend_for(cli)
    async with anyio.create_task_group() as group:
        for _ in range(6):
            group.start_soon(backend.run_action, "list-customers", {})
    assert [len(cli.commands(c)) for c in ("--help", "connection list", "action list", "action run")] == [1, 1, 1, 6]


async def test_no_more_processes_run_at_once_than_the_bound() -> None:
    cli = ScriptedCli(delay=0.02)
    backend = backend_for(cli, max_concurrency=3)
    await backend.run_action("list-customers", {})
    async with anyio.create_task_group() as group:
        for _ in range(10):
            group.start_soon(backend.run_action, "list-customers", {})
    assert cli.max_in_flight == 3
    assert len(cli.commands("action run")) == 11


async def test_read_only_refuses_a_write_key_before_any_subprocess(cli: ScriptedCli) -> None:
    with pytest.raises(PolicyRefused, match="read-only"):
        await backend_for(cli, read_only=True).run_action("create-customer", {"name": "x"})
    assert cli.calls == []


async def test_read_only_refuses_a_write_known_only_from_its_metadata(cli: ScriptedCli) -> None:
    with pytest.raises(PolicyRefused):
        await backend_for(cli, read_only=True).run_action("act-del-inv", {})
    assert cli.commands("action run") == []


async def test_read_only_runs_reads_including_those_known_from_metadata(cli: ScriptedCli) -> None:
    backend = backend_for(cli, read_only=True)
    await backend.run_action("list-customers", {})
    await backend.run_action("invoice-overview", {})  # no read prefix, but a search-data-record action
    assert len(cli.commands("action run")) == 2


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
async def test_read_only_refuses_requests_that_are_not_get(cli: ScriptedCli, method: str) -> None:
    backend = backend_for(cli, read_only=True)
    with pytest.raises(PolicyRefused, match="GET"):
        await backend.request(ApiRequest(method=method, path="/customers"))
    assert cli.calls == []
    await backend.request(ApiRequest(method="GET", path="/customers"))
