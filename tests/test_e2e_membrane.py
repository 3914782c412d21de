"""The whole path on the Membrane side: MCP client -> server -> MembraneBackend -> fake `membrane` process ->
sandbox store. Discovery round trip, dry runs that leave the store alone, and the backend's own read-only layer."""

from __future__ import annotations

import pytest
from mcp import Client

from faktoora_mcp.app import build_app
from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.config import Config
from tests.fixtures.fake_membrane_env import FakeCli
from tests.test_server import text_of

pytestmark = pytest.mark.subprocess


@pytest.fixture
def fake(tmp_path) -> FakeCli:
    cli = FakeCli(tmp_path)
    cli.env["FAKE_MEMBRANE_DB"] = str(tmp_path / "membrane.sqlite3")
    return cli


def app_on(fake: FakeCli, catalog, *, server_read_only: bool = False, backend_read_only: bool = False):
    backend = fake.backend(timeout=60, read_only=backend_read_only)
    return build_app(
        Config(backend="membrane", read_only=server_read_only, toolsets="all"), backend=backend, catalog=catalog
    )


async def product_count(fake: FakeCli) -> int:
    store = SandboxBackend(fake.env["FAKE_MEMBRANE_DB"])
    try:
        return (await store.run_action("list-products", {"perPage": 1})).output["meta"]["totalItems"]
    finally:
        await store.aclose()


async def test_search_describe_run_round_trip_through_the_fake_cli(fake, catalog, mode):
    async with Client(app_on(fake, catalog).server, mode=mode) as client:
        found = await client.call_tool("search-actions", {"intent": "add a new client", "limit": 5})
        top = found.structured_content["actions"][0]
        described = await client.call_tool("describe-action", {"action": top["id"]})
        new = {"isCompany": True, "name": "Runde GmbH", "address": "Ringstr. 3", "postcode": "04109", "city": "Leipzig"}
        ran = await client.call_tool("run-action", {"action": top["id"], "input": new})
    assert top["key"] == "create-customer" and top["readOnly"] is False
    assert {"isCompany", "address", "postcode", "city"} <= set(described.structured_content["inputSchema"]["required"])
    assert ran.is_error is False, text_of(ran)
    assert ran.structured_content["output"]["name"] == "Runde GmbH"
    assert ran.structured_content["runId"]  # Membrane's actionRunId travels back


async def test_a_catalog_tool_runs_through_the_fake_cli_and_matches_its_output_schema(fake, catalog, mode):
    async with Client(app_on(fake, catalog).server, mode=mode) as client:  # the client validates the schema
        result = await client.call_tool("list-outgoing-invoices", {"status": ["overdue"], "perPage": 3})
    assert result.is_error is False, text_of(result)
    assert {row["status"] for row in result.structured_content["data"]} == {"overdue"}


async def test_a_dry_run_reports_the_connection_and_leaves_the_store_alone(fake, catalog):
    before = await product_count(fake)
    async with Client(app_on(fake, catalog).server) as client:
        result = await client.call_tool("create-product", {"name": "Nie", "unit": "C62", "tax": 19, "dryRun": True})
    operation = result.structured_content["operation"]
    assert (operation["backend"], operation["action"]) == ("membrane", "create-product")
    assert operation["connection"]  # the Membrane connection the write would have used
    assert await product_count(fake) == before


async def test_the_membrane_backend_refuses_writes_on_its_own(fake, catalog):
    before = await product_count(fake)
    async with Client(app_on(fake, catalog, backend_read_only=True).server) as client:
        result = await client.call_tool("create-product", {"name": "Nie", "unit": "C62", "tax": 19})
    assert result.is_error and "read-only" in text_of(result)
    assert await product_count(fake) == before


async def test_a_delete_without_confirm_never_reaches_the_cli(fake, catalog):
    async with Client(app_on(fake, catalog).server) as client:
        product = (await client.call_tool("list-products", {"perPage": 1})).structured_content["data"][0]
        spawned = len(fake.pids())
        refused = await client.call_tool("delete-product", {"id": product["id"]})
    assert refused.is_error and "confirm: true" in text_of(refused)
    assert len(fake.pids()) == spawned
