"""Read-only backends on their own: reads run through every route (by key, by discovered id, GET and HEAD
requests) and writes are refused before they reach the data, on the sandbox and on Membrane (fake CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from faktoora_mcp.backends.base import ApiRequest, Backend
from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.errors import PolicyRefused
from tests.backends.test_contract import NEW_CUSTOMER


def read_only_sandbox(directory: Path) -> Backend:
    return SandboxBackend(directory / "ro.sqlite3", read_only=True)


def read_only_membrane(directory: Path) -> Backend:
    """The fake CLI's program in this process (as the contract suite runs it): the refusals come before any
    CLI call, and the process boundary is the business of the tests marked ``subprocess``."""
    from tests.fixtures.fake_membrane_env import FakeCli

    cli = FakeCli(directory)
    cli.env["FAKE_MEMBRANE_DB"] = str(directory / "ro.sqlite3")
    return cli.backend(timeout=60, read_only=True, in_process=True)


@pytest.fixture(params=[read_only_sandbox, read_only_membrane], ids=["sandbox", "membrane-fake"])
async def backend(request: pytest.FixtureRequest, tmp_path: Path):
    made = request.param(tmp_path)
    yield made
    await made.aclose()


async def test_a_read_only_backend_runs_reads_by_key_and_by_discovered_id(backend: Backend) -> None:
    listed = await backend.run_action("list-customers", {"perPage": 2})
    info = await backend.describe_action("list-customers")
    by_id = await backend.run_action(info.id, {"perPage": 1})
    assert info.read_only and len(listed.output["data"]) == 2 and len(by_id.output["data"]) == 1


async def test_a_read_only_backend_sends_get_and_refuses_writes(backend: Backend) -> None:
    got = await backend.request(ApiRequest("GET", "/customers", query={"perPage": "1"}))
    assert got.status == 200
    with pytest.raises(PolicyRefused, match="read-only"):
        await backend.run_action("create-customer", NEW_CUSTOMER)
    try:  # Membrane refuses before any process; the sandbox answers like the REST API would, with a 403
        refused = await backend.request(ApiRequest("POST", "/customer", body=NEW_CUSTOMER))
    except PolicyRefused as exc:
        assert "read-only" in exc.message
    else:
        assert refused.status == 403 and "read-only" in str(refused.body["message"])
    after = await backend.run_action("list-customers", {"keywords": [NEW_CUSTOMER["name"]]})
    assert after.output["data"] == []  # nothing was created on either path


async def test_a_read_only_sandbox_answers_head_like_get_without_a_body(tmp_path: Path) -> None:
    backend = read_only_sandbox(tmp_path)
    head = await backend.request(ApiRequest("HEAD", "/customers"))
    await backend.aclose()
    assert head.status == 200 and head.body is None


async def test_through_the_server_a_read_only_membrane_reads_via_run_action_and_api_request(
    make_app, client_for, tmp_path: Path
) -> None:
    backend = read_only_membrane(tmp_path)
    async with client_for(make_app(backend, read_only=True)) as client:
        names = {t.name for t in (await client.list_tools()).tools}
        ran = await client.call_tool("run-action", {"action": "list-customers", "input": {"perPage": 1}})
        got = await client.call_tool("api-request", {"method": "GET", "path": "/customers"})
        refused = await client.call_tool("run-action", {"action": "create-customer", "input": NEW_CUSTOMER})
    await backend.aclose()
    assert {"run-action", "api-request"} <= names and "create-customer" not in names
    assert ran.is_error is False and got.is_error is False
    assert refused.is_error and "started read-only" in refused.content[0].text
