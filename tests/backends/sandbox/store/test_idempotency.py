"""A create retried with the same idempotency key returns the first result and never makes a duplicate."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from mcp import Client

from faktoora_mcp.app import App
from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.errors import Conflict, InvalidArguments
from tests.backends.sandbox.calls import ALL, COMPANY, run


async def customer_count(sandbox: SandboxBackend) -> int:
    return len((await run(sandbox, "list-customers", ALL))["data"])


async def test_a_retry_with_the_same_key_returns_the_first_result_and_stores_one_record(
    sandbox: SandboxBackend,
) -> None:
    before = await customer_count(sandbox)
    first = (await sandbox.run_idempotent("create-customer", COMPANY, "k-1")).output
    again = (await sandbox.run_idempotent("create-customer", dict(reversed(COMPANY.items())), "k-1")).output
    assert again == first
    assert await customer_count(sandbox) == before + 1


async def test_a_new_key_makes_a_new_record(sandbox: SandboxBackend) -> None:
    before = await customer_count(sandbox)
    await sandbox.run_idempotent("create-customer", COMPANY, "k-1")
    await sandbox.run_idempotent("create-customer", COMPANY, "k-2")
    assert await customer_count(sandbox) == before + 2


async def test_a_key_reused_with_other_arguments_is_refused_naming_the_field(sandbox: SandboxBackend) -> None:
    await sandbox.run_idempotent("create-customer", COMPANY, "k-1")
    before = await customer_count(sandbox)
    with pytest.raises(InvalidArguments) as refused:
        await sandbox.run_idempotent("create-customer", {**COMPANY, "name": "Andere GmbH"}, "k-1")
    assert refused.value.violations[0].path == "idempotencyKey"
    assert "new key" in refused.value.violations[0].message
    assert await customer_count(sandbox) == before


async def test_a_failed_keyed_create_leaves_the_key_free(sandbox: SandboxBackend) -> None:
    await run(sandbox, "create-customer", {**COMPANY, "customerId": "901"})
    with pytest.raises(Conflict):  # the customer number is taken: nothing is stored, the key neither
        await sandbox.run_idempotent("create-customer", {**COMPANY, "customerId": "901"}, "k-1")
    created = (await sandbox.run_idempotent("create-customer", COMPANY, "k-1")).output
    assert created["name"] == COMPANY["name"]


async def test_create_tools_take_the_key_and_the_instructions_say_how_to_use_it(
    tmp_path, make_app: Callable[..., App], client_for: Callable[[App], Client]
) -> None:
    sandbox = SandboxBackend(tmp_path / "s.sqlite3")
    app = make_app(sandbox)
    assert "resend the same key if you retry" in app.server.instructions
    async with client_for(app) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        before = len((await client.call_tool("list-customers", ALL)).structured_content["data"])
        for _ in range(2):
            result = await client.call_tool("create-customer", {**COMPANY, "idempotencyKey": "retry-me"})
            assert result.is_error is False
        after = len((await client.call_tool("list-customers", ALL)).structured_content["data"])
    await sandbox.aclose()
    assert after == before + 1
    create = tools["create-customer"]
    assert "idempotencyKey" in create.input_schema["properties"]
    assert create.input_schema["properties"]["idempotencyKey"]["maxLength"] == 200
    assert "idempotencyKey" not in tools["list-customers"].input_schema.get("properties", {})


async def test_a_correction_retried_with_its_key_writes_one_credit_note(
    tmp_path, make_app: Callable[..., App], client_for: Callable[[App], Client]
) -> None:
    sandbox = SandboxBackend(tmp_path / "s.sqlite3")
    async with client_for(make_app(sandbox)) as client:
        sent = (
            await client.call_tool("list-outgoing-invoices", {"status": ["sent", "overdue"], "perPage": 1})
        ).structured_content
        original = sent["data"][0]["faktooraId"]
        part = {"faktooraId": original, "kind": "credit-note", "idempotencyKey": "gutschrift-1"}
        part["lines"] = [{"name": "Nachlass", "quantity": 1, "unitPrice": 10, "vatRate": 19}]
        first = await client.call_tool("correct-outgoing-invoice", part)
        again = await client.call_tool("correct-outgoing-invoice", part)  # the answer was lost; the agent retries
        listed = await client.call_tool("list-outgoing-invoices", {**ALL, "status": ["draft"]})
    await sandbox.aclose()
    assert first.is_error is False and again.structured_content == first.structured_content
    credits = [i for i in listed.structured_content["data"] if i.get("invoiceTypeCode") == "381"]
    assert [i["faktooraId"] for i in credits].count(first.structured_content["faktooraId"]) == 1
    assert len([i for i in credits if i["faktooraId"] != first.structured_content["faktooraId"]]) == len(credits) - 1


async def test_an_import_retried_with_its_key_returns_the_first_import_instead_of_a_duplicate_refusal(
    tmp_path, make_app: Callable[..., App], client_for: Callable[[App], Client]
) -> None:
    supplier = SandboxBackend(tmp_path / "supplier.sqlite3")  # another company's own Faktoora
    theirs = (await run(supplier, "list-outgoing-invoices", {"perPage": 1}))["data"][0]
    xml = (await run(supplier, "get-invoice-by-id", {"faktooraId": theirs["faktooraId"]}))["document"]
    await supplier.aclose()
    sandbox = SandboxBackend(tmp_path / "s.sqlite3")
    upload = {"xml": xml, "fileName": "eingang.xml", "idempotencyKey": "import-1"}
    async with client_for(make_app(sandbox)) as client:
        first = await client.call_tool("import-incoming-invoice", upload)
        again = await client.call_tool("import-incoming-invoice", upload)  # the answer was lost; the agent retries
        listed = await client.call_tool("list-incoming-invoices", {"keyword": theirs["invoiceNumber"]})
    await sandbox.aclose()
    assert first.is_error is False and again.structured_content == first.structured_content
    assert [i["importId"] for i in listed.structured_content["data"]] == [first.structured_content["importId"]]
