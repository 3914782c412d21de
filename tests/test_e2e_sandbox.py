"""Every one of the 20 tools, called through the MCP server on the real sandbox with valid input, answers
structured content that validates against its manifest's output schema (both protocol eras)."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator
from mcp import Client

from faktoora_mcp.app import build_app
from faktoora_mcp.config import Config
from tests.test_server import text_of


async def first(client: Client, tool: str, arguments: dict[str, Any] | None = None) -> dict[str, Any]:
    result = await client.call_tool(tool, arguments or {"perPage": 1})
    assert not result.is_error, text_of(result)
    return result.structured_content["data"][0]


async def without_open_invoices(client: Client) -> str:
    """A customer that may be deleted: one with no sent or overdue invoice."""
    customers = (await client.call_tool("list-customers", {"perPage": 100})).structured_content["data"]
    for customer in customers:
        query = {"customerId": customer["id"], "status": ["sent", "overdue"], "perPage": 1}
        if (await client.call_tool("list-outgoing-invoices", query)).structured_content["meta"]["totalItems"] == 0:
            return customer["id"]
    raise AssertionError("every seeded customer has open invoices")


async def valid_calls(client: Client) -> list[tuple[str, dict[str, Any]]]:
    """One valid call per tool, with ids taken from the seeded data."""
    customer = await first(client, "list-customers")
    product = await first(client, "list-products")
    open_ones = await client.call_tool("list-outgoing-invoices", {"status": ["sent", "overdue"], "perPage": 2})
    invoice, unpaid = open_ones.structured_content["data"]
    xml = (await client.call_tool("get-invoice-by-id", {"faktooraId": invoice["faktooraId"]})).structured_content
    draft = await first(client, "list-outgoing-invoices", {"status": ["draft"], "perPage": 1})
    webhook = await first(client, "list-webhooks")
    new_customer = {
        "isCompany": True,
        "name": "Prüf GmbH",
        "address": "Teststr. 5",
        "postcode": "50667",
        "city": "Köln",
        "country": "DE",
        "email": "buchhaltung@pruef.example",
    }
    return [
        ("list-outgoing-invoices", {"status": ["overdue"], "sort": "dueDate", "order": "asc"}),
        ("list-incoming-invoices", {"perPage": 10}),
        ("list-customers", {"keywords": [customer["city"]]}),
        ("list-products", {"keyword": product["name"][:4]}),
        ("get-customer", {"id": customer["id"]}),
        ("get-product", {"id": product["id"]}),
        ("get-invoice-by-id", {"faktooraId": invoice["faktooraId"]}),
        ("get-invoice-by-number", {"invoiceNumber": invoice["invoiceNumber"], "format": "pdf"}),
        ("get-outgoing-invoice-content", {"faktooraId": invoice["faktooraId"]}),
        ("get-outgoing-invoice-status", {"faktooraId": invoice["faktooraId"]}),
        ("create-customer", new_customer),
        ("update-customer", {"id": customer["id"], "city": customer["city"], "email": "neu@kunde.example"}),
        ("create-product", {"name": "Workshop-Tag", "unit": "DAY", "tax": 19, "price": 1200, "code": "WS-E2E"}),
        ("update-product", {"id": product["id"], "price": 99.5}),
        ("list-webhooks", {}),
        ("create-webhook", {"action": "invoiceSent", "target": "https://hooks.example.com/faktoora"}),
        ("update-webhook", {"id": webhook["id"], "target": "https://hooks.example.com/changed"}),
        (
            "create-outgoing-invoice",
            {"customerId": customer["id"], "lines": [{"productId": product["id"], "quantity": 2}]},
        ),
        ("correct-outgoing-invoice", {"faktooraId": invoice["faktooraId"], "kind": "credit-note", "reason": "Storno"}),
        ("get-next-invoice-number", {"template": "RE-YYYY-id"}),
        ("verify-invoice-number", {"invoiceNumber": invoice["invoiceNumber"]}),
        ("get-invoice-number-template", {}),
        ("update-invoice-number-template", {"padLength": 6}),
        ("get-invoice-validation-report", {"faktooraId": invoice["faktooraId"]}),
        ("import-incoming-invoice", {"xml": xml["document"], "fileName": "lieferant.xml"}),
        ("mark-invoice-paid", {"faktooraId": unpaid["faktooraId"], "paidAt": "2026-12-01"}),
        ("delete-invoice", {"faktooraId": draft["faktooraId"], "confirm": True}),
        ("delete-product", {"id": product["id"], "confirm": True}),
        ("delete-customer", {"id": await without_open_invoices(client), "confirm": True}),
    ]


async def test_every_tool_answers_structured_content_that_matches_its_output_schema(sandbox_app, catalog, mode):
    async with Client(sandbox_app.server, mode=mode) as client:  # the client itself validates too
        calls = await valid_calls(client)
        assert sorted(name for name, _ in calls) == sorted(catalog.keys())
        for name, arguments in calls:
            result = await client.call_tool(name, arguments)
            assert result.is_error is False, f"{name}: {text_of(result)}"
            Draft202012Validator(catalog.get(name).output_schema).validate(result.structured_content)


async def test_records_are_readable_as_resources(sandbox_app, mode):
    async with Client(sandbox_app.server, mode=mode) as client:
        customer = await first(client, "list-customers")
        invoice = await first(client, "list-outgoing-invoices", {"status": ["paid"], "perPage": 1})
        read_customer = await client.read_resource(f"faktoora://customers/{customer['id']}")
        document = await client.read_resource(f"faktoora://invoices/{invoice['faktooraId']}")
        status = await client.read_resource(f"faktoora://invoices/{invoice['faktooraId']}/status")
    assert customer["id"] in read_customer.contents[0].text
    assert document.contents[0].mime_type == "application/xml" and invoice["invoiceNumber"] in document.contents[0].text
    assert '"status":"paid"' in status.contents[0].text


async def test_the_sandbox_search_describe_run_round_trip(sandbox_app, mode):
    async with Client(sandbox_app.server, mode=mode) as client:
        found = await client.call_tool("search-actions", {"intent": "show me overdue invoices"})
        top = found.structured_content["actions"][0]
        described = await client.call_tool("describe-action", {"action": top["id"]})
        ran = await client.call_tool(
            "run-action", {"action": top["id"], "input": {"status": ["overdue"], "perPage": 3}}
        )
    assert top["key"] == "list-outgoing-invoices"
    assert "status" in described.structured_content["inputSchema"]["properties"]
    rows = ran.structured_content["output"]["data"]
    assert 0 < len(rows) <= 3 and {row["status"] for row in rows} == {"overdue"}


async def test_a_dry_run_changes_nothing_in_the_store(sandbox_app, mode):
    async with Client(sandbox_app.server, mode=mode) as client:
        before = (await client.call_tool("list-products", {"perPage": 1})).structured_content["meta"]["totalItems"]
        dry = await client.call_tool("create-product", {"name": "Nie", "unit": "C62", "tax": 19, "dryRun": True})
        after = (await client.call_tool("list-products", {"perPage": 1})).structured_content["meta"]["totalItems"]
    assert dry.structured_content["dryRun"] is True and before == after


async def test_all_pages_over_the_sandbox_respects_the_cap(tmp_path, catalog, mode):
    app = build_app(
        Config(backend="sandbox", sandbox_db=str(tmp_path / "cap.sqlite3"), max_items=120, toolsets="all"),
        catalog=catalog,
    )
    reports = []

    async def on_progress(progress, total, message):
        reports.append(progress)

    async with Client(app.server, mode=mode) as client:
        result = await client.call_tool(
            "list-outgoing-invoices", {"all": True, "perPage": 50}, progress_callback=on_progress
        )
    content = result.structured_content
    assert len(content["data"]) == 100 and content["truncated"] is True and content["nextPage"] == 3
    assert reports == [1, 2]
