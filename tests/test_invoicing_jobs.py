"""The six everyday jobs of a freelancer's agent, each done over MCP with first-class tools only.

No search-actions, describe-action or run-action: the default tool set must carry the job. The server runs on
a sandbox pinned to the seed's date (statuses follow the date), in memory through the SDK's client.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

from faktoora_mcp.app import build_app
from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.seed.company import ANCHOR
from faktoora_mcp.config import Config

DISCOVERY = {"search-actions", "describe-action", "run-action"}
VIENNA = {
    "isCompany": True,
    "name": "Donau Software GmbH",
    "address": "Praterstraße 1",
    "postcode": "1020",
    "city": "Wien",
    "country": "AT",
    "vatId": "ATU13585627",
    "email": "rechnung@donau.example",
}


class Agent:
    """An MCP client that records every tool it called, so a test can show it never took the detour."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.called: list[str] = []

    async def call(self, tool: str, arguments: dict[str, Any] | None = None) -> dict[str, Any]:
        self.called.append(tool)
        result = await self.client.call_tool(tool, arguments or {})
        assert not result.is_error, f"{tool}: {result.content[0].text}"
        return result.structured_content

    async def refused(self, tool: str, arguments: dict[str, Any]) -> str:
        result = await self.client.call_tool(tool, arguments)
        assert result.is_error, tool
        return result.content[0].text


@pytest.fixture
async def app(tmp_path: Path, catalog: Any) -> Any:
    backend = SandboxBackend(tmp_path / "jobs.sqlite3", today=ANCHOR)
    yield build_app(Config(backend="sandbox"), backend=backend, catalog=catalog)  # the default toolsets
    await backend.aclose()


@asynccontextmanager
async def agent_on(app: Any) -> AsyncIterator[Agent]:
    async with Client(app.server) as client:
        agent = Agent(client)
        yield agent
    assert not DISCOVERY & set(agent.called)


async def a_customer(agent: Agent) -> dict[str, Any]:
    """A German business customer with an e-mail address (so that an invoice can be delivered to it)."""
    customers = (await agent.call("list-customers", {"perPage": 100}))["data"]
    return next(c for c in customers if c["country"] == "DE" and c["isCompany"] and c["email"] and not c["routeId"])


async def test_job_1_create_and_deliver_an_invoice(app: Any) -> None:
    async with agent_on(app) as agent:
        customer = await a_customer(agent)
        lines = [{"name": "Beratung Datenschutz", "quantity": 8, "unitCode": "HUR", "unitPrice": 120}]
        preview = await agent.call(
            "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines, "dryRun": True}
        )
        assert preview["preview"]["totals"]["grandTotal"] == 1142.4 and preview["preview"]["invoiceNumber"]
        stored = await agent.call("list-outgoing-invoices", {"customerId": customer["id"], "perPage": 1000})
        assert preview["preview"]["faktooraId"] not in {
            i["faktooraId"] for i in stored["data"]
        }  # a dry run stores none

        draft = await agent.call("create-outgoing-invoice", {"customerId": customer["id"], "lines": lines})
        assert (draft["status"], draft["delivered"]) == ("draft", False)  # creating never delivers by default
        sent = await agent.call(
            "create-outgoing-invoice",
            {"customerId": customer["id"], "lines": lines, "mode": "deliver", "servicePeriod": SEPTEMBER},
        )
        assert (sent["status"], sent["delivered"], sent["totalGross"]) == ("sent", True, 1142.4)
        assert [g["rate"] for g in sent["vatBreakdown"]] == [19] and sent["servicePeriod"] == SEPTEMBER
        status = await agent.call("get-outgoing-invoice-status", {"faktooraId": sent["faktooraId"]})
        assert status["delivery"]["status"] == "delivered"
        pdf = await agent.client.read_resource(sent["documents"]["pdf"])
        assert base64.b64decode(pdf.contents[0].blob).startswith(b"%PDF")


SEPTEMBER = {"start": "2026-09-01", "end": "2026-09-30"}


async def test_job_2_what_is_overdue_and_how_much(app: Any) -> None:
    async with agent_on(app) as agent:
        overdue = await agent.call("list-outgoing-invoices", {"status": ["overdue"], "perPage": 5})
        everything = await agent.call("list-outgoing-invoices", {"all": True, "perPage": 1000})
        recount = [i for i in everything["data"] if i["status"] == "overdue"]
        (eur,) = overdue["meta"]["amounts"]
        assert eur["invoices"] == len(recount) == overdue["meta"]["totalItems"]
        assert eur["amountDue"] == pytest.approx(sum(i["amountDue"] for i in recount), abs=0.005)
        assert all(i["dueDate"] < ANCHOR.isoformat() for i in recount)


async def test_job_3_a_new_austrian_customer_with_an_xrechnung_invoice(app: Any) -> None:
    async with agent_on(app) as agent:
        customer = await agent.call("create-customer", VIENNA)
        lines = [{"name": "Schnittstellen-Entwicklung", "quantity": 3, "unitCode": "DAY", "unitPrice": 950}]
        invoice = await agent.call(
            "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines, "format": "xrechnung"}
        )
        assert (invoice["format"], invoice["totals"]["taxTotal"], invoice["totalGross"]) == ("xrechnung", 0, 2850)
        assert invoice["lines"][0]["vatCategory"] == "AE"  # reverse charge: the Austrian business owes the VAT
        assert "Reverse Charge" in invoice["vatBreakdown"][0]["exemptionReason"]
        xml = await agent.client.read_resource(invoice["documents"]["xml"])
        assert "ATU13585627" in xml.contents[0].text and ">AE<" in xml.contents[0].text


async def test_job_4_correct_a_sent_invoice_with_a_credit_note(app: Any) -> None:
    async with agent_on(app) as agent:
        sent = (await agent.call("list-outgoing-invoices", {"status": ["overdue"], "perPage": 1}))["data"][0]
        credit = await agent.call(
            "correct-outgoing-invoice",
            {"faktooraId": sent["faktooraId"], "kind": "credit-note", "reason": "Storno: falsche Anschrift"},
        )
        assert (
            credit["invoiceTypeCode"] == "381" and credit["precedingInvoice"]["invoiceNumber"] == sent["invoiceNumber"]
        )
        assert credit["totalGross"] == sent["totalGross"] and "Storno: falsche Anschrift" in credit["notes"]
        original = await agent.call("get-outgoing-invoice-status", {"faktooraId": sent["faktooraId"]})
        assert original["status"] == "cancelled"  # credited in full: nothing is owed on it any more
        again = await agent.refused(
            "correct-outgoing-invoice", {"faktooraId": sent["faktooraId"], "kind": "credit-note"}
        )
        assert "already has a credit note" in again


async def test_job_5_import_a_supplier_e_invoice(app: Any, tmp_path: Path) -> None:
    async with agent_on(app) as agent:
        supplier = SandboxBackend(tmp_path / "supplier.sqlite3", today=ANCHOR)  # another company's own Faktoora
        try:
            theirs = (await supplier.run_action("list-outgoing-invoices", {"perPage": 1})).output["data"][0]
            xml = (await supplier.run_action("get-invoice-by-id", {"faktooraId": theirs["faktooraId"]})).output
        finally:
            await supplier.aclose()
        imported = await agent.call("import-incoming-invoice", {"xml": xml["document"], "fileName": "eingang.xml"})
        assert (imported["validationStatus"], imported["invoiceNumber"]) == ("accepted", theirs["invoiceNumber"])
        listed = await agent.call("list-incoming-invoices", {"keyword": theirs["invoiceNumber"]})
        assert imported["importId"] in [i["importId"] for i in listed["data"]]


async def test_job_6_follow_up_an_overdue_invoice_and_record_its_payment(app: Any) -> None:
    async with agent_on(app) as agent:
        late = (await agent.call("list-outgoing-invoices", {"status": ["overdue"], "sort": "dueDate", "order": "asc"}))[
            "data"
        ][0]
        status = await agent.call("get-outgoing-invoice-status", {"faktooraId": late["faktooraId"]})
        assert status["status"] == "overdue"
        content = await agent.call("get-outgoing-invoice-content", {"faktooraId": late["faktooraId"]})
        assert content["totals"]["amountDue"] == late["amountDue"]
        paid = await agent.call("mark-invoice-paid", {"faktooraId": late["faktooraId"], "paidAt": "2026-10-30"})
        assert paid["status"] == "paid"
        still = await agent.call("list-outgoing-invoices", {"status": ["overdue"], "keyword": late["invoiceNumber"]})
        assert still["data"] == []


async def test_the_payment_step_says_it_is_sandbox_only_where_the_agent_reads_it(app: Any) -> None:
    async with agent_on(app) as agent:
        tools = {t.name: t for t in (await agent.client.list_tools()).tools}
        assert tools["mark-invoice-paid"].description.startswith("Sandbox only")


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"customerId": "no-such-customer"}, "customerId"),
        ({"lines": [{"productId": "no-such-product", "quantity": 1}]}, "lines[0].productId"),
        ({"invoiceTypeCode": "381"}, "precedingInvoiceNumber"),
        ({"lines": [{"name": "x", "quantity": 1.00001, "unitPrice": 1}]}, "lines[0].quantity"),
        ({"lines": [{"name": "x", "quantity": 1, "unitPrice": 1.00001}]}, "lines[0].unitPrice"),
        ({"lines": []}, "lines"),
        ({"mode": "send"}, "mode"),
    ],
)
async def test_a_refused_invoice_names_the_field_and_stores_nothing(app: Any, arguments: Any, field: str) -> None:
    async with agent_on(app) as agent:
        customer = await a_customer(agent)
        before = (await agent.call("list-outgoing-invoices", {"perPage": 1}))["meta"]["totalItems"]
        lines = [{"name": "Beratung", "quantity": 1, "unitPrice": 100}]
        message = await agent.refused(
            "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines} | arguments
        )
        assert field in message
        assert (await agent.call("list-outgoing-invoices", {"perPage": 1}))["meta"]["totalItems"] == before


async def test_a_number_already_taken_is_refused_naming_how_to_get_a_free_one(app: Any) -> None:
    async with agent_on(app) as agent:
        customer = await a_customer(agent)
        taken = (await agent.call("list-outgoing-invoices", {"perPage": 1}))["data"][0]["invoiceNumber"]
        lines = [{"name": "Beratung", "quantity": 1, "unitPrice": 100}]
        message = await agent.refused(
            "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines, "invoiceNumber": taken}
        )
        assert "already used" in message and "Omit invoiceNumber" in message


async def test_overdue_totals_equal_a_recount_after_the_clock_moves_on(tmp_path: Path, catalog: Any) -> None:
    path = tmp_path / "aging.sqlite3"
    counts = []
    for today in (ANCHOR, ANCHOR + timedelta(days=45)):
        backend = SandboxBackend(path, today=today)
        try:
            overdue = (await backend.run_action("list-outgoing-invoices", {"status": ["overdue"]})).output
            listed = (await backend.run_action("list-outgoing-invoices", {"perPage": 1000})).output["data"]
        finally:
            await backend.aclose()
        recount = [i for i in listed if i["status"] == "overdue"]
        assert overdue["meta"]["totalItems"] == len(recount)
        assert overdue["meta"]["amounts"][0]["amountDue"] == pytest.approx(sum(i["amountDue"] for i in recount))
        assert all(i["dueDate"] < today.isoformat() for i in recount)
        counts.append(len(recount))
    assert counts == [27, 31]  # four invoices fell due meanwhile: overdue now, with no job run
