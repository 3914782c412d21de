"""Offline discovery: the sandbox's catalogue, search by intent, describe, and running what was found."""

from __future__ import annotations

import json

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.actions.discovery import manifest_dir
from faktoora_mcp.errors import UnknownTool

POPULAR = {
    "list-outgoing-invoices",
    "list-incoming-invoices",
    "list-customers",
    "list-products",
    "list-webhooks",
    "get-customer",
    "create-customer",
    "update-customer",
    "delete-customer",
    "get-product",
    "create-product",
    "update-product",
    "delete-product",
    "get-invoice-by-id",
    "get-invoice-by-number",
    "get-outgoing-invoice-status",
    "get-outgoing-invoice-content",
    "delete-invoice",
    "create-webhook",
    "update-webhook",
}


async def top(backend: SandboxBackend, intent: str, n: int = 1) -> list[str]:
    return [info.key for info in await backend.search_actions(intent, limit=n)]


async def test_the_catalogue_has_the_20_popular_actions_and_at_least_15_more(sandbox: SandboxBackend) -> None:
    keys = [info.key for info in await sandbox.list_actions()]
    assert len(keys) == len(set(keys)) >= 35
    assert set(keys) >= POPULAR
    everything = await sandbox.search_actions("", limit=1000)
    assert [info.key for info in everything] == keys


async def test_every_action_is_described_with_a_closed_input_schema(sandbox: SandboxBackend) -> None:
    for info in await sandbox.list_actions():
        assert info.id == f"sbx_{info.key}" and info.name and info.description
        schema = info.input_schema
        assert schema["type"] == "object" and schema["additionalProperties"] is False
        assert all(prop.get("description") for prop in schema.get("properties", {}).values()), info.key
        assert info.read_only == info.key.startswith(("list-", "get-", "verify-", "generate-"))
        assert info.destructive == info.key.startswith("delete-")


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("show me overdue invoices", "list-outgoing-invoices"),
        ("add a new client", "create-customer"),
        ("unpaid bills", "list-outgoing-invoices"),
        ("remove a product", "delete-product"),
        ("received supplier bills", "list-incoming-invoices"),
        ("subscribe to an event with a webhook", "create-webhook"),
        ("mark an invoice as paid", "mark-invoice-paid"),
        ("next invoice number", "get-next-invoice-number"),
        ("what does the invoice contain", "get-outgoing-invoice-content"),
        ("new article", "create-product"),
        ("which customers do we have", "list-customers"),
    ],
)
async def test_search_puts_the_action_a_person_means_first(sandbox: SandboxBackend, intent: str, expected: str) -> None:
    assert await top(sandbox, intent) == [expected]


async def test_search_respects_the_limit_and_offers_a_few_guesses_for_gibberish(sandbox: SandboxBackend) -> None:
    assert len(await sandbox.search_actions("invoice", limit=3)) == 3
    assert 1 <= len(await sandbox.search_actions("qwxz zzyq", limit=5)) <= 3  # never empty (issue 25)
    assert len(await sandbox.search_actions("qwxz zzyq", limit=1)) == 1


async def test_the_popular_actions_are_described_by_their_manifests(sandbox: SandboxBackend) -> None:
    path = manifest_dir() / "list-outgoing-invoices.json"
    if not path.exists():
        pytest.skip("the manifests are not in this tree")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    info = await sandbox.describe_action("list-outgoing-invoices")
    assert info.description == manifest["description"]
    assert info.input_schema == manifest["inputSchema"] and info.output_schema == manifest["outputSchema"]


async def test_describe_accepts_a_key_or_an_id(sandbox: SandboxBackend) -> None:
    by_key = await sandbox.describe_action("create-outgoing-invoice")
    assert await sandbox.describe_action(by_key.id) == by_key
    assert {"customerId", "lines"} <= set(by_key.input_schema["required"])


async def test_an_unknown_action_is_unknown_with_a_hint(sandbox: SandboxBackend) -> None:
    with pytest.raises(UnknownTool, match="Did you mean list-customers"):
        await sandbox.describe_action("list-customer")
    with pytest.raises(UnknownTool, match="search-actions"):
        await sandbox.run_action("sbx_fly-to-the-moon", {})


async def test_a_discovered_action_runs_by_id_against_the_same_store(sandbox: SandboxBackend) -> None:
    found = (await sandbox.search_actions("write a new invoice", limit=1))[0]
    assert found.key == "create-outgoing-invoice"
    customer = (await sandbox.run_action("list-customers", {"perPage": 1})).output["data"][0]
    product = (await sandbox.run_action("list-products", {"code": "SKU-1001"})).output["data"][0]
    created = (
        await sandbox.run_action(
            found.id, {"customerId": customer["id"], "lines": [{"productId": product["id"], "quantity": 8}]}
        )
    ).output
    assert created["status"] == "draft"
    content = (await sandbox.run_action("get-outgoing-invoice-content", {"faktooraId": created["faktooraId"]})).output
    assert content["buyer"]["customerId"] == customer["customerId"]
    assert content["lines"][0]["netAmount"] == 8 * product["price"]
    assert content["totals"]["grandTotal"] == created["totalGross"]
