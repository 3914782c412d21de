"""The live path against answers shaped unlike the sandbox's: every catalog tool, on every foreign mode of the
fake CLI (tests/fixtures/foreign_shapes.py), through an MCP client that validates each result against the
output schema the server advertised. A successful run must reach the agent as a success with its data."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters

from faktoora_mcp.app import build_app
from faktoora_mcp.config import Config
from tests.fixtures.fake_membrane_env import FakeCli, running
from tests.test_server import text_of
from tests.test_transports import server_env

pytestmark = pytest.mark.subprocess

FOREIGN_MODES = [
    "items-cursor,sparse",
    "records-cursor,renamed-paging",
    "bare-array,extra",
    "results-total,strings,wrapped",
    "items-cursor,strings,sparse,extra,wrapped",
    "foreign-ids,records-cursor,strings",
]
NEW_CUSTOMER = {"isCompany": True, "name": "Fremd GmbH", "address": "Weg 1", "postcode": "50667", "city": "Köln"}
NEW_PRODUCT = {"name": "Fremdleistung", "unit": "HUR", "tax": 19, "price": 80}


def fake_with(tmp_path: Path, shape: str) -> FakeCli:
    cli = FakeCli(tmp_path)
    cli.env["FAKE_MEMBRANE_DB"] = str(tmp_path / "live.sqlite3")
    cli.env["FAKE_MEMBRANE_SHAPE"] = shape
    return cli


def live_app(cli: FakeCli, catalog: Any):
    shapes = {spec.key: spec.output_schema for spec in catalog}
    backend = cli.backend(timeout=60, shapes=shapes, in_process=True)  # the stdio tests below cross processes
    return build_app(
        Config(backend="membrane", catalogue_cache="off", toolsets="all"), backend=backend, catalog=catalog
    )


async def call(client: Client, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
    result = await client.call_tool(tool, arguments)  # the SDK client rejects content its schema refuses
    assert result.is_error is False, f"{tool}: {text_of(result)}"
    return result.structured_content


@pytest.mark.parametrize("shape", FOREIGN_MODES)
async def test_every_catalog_tool_succeeds_on_answers_shaped_unlike_the_sandbox(tmp_path, catalog, shape):
    async with Client(live_app(fake_with(tmp_path, shape), catalog).server) as client:
        invoices = await call(client, "list-outgoing-invoices", {"perPage": 50})
        customers = await call(client, "list-customers", {"perPage": 5})
        products = await call(client, "list-products", {"perPage": 5})
        webhooks = await call(client, "list-webhooks", {})
        await call(client, "list-incoming-invoices", {"perPage": 5})
        assert invoices["data"] and customers["data"] and products["data"] and webhooks["data"]
        invoice = invoices["data"][0]
        for tool in ("get-outgoing-invoice-content", "get-outgoing-invoice-status", "get-invoice-by-id"):
            assert (await call(client, tool, {"faktooraId": invoice["faktooraId"]}))["faktooraId"] == invoice[
                "faktooraId"
            ]
        by_number = await call(client, "get-invoice-by-number", {"invoiceNumber": invoice["invoiceNumber"]})
        assert by_number["invoiceNumber"] == invoice["invoiceNumber"]
        assert (await call(client, "get-customer", {"id": customers["data"][0]["id"]}))["id"] == customers["data"][0][
            "id"
        ]
        assert (await call(client, "get-product", {"id": products["data"][0]["id"]}))["name"]
        customer = await call(client, "create-customer", NEW_CUSTOMER)
        changed = await call(client, "update-customer", {"id": customer["id"], "city": "Bonn"})
        assert changed["city"] == "Bonn"
        assert (await call(client, "delete-customer", {"id": customer["id"], "confirm": True}))["succeed"] in (
            True,
            "true",
        )
        product = await call(client, "create-product", NEW_PRODUCT)
        assert (await call(client, "update-product", {"id": product["id"], "price": 90}))["price"] == 90
        assert (await call(client, "delete-product", {"id": product["id"], "confirm": True}))["succeed"] in (
            True,
            "true",
        )
        hook = await call(client, "create-webhook", {"action": "invoiceSent", "target": "https://hooks.example.com/f"})
        assert (await call(client, "update-webhook", {"id": hook["id"], "target": "https://hooks.example.com/g"}))["id"]
        draft = next(i for i in (await call(client, "list-outgoing-invoices", {"status": ["draft"]}))["data"])
        assert await call(client, "delete-invoice", {"faktooraId": draft["faktooraId"], "confirm": True})


async def test_numbers_and_booleans_sent_as_strings_arrive_as_numbers_and_booleans(tmp_path, catalog):
    async with Client(live_app(fake_with(tmp_path, "items-cursor,strings,extra"), catalog).server) as client:
        page = await call(client, "list-outgoing-invoices", {"perPage": 3})
        customer = (await call(client, "list-customers", {"perPage": 1}))["data"][0]
    row = page["data"][0]
    assert isinstance(row["totalGross"], float | int) and isinstance(customer["isCompany"], bool)
    assert row["tenantId"] == "t-42" and row["_links"]["self"]  # fields no manifest knows arrive intact
    assert page["meta"]["totalItems"] is None and page["meta"]["nextCursor"] == "p2"  # not stated, not guessed


async def test_a_cursor_handed_out_fetches_the_next_page_and_all_follows_it(tmp_path, catalog):
    async with Client(live_app(fake_with(tmp_path, "records-cursor,renamed-paging"), catalog).server) as client:
        first = await call(client, "list-customers", {"perPage": 4})
        second = await call(client, "list-customers", {"perPage": 4, "cursor": first["meta"]["nextCursor"]})
        everything = await call(client, "list-customers", {"perPage": 10, "all": True})
    first_ids = [c["id"] for c in first["data"]]
    assert len(first_ids) == 4 and not set(first_ids) & {c["id"] for c in second["data"]}
    assert all(c["name"] and c["city"] for c in first["data"])  # lifted out of the universal records' fields
    assert len(everything["data"]) == 25 and everything["truncated"] is False and everything["fetchedPages"] == 3


async def test_an_argument_the_live_action_does_not_take_is_reported_not_dropped(tmp_path, catalog):
    async with Client(live_app(fake_with(tmp_path, "items-cursor,renamed-paging"), catalog).server) as client:
        listed = await call(client, "list-products", {"perPage": 3, "page": 2})
    assert len(listed["data"]) == 3  # perPage went out as the live field limit
    assert [note.split(":")[0] for note in listed["notApplied"]] == ["page"]
    assert "cursor" in listed["notApplied"][0]


async def test_the_real_stdio_server_answers_a_foreign_list_as_a_success(tmp_path, catalog):
    cli = fake_with(tmp_path, "bare-array,strings,sparse")
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "faktoora_mcp", "--backend", "membrane", "--membrane-bin", str(cli.binary)],
        env=server_env(**cli.env, FAKTOORA_MCP_CATALOGUE_CACHE=str(tmp_path / "catalogue.json")),
    )
    async with Client(params) as client:
        result = await client.call_tool("list-customers", {"perPage": "3"})  # as some hosts send numbers
    assert result.is_error is False, text_of(result)
    assert len(result.structured_content["data"]) == 3
    assert result.structured_content["meta"]["totalItems"] is None
    assert (tmp_path / "catalogue.json").exists()  # the next start advertises the live catalogue's fields


@pytest.mark.serial  # kill timing: a busy neighbour test would stretch the shutdown past its deadline
@pytest.mark.parametrize("stop", ["SIGTERM", "SIGINT", "SIGKILL", "stdin"])
async def test_a_stopped_server_leaves_no_membrane_process_behind(tmp_path, stop):
    cli = FakeCli(tmp_path)
    server = subprocess.Popen(  # noqa: ASYNC220 - started once; the test then only polls it
        [sys.executable, "-m", "faktoora_mcp", "--backend", "membrane", "--membrane-bin", str(cli.binary)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=server_env(**cli.env, FAKTOORA_MCP_CATALOGUE_CACHE="off"),
    )
    try:
        await _start_a_hung_call(server, cli)
        if stop == "stdin":
            server.stdin.close()  # type: ignore[union-attr]
        else:
            server.send_signal(getattr(signal, stop))
        with anyio.fail_after(20):
            while server.poll() is None or any(running(pid) for pid in cli.pids()):  # noqa: ASYNC110 - the OS
                await anyio.sleep(0.05)
    finally:
        server.kill()
        server.wait()
    assert not [pid for pid in cli.pids() if running(pid)]


async def _start_a_hung_call(server: subprocess.Popen[bytes], cli: FakeCli) -> None:
    """Initialise, then call a tool whose CLI process hangs with a grandchild; return once both run."""
    from tests.test_transports import jsonrpc

    init = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}}
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": init},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "list-customers", "arguments": {}}},
    ]
    cli.fault("hang")
    server.stdin.write(b"".join(map(jsonrpc, messages)))  # type: ignore[union-attr]
    server.stdin.flush()  # type: ignore[union-attr]
    with anyio.fail_after(30):
        while len([p for p in cli.pids() if running(p)]) < 2:  # noqa: ASYNC110 - the hung CLI and its grandchild
            await anyio.sleep(0.05)


async def test_an_id_that_is_no_uuid_reaches_membrane_and_an_unknown_one_names_the_list_tool(tmp_path, catalog):
    async with Client(live_app(fake_with(tmp_path, "foreign-ids"), catalog).server) as client:
        customer = (await call(client, "list-customers", {"perPage": 1}))["data"][0]
        found = await call(client, "get-customer", {"id": customer["id"]})
        missing = await client.call_tool("get-customer", {"id": "c-404"})
    assert not customer["id"].count("-") and found["id"] == customer["id"]  # "k…": no uuid, and it works
    assert missing.is_error and "c-404" in text_of(missing) and "list-customers" in text_of(missing)
