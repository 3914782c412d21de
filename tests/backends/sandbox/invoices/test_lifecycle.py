"""The sandbox's extra actions: an invoice from draft to paid, numbering, incoming import, projects."""

from __future__ import annotations

import base64
import datetime
import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.errors import Conflict, InvalidArguments
from tests.backends.sandbox.calls import run

TODAY = datetime.date(2026, 11, 20)
GERMAN_COMPANY = {
    "isCompany": True,
    "name": "Inland GmbH",
    "address": "Hauptstraße 1",
    "postcode": "04109",
    "city": "Leipzig",
    "vatId": "DE136695976",
    "email": "buchhaltung@inland.example",
}


@pytest.fixture
async def sandbox(tmp_path: Path) -> Any:
    backend = SandboxBackend(tmp_path / "lifecycle.sqlite3", today=TODAY)
    yield backend
    await backend.aclose()


async def new_draft(backend: SandboxBackend, **extra: Any) -> dict[str, Any]:
    """A draft for 2 hours at 100 EUR + 19 % to a German company (foreign buyers get reverse charge)."""
    customer = await run(backend, "create-customer", GERMAN_COMPANY)
    lines = [{"name": "Beratung", "quantity": 2, "unitPrice": 100, "vatRate": 19, "unitCode": "HUR"}]
    return await run(backend, "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines, **extra})


async def test_a_foreign_business_buyer_is_invoiced_without_german_vat(sandbox: SandboxBackend) -> None:
    vienna = await run(
        sandbox,
        "create-customer",
        {**GERMAN_COMPANY, "postcode": "1010", "city": "Wien", "country": "AT", "vatId": "ATU13585627"},
    )
    zurich = await run(
        sandbox,
        "create-customer",
        {**GERMAN_COMPANY, "postcode": "8001", "city": "Zürich", "country": "CH", "vatId": "CHE-116.281.710 MWST"},
    )
    line = {"name": "Beratung", "quantity": 1, "unitPrice": 100, "vatRate": 19}
    for customer, category in ((vienna, "AE"), (zurich, "O")):
        created = await run(sandbox, "create-outgoing-invoice", {"customerId": customer["id"], "lines": [line]})
        content = await run(sandbox, "get-outgoing-invoice-content", {"faktooraId": created["faktooraId"]})
        group = content["vatBreakdown"][0]
        assert (group["category"], group["rate"], group["taxAmount"]) == (category, 0, 0) and group["exemptionReason"]


async def test_an_invoice_goes_from_draft_to_sent_to_paid(sandbox: SandboxBackend) -> None:
    draft = await new_draft(sandbox)
    assert (draft["status"], draft["amountDue"], draft["totalGross"]) == ("draft", 0, 238)
    sent = await run(sandbox, "send-outgoing-invoice", {"faktooraId": draft["faktooraId"]})
    assert (sent["status"], sent["amountDue"]) == ("sent", 238)
    status = await run(sandbox, "get-outgoing-invoice-status", {"faktooraId": draft["faktooraId"]})
    assert status["status"] == "sent" and status["delivery"]["status"] == "delivered"
    paid = await run(sandbox, "mark-invoice-paid", {"faktooraId": draft["faktooraId"], "paidAt": "2026-11-21"})
    assert (paid["status"], paid["amountDue"], paid["paidAt"]) == ("paid", 0, "2026-11-21T12:00:00Z")
    with pytest.raises(Conflict, match="cannot become cancelled"):
        await run(sandbox, "cancel-outgoing-invoice", {"faktooraId": draft["faktooraId"]})


async def test_new_invoices_take_the_next_number_and_advance_the_counter(sandbox: SandboxBackend) -> None:
    preview = await run(sandbox, "get-next-invoice-number")
    assert preview == {"invoiceNumber": "2026/11/00201", "counter": 200}
    assert (await new_draft(sandbox))["invoiceNumber"] == "2026/11/00201"
    assert (await run(sandbox, "get-invoice-number-template"))["counter"] == 201
    assert (await run(sandbox, "verify-invoice-number", {"invoiceNumber": "2026/11/00201"}))["succeed"] is False
    assert (await run(sandbox, "verify-invoice-number", {"invoiceNumber": "2026/11/00202"}))["succeed"] is True


async def test_the_number_template_can_be_changed_and_must_end_in_id(sandbox: SandboxBackend) -> None:
    changed = await run(sandbox, "update-invoice-number-template", {"template": "RE-YYYY-id", "padLength": 4})
    assert changed == {"template": "RE-YYYY-id", "padLength": 4, "counter": 200}
    assert (await new_draft(sandbox))["invoiceNumber"] == "RE-2026-0201"
    with pytest.raises(InvalidArguments, match="template"):
        await run(sandbox, "update-invoice-number-template", {"template": "YYYY-counter"})


async def test_an_explicit_invoice_number_must_be_free(sandbox: SandboxBackend) -> None:
    taken = (await run(sandbox, "list-outgoing-invoices", {"perPage": 1}))["data"][0]["invoiceNumber"]
    with pytest.raises(Conflict, match="already used"):
        await new_draft(sandbox, invoiceNumber=taken)


async def test_an_invoice_goes_to_review_or_is_sent_only_when_the_mode_says_so(sandbox: SandboxBackend) -> None:
    assert (await new_draft(sandbox))["status"] == "draft"
    assert (await new_draft(sandbox, mode="review"))["status"] == "review"
    delivered = await new_draft(sandbox, mode="deliver")
    assert (delivered["status"], delivered["delivered"]) == ("sent", True)


async def test_invoice_lines_are_checked_and_name_their_position(sandbox: SandboxBackend) -> None:
    customer = (await run(sandbox, "list-customers", {"perPage": 1}))["data"][0]
    lines = [{"name": "Gut", "quantity": 1, "unitPrice": 1}, {"name": "Schlecht", "quantity": 1, "unitCode": "XYZ"}]
    with pytest.raises(InvalidArguments) as error:
        await run(sandbox, "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines})
    assert {v.path for v in error.value.violations} == {"lines[1].unitPrice", "lines[1].unitCode"}


async def test_a_sent_invoice_past_its_due_date_is_overdue_without_any_job(sandbox: SandboxBackend) -> None:
    late = await new_draft(sandbox, issueDate="2026-10-01", dueDate="2026-10-15", mode="deliver")
    assert late["status"] == "overdue"  # TODAY is after the due date: no job had to run
    overdue = await run(sandbox, "list-outgoing-invoices", {"status": ["overdue"], "keyword": late["invoiceNumber"]})
    assert [i["faktooraId"] for i in overdue["data"]] == [late["faktooraId"]]
    sent = await run(sandbox, "list-outgoing-invoices", {"status": ["sent"], "keyword": late["invoiceNumber"]})
    assert sent["data"] == []


async def test_the_xml_download_is_cii_with_the_invoice_s_numbers(sandbox: SandboxBackend) -> None:
    draft = await new_draft(sandbox)
    document = await run(sandbox, "get-invoice-by-id", {"faktooraId": draft["faktooraId"]})
    assert (document["mimeType"], document["encoding"]) == ("application/xml", "utf-8")
    assert document["sizeBytes"] == len(document["document"].encode())
    root = ET.fromstring(document["document"])
    assert root.tag.endswith("CrossIndustryInvoice")
    texts = {element.tag.rsplit("}", 1)[1]: element.text for element in root.iter()}
    assert texts["ID"] and draft["invoiceNumber"] in document["document"]
    assert (texts["GrandTotalAmount"], texts["TaxTotalAmount"], texts["DuePayableAmount"]) == (
        "238.00",
        "38.00",
        "238.00",
    )


async def test_the_pdf_download_is_a_one_page_pdf_with_number_and_total(sandbox: SandboxBackend) -> None:
    from pypdf import PdfReader

    draft = await new_draft(sandbox)
    document = await run(sandbox, "get-invoice-by-number", {"invoiceNumber": draft["invoiceNumber"], "format": "pdf"})
    pdf = base64.b64decode(document["document"])
    assert document["encoding"] == "base64" and document["sizeBytes"] == len(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert draft["invoiceNumber"] in text and "238,00 EUR" in text


async def test_an_exported_invoice_imports_as_an_accepted_incoming_invoice(sandbox: SandboxBackend) -> None:
    draft = await new_draft(sandbox)
    xml = (await run(sandbox, "get-invoice-by-id", {"faktooraId": draft["faktooraId"]}))["document"]
    imported = await run(sandbox, "import-incoming-invoice", {"xml": xml, "fileName": "rechnung.xml"})
    assert (imported["validationStatus"], imported["approvalStatus"]) == ("accepted", "pending")
    assert imported["invoiceNumber"] == draft["invoiceNumber"] and imported["totalGross"] == 238
    assert imported["seller"]["name"] == "Muster Digital GmbH"
    approved = await run(sandbox, "approve-incoming-invoice", {"importId": imported["importId"]})
    assert approved["approvalStatus"] == "approved"
    listed = await run(sandbox, "list-incoming-invoices", {"approvalStatus": "approved", "keyword": "Muster"})
    assert imported["importId"] in [i["importId"] for i in listed["data"]]


async def test_a_broken_import_is_stored_rejected_with_reasons(sandbox: SandboxBackend) -> None:
    imported = await run(sandbox, "import-incoming-invoice", {"xml": "<Invoice><ID>1</ID>"})
    assert imported["validationStatus"] == "rejected" and imported["processingStatus"] == "failed"
    validation = await run(sandbox, "get-incoming-invoice-validation", {"importId": imported["importId"]})
    assert validation["status"] == "rejected" and "not well-formed" in validation["messages"][0]["message"]
    with pytest.raises(Conflict, match="did not pass validation"):
        await run(sandbox, "approve-incoming-invoice", {"importId": imported["importId"]})


async def test_an_import_with_a_dtd_is_refused_before_parsing(sandbox: SandboxBackend) -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Invoice>&a;</Invoice>'
    with pytest.raises(InvalidArguments, match="xml: declares a DTD or entities"):
        await run(sandbox, "import-incoming-invoice", {"xml": bomb})


async def test_projects_can_be_created_read_listed_and_deleted(sandbox: SandboxBackend) -> None:
    customer = (await run(sandbox, "list-customers", {"perPage": 1}))["data"][0]
    created = await run(sandbox, "create-project", {"name": "Umzug", "customerId": customer["id"], "status": "active"})
    assert created["customer"] == {"id": customer["id"], "name": customer["name"]}
    assert await run(sandbox, "get-project", {"id": created["id"]}) == created
    assert created in (await run(sandbox, "list-projects", {"keyword": "Umzug"}))["data"]
    assert await run(sandbox, "delete-project", {"id": created["id"]}) == {"succeed": True}
    assert (await run(sandbox, "list-projects", {"keyword": "Umzug"}))["data"] == []


async def test_codes_and_numbers_can_be_checked_before_use(sandbox: SandboxBackend) -> None:
    assert (await run(sandbox, "verify-product-code", {"code": "SKU-1001"}))["succeed"] is False
    assert (await run(sandbox, "verify-product-code", {"code": "SKU-9999"}))["succeed"] is True
    assert (await run(sandbox, "verify-customer-number", {"customerId": "001"}))["succeed"] is False
    assert (await run(sandbox, "verify-customer-number", {"customerId": "999"}))["succeed"] is True


async def test_a_webhook_can_be_deleted(sandbox: SandboxBackend) -> None:
    hook = (await run(sandbox, "list-webhooks"))["data"][0]
    assert await run(sandbox, "delete-webhook", {"id": hook["id"]}) == {"succeed": True}
    assert hook["id"] not in [h["id"] for h in (await run(sandbox, "list-webhooks"))["data"]]


async def test_the_validation_report_is_the_status_s_validation_with_its_failed_rules(sandbox: SandboxBackend) -> None:
    draft = await new_draft(sandbox)
    report = await run(sandbox, "get-invoice-validation-report", {"faktooraId": draft["faktooraId"]})
    status = await run(sandbox, "get-outgoing-invoice-status", {"faktooraId": draft["faktooraId"]})
    moment = ("createdAt",)  # each read validates anew
    same = {k: v for k, v in report["validation"].items() if k not in moment}
    assert same == {k: v for k, v in status["validation"].items() if k not in moment}
    assert report["invoiceNumber"] == draft["invoiceNumber"]
