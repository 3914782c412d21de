"""Issue 11's reproducers against the sandbox itself: nothing stalls it, nothing stored breaks a later call."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.invoices.documents import invoice_xml
from faktoora_mcp.errors import BackendBusy, Conflict, InvalidArguments, NotFound
from tests.backends.sandbox.calls import run

COMPANY = {"isCompany": True, "name": "Regel GmbH", "address": "Regelweg 1", "postcode": "10115", "city": "Berlin"}
BACKTRACKING_EMAIL = "a@" + "." * 100_000 + " "


async def fields_refused(backend: SandboxBackend, action: str, input: dict[str, Any]) -> set[str]:
    with pytest.raises(InvalidArguments) as error:
        await run(backend, action, input)
    assert len(error.value.message) < 2000  # a hostile value is quoted as an excerpt, never whole
    return {v.path for v in error.value.violations}


async def a_customer(backend: SandboxBackend) -> dict[str, Any]:
    return (await run(backend, "list-customers", {"perPage": 1}))["data"][0]


async def test_the_backtracking_email_is_refused_without_waiting_for_the_write_lock(tmp_path: Path) -> None:
    backend = SandboxBackend(tmp_path / "locked.sqlite3", busy_timeout_ms=60_000)
    await run(backend, "list-customers", {"perPage": 1})  # created and seeded
    other = sqlite3.connect(tmp_path / "locked.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock for the whole check
    try:
        # Before the fix this waited for the lock (and then ran a quadratic regex inside it).
        assert await fields_refused(backend, "create-customer", COMPANY | {"email": "ap@" + "x" * 300}) == {"email"}
        assert await fields_refused(backend, "create-customer", COMPANY | {"email": "a@b..c"}) == {"email"}
    finally:
        other.execute("ROLLBACK")
        other.close()
        await backend.aclose()


async def test_the_issue_s_email_is_refused_by_its_length(sandbox: SandboxBackend) -> None:
    assert await fields_refused(sandbox, "create-customer", COMPANY | {"email": BACKTRACKING_EMAIL}) == {"email"}


async def test_a_locked_store_is_a_transient_error_that_says_retrying_is_safe(tmp_path: Path) -> None:
    backend = SandboxBackend(tmp_path / "busy.sqlite3", busy_timeout_ms=50)
    await run(backend, "list-customers", {"perPage": 1})
    other = sqlite3.connect(tmp_path / "busy.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BackendBusy, match="retrying is safe") as error:
            await run(backend, "create-customer", COMPANY)
        assert error.value.safe_to_retry is True
    finally:
        other.execute("ROLLBACK")
        other.close()
        await backend.aclose()


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [
        ("list-products", "keyword", "a" * 50_001),
        ("list-customers", "page", 2**63),
        ("create-product", "code", "x" * 1_000_000),
        ("create-product", "estimate", 1e20),
        ("create-product", "price", 1e300),
        ("create-product", "name", "   "),
        ("create-product", "name", "Nul\x00Byte"),
        ("create-product", "name", "lone \ud800 surrogate"),
        ("create-product", "description", "bell \x07"),
        ("create-product", "unit", "XYZ"),
        ("create-product", "price", 19.99999),
    ],
)
async def test_unbounded_and_unprintable_values_are_refused_naming_the_field(
    sandbox: SandboxBackend, action: str, field: str, value: Any
) -> None:
    base = {"name": "Beratung", "unit": "HUR", "tax": 19} if action == "create-product" else {}
    assert await fields_refused(sandbox, action, base | {field: value}) == {field}


async def test_a_multi_line_description_keeps_its_line_breaks(sandbox: SandboxBackend) -> None:
    created = await run(sandbox, "create-product", {"name": "Paket", "unit": "C62", "tax": 19, "description": "a\nb"})
    assert created["description"] == "a\nb"
    assert await fields_refused(sandbox, "create-product", {"name": "Zwei\nZeilen", "unit": "C62", "tax": 19}) == {
        "name"
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("issueDate", "9999-12-31"),
        ("paymentTermDays", 10**9),
        ("prepaid", 1e300),
        ("prepaid", float("nan")),
    ],
)
async def test_invoice_numbers_past_what_dates_and_decimals_hold_are_refused(
    sandbox: SandboxBackend, field: str, value: Any
) -> None:
    customer = await a_customer(sandbox)
    invoice = {"customerId": customer["id"], "lines": [{"name": "Beratung", "quantity": 1, "unitPrice": 100}]}
    assert await fields_refused(sandbox, "create-outgoing-invoice", invoice | {field: value}) == {field}


async def test_a_huge_quantity_is_refused_on_its_line(sandbox: SandboxBackend) -> None:
    customer = await a_customer(sandbox)
    lines = [{"name": "Beratung", "quantity": 1e300, "unitPrice": 1}]
    refused = await fields_refused(sandbox, "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines})
    assert refused == {"lines[0].quantity"}


async def test_a_prepayment_above_the_gross_total_is_refused(sandbox: SandboxBackend) -> None:
    customer = await a_customer(sandbox)
    invoice = {"customerId": customer["id"], "lines": [{"name": "Beratung", "quantity": 1, "unitPrice": 100}]}
    gross = (await run(sandbox, "create-outgoing-invoice", invoice))["totalGross"]
    assert await fields_refused(sandbox, "create-outgoing-invoice", invoice | {"prepaid": gross + 0.01}) == {"prepaid"}
    assert (await run(sandbox, "create-outgoing-invoice", invoice | {"prepaid": gross}))["amountDue"] == 0


async def test_a_service_period_that_ends_before_it_starts_is_refused(sandbox: SandboxBackend) -> None:
    customer = await a_customer(sandbox)
    invoice = {
        "customerId": customer["id"],
        "lines": [{"name": "Beratung", "quantity": 1, "unitPrice": 100}],
        "servicePeriod": {"start": "2026-03-31", "end": "2026-03-01"},
    }
    assert await fields_refused(sandbox, "create-outgoing-invoice", invoice) == {"servicePeriod.end"}


async def test_paid_at_must_be_a_date_or_timestamp_and_is_stored_as_a_utc_timestamp(sandbox: SandboxBackend) -> None:
    sent = (await run(sandbox, "list-outgoing-invoices", {"status": ["sent"], "perPage": 2}))["data"]
    assert await fields_refused(
        sandbox, "mark-invoice-paid", {"faktooraId": sent[0]["faktooraId"], "paidAt": "gestern"}
    )
    await run(
        sandbox, "mark-invoice-paid", {"faktooraId": sent[0]["faktooraId"], "paidAt": "2026-03-01T10:00:00+01:00"}
    )
    await run(sandbox, "mark-invoice-paid", {"faktooraId": sent[1]["faktooraId"], "paidAt": "2026-03-02"})
    paid = {
        i["faktooraId"]: i["paidAt"] for i in (await run(sandbox, "list-outgoing-invoices", {"perPage": 1000}))["data"]
    }
    assert paid[sent[0]["faktooraId"]] == "2026-03-01T09:00:00Z"
    assert paid[sent[1]["faktooraId"]] == "2026-03-02T12:00:00Z"


async def test_a_legacy_out_of_range_value_does_not_poison_later_updates(sandbox: SandboxBackend) -> None:
    product = (await run(sandbox, "list-products", {"perPage": 1}))["data"][0]

    def poison(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE products SET estimate = ? WHERE id = ?", (1e20, product["id"]))

    await sandbox._read(lambda conn: None)
    sandbox._store.write(poison)  # a value an older version let through
    renamed = await run(sandbox, "update-product", {"id": product["id"], "name": "Neu"})  # crashed: int overflow
    assert renamed["name"] == "Neu"
    fixed = await run(sandbox, "update-product", {"id": product["id"], "estimate": 10})
    assert fixed["estimate"] == 10


async def test_webhook_targets_that_reach_inside_the_network_are_refused(sandbox: SandboxBackend) -> None:
    for target in (
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/hook",
        "https://[::1]/hook",
        "http://0x7f.1/hook",
        "https://hooks.example.com/x\r\nX-Evil: 1",
    ):
        assert await fields_refused(sandbox, "create-webhook", {"action": "invoiceSent", "target": target}) == {
            "target"
        }


async def test_a_customer_with_sent_or_overdue_invoices_cannot_be_deleted(sandbox: SandboxBackend) -> None:
    invoices = (await run(sandbox, "list-outgoing-invoices", {"status": ["overdue"], "perPage": 1}))["data"]
    customer_id = invoices[0]["customer"]["id"]
    with pytest.raises(Conflict, match="open invoices"):
        await run(sandbox, "delete-customer", {"id": customer_id})
    assert (await run(sandbox, "get-customer", {"id": customer_id}))["id"] == customer_id


@pytest.mark.parametrize(("country", "postcode"), [("FR", "7500"), ("PL", "00950"), ("US", "<script>"), ("GB", "!!")])
async def test_postcodes_are_checked_for_known_countries_and_limited_elsewhere(
    sandbox: SandboxBackend, country: str, postcode: str
) -> None:
    customer = COMPANY | {"country": country, "postcode": postcode}
    assert await fields_refused(sandbox, "create-customer", customer) == {"postcode"}


async def test_an_unknown_id_is_not_found_and_names_the_list_tool(sandbox: SandboxBackend) -> None:
    with pytest.raises(NotFound) as error:
        await run(sandbox, "get-customer", {"id": "c-404"})
    assert error.value.message == "No customer with id 'c-404'; find ids with list-customers."
    with pytest.raises(NotFound, match="list-outgoing-invoices"):
        await run(sandbox, "get-outgoing-invoice-content", {"faktooraId": "inv_not_here"})


async def test_incoming_xml_with_nan_or_huge_totals_is_rejected_not_stored(sandbox: SandboxBackend) -> None:
    invoice = (await run(sandbox, "list-outgoing-invoices", {"status": ["sent"], "perPage": 1}))["data"][0]
    xml = (await run(sandbox, "get-invoice-by-id", {"faktooraId": invoice["faktooraId"]}))["document"]
    gross = ET.fromstring(xml).find(".//{*}GrandTotalAmount").text
    for bad in ("NaN", "1E+400", "-Infinity"):
        imported = await run(sandbox, "import-incoming-invoice", {"xml": xml.replace(f">{gross}<", f">{bad}<", 1)})
        assert imported["validationStatus"] == "rejected" and imported["totalGross"] is None
        assert any(finding["id"] == "BT-112" for finding in imported["validationMessages"])


def test_the_xml_writer_escapes_markup_and_replaces_what_xml_cannot_carry() -> None:
    party = {"name": "A & B <GmbH>\x00\x1b", "street": "Weg 1", "postcode": "10115", "city": "Berlin", "country": "DE"}
    content = {
        "invoiceNumber": "R-1 ]]>",
        "issueDate": "2026-03-01",
        "seller": party,
        "buyer": party | {"customerId": "001"},
        "lines": [
            {"position": 1, "name": "x\ud800y", "quantity": 1, "unitPrice": 1, "netAmount": 1, "vatCategory": "S"}
            | {"vatRate": 19}
        ],
        "vatBreakdown": [],
        "totals": dict.fromkeys(("lineTotal", "taxBasis", "taxTotal", "grandTotal", "prepaid", "amountDue"), 1),
        "notes": ['"quoted" \x0c'],
    }
    root = ET.fromstring(invoice_xml(content))  # well-formed
    assert root.find(".//{*}SellerTradeParty/{*}Name").text == "A & B <GmbH>\ufffd\ufffd"
    assert json.dumps(root.find(".//{*}SpecifiedTradeProduct/{*}Name").text) == '"x\\ufffdy"'
