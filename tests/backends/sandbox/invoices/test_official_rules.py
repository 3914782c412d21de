"""Every invoice the sandbox writes passes the official rules: CEN's EN 16931 CII and KoSIT's XRechnung 3.0 CII.

The cases cover what a user can ask for: domestic invoices with 19 %, 7 % and 0 %, a public buyer (XRechnung),
reverse charge to an EU business (AE), a business outside the EU (O), a private buyer, a Kleinunternehmer (E),
credit notes and corrections, a service period, a prepayment, every file format, the XML inside each ZUGFeRD
PDF, and the seeded history; intra-EU supplies (K) and exports (G), which no create input produces yet, through
the writer directly. The rules run on Saxon-HE, compiled once per test session.

The XSLT files are installed by ``python -m faktoora_mcp.einvoice.update`` (they are not in the repository);
without them this module is skipped, saying so.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from typing import Any

import pytest
from pypdf import PdfReader

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.invoices.files.cii import invoice_xml
from faktoora_mcp.einvoice.engine import Report, validate
from faktoora_mcp.einvoice.rulesets import RULE_SETS, UPDATE_COMMAND
from tests.backends.sandbox.calls import run

CII_RULES = ("en16931-cii", "xrechnung-cii")
pytestmark = pytest.mark.skipif(
    not all(RULE_SETS[name].installed() for name in CII_RULES),
    reason=f"the official rule sets are not installed here; run `{UPDATE_COMMAND}`",
)
LINES = [
    {"name": "Beratung", "quantity": 2.5, "unitPrice": 120.5, "vatRate": 19, "unitCode": "HUR"},
    {"name": "Fachbuch", "quantity": 3, "unitPrice": 29.99, "vatRate": 7, "unitCode": "H87"},
    {"name": "Versand ins Ausland", "quantity": 1, "unitPrice": 12, "vatRate": 0},
]
SWISS = {
    "isCompany": True,
    "name": "Alpen Werkzeuge AG",
    "address": "Bahnhofstrasse 1",
    "postcode": "8001",
    "city": "Zürich",
    "country": "CH",
    "email": "einkauf@alpen.example",
}


@pytest.fixture(scope="session")
def official() -> Callable[[bytes], Report]:
    """Both rule sets, compiled once for the whole session (the first call compiles, about a second)."""
    return lambda xml: validate(xml, CII_RULES)


def fatal(report: Report) -> list[tuple[str, str, str]]:
    return [(a.rule_set, a.id, a.message) for a in report.fatal]


async def files_of(sandbox: SandboxBackend, input: dict[str, Any]) -> list[bytes]:
    """The invoice's XML download and, for ZUGFeRD, the XML attached to its PDF."""
    created = await run(sandbox, "create-outgoing-invoice", input)
    by_id = {"faktooraId": created["faktooraId"]}
    xml = (await run(sandbox, "get-invoice-by-id", {**by_id, "format": "xml"}))["document"].encode()
    files = [xml]
    if created["format"] != "xrechnung":
        pdf = base64.b64decode((await run(sandbox, "get-invoice-by-id", {**by_id, "format": "pdf"}))["document"])
        files.append(PdfReader(io.BytesIO(pdf)).attachments["factur-x.xml"][0])
    return files


async def customer(sandbox: SandboxBackend, wanted: Callable[[dict[str, Any]], bool]) -> str:
    customers = (await run(sandbox, "list-customers", {"perPage": 100}))["data"]
    return next(c["id"] for c in customers if wanted(c))


def is_domestic_business(c: dict[str, Any]) -> bool:
    return c["isCompany"] and c.get("country") in (None, "DE") and not c.get("routeId")


def is_eu_business(c: dict[str, Any]) -> bool:
    return c["isCompany"] and c.get("country") not in (None, "DE", "CH", "GB", "US", "NO") and bool(c.get("vatId"))


CASES: dict[str, tuple[Callable[[dict[str, Any]], bool], dict[str, Any]]] = {
    "domestic, three rates, service period": (
        is_domestic_business,
        {"servicePeriod": {"start": "2026-01-01", "end": "2026-01-31"}},
    ),
    "domestic, delivery date and prepayment": (is_domestic_business, {"deliveryDate": "2026-02-03", "prepaid": 50}),
    "public buyer with a Leitweg-ID": (lambda c: bool(c.get("routeId")), {}),
    "reverse charge to an EU business": (is_eu_business, {}),
    "private buyer": (lambda c: not c["isCompany"], {"orderReference": "B-77"}),
    "credit note": (is_domestic_business, {"invoiceTypeCode": "381"}),
    "corrected invoice": (is_domestic_business, {"invoiceTypeCode": "384"}),
    "prepayment invoice": (is_domestic_business, {"invoiceTypeCode": "326"}),
}


@pytest.mark.parametrize("file_format", ["xrechnung", "zf:2"])  # zf:1 embeds the same XML as zf:2
@pytest.mark.parametrize("case", list(CASES))
async def test_invoices_pass_en_16931_and_xrechnung(sandbox, official, case: str, file_format: str) -> None:
    wanted, extra = CASES[case]
    if extra.get("invoiceTypeCode") in ("381", "384"):  # a correction names the invoice it corrects (BG-3)
        paid = (await sandbox.run_action("list-outgoing-invoices", {"status": ["paid"], "perPage": 1})).output
        extra = extra | {"precedingInvoiceNumber": paid["data"][0]["invoiceNumber"]}
    input = {"customerId": await customer(sandbox, wanted), "lines": LINES, "format": file_format, **extra}
    for xml in await files_of(sandbox, input):
        assert fatal(official(xml)) == []


@pytest.mark.parametrize("file_format", ["xrechnung", "zf:1"])
async def test_a_business_outside_the_eu_gets_no_vat_ids_and_no_rates(sandbox, official, file_format: str) -> None:
    swiss = await run(sandbox, "create-customer", SWISS)
    for xml in await files_of(sandbox, {"customerId": swiss["id"], "lines": LINES, "format": file_format}):
        assert b"<ram:CategoryCode>O</ram:CategoryCode>" in xml
        assert b'schemeID="VA"' not in xml  # BR-O-02
        assert fatal(official(xml)) == []


async def test_a_kleinunternehmer_invoice_passes(sandbox, official) -> None:
    await run(sandbox, "update-account-settings", {"smallBusiness": True})
    lines = [dict(line, vatRate=0) for line in LINES]
    for file_format in ("xrechnung", "zf:2"):
        input = {"customerId": await customer(sandbox, is_domestic_business), "lines": lines, "format": file_format}
        for xml in await files_of(sandbox, input):
            assert b"<ram:CategoryCode>E</ram:CategoryCode>" in xml and b"19 UStG" in xml
            assert fatal(official(xml)) == []


async def test_the_seeded_history_passes(sandbox, official) -> None:
    seeded = (await run(sandbox, "list-outgoing-invoices", {"perPage": 40}))["data"]
    for invoice in seeded:
        by_id = {"faktooraId": invoice["faktooraId"], "format": "xml"}
        xml = (await run(sandbox, "get-invoice-by-id", by_id))["document"].encode()
        assert fatal(official(xml)) == [], invoice["invoiceNumber"]


def content_in(category: str, **extra: Any) -> dict[str, Any]:
    """A one-line invoice in ``category`` as the writer receives it."""
    line = {
        "position": 1,
        "name": "Maschine",
        "quantity": "1",
        "unitCode": "H87",
        "unitPrice": "1000",
        "netAmount": 1000,
        "vatCategory": category,
        "vatRate": 0,
    }
    reason = {"K": "Steuerfreie innergemeinschaftliche Lieferung", "G": "Steuerfreie Ausfuhrlieferung"}[category]
    return {
        "invoiceNumber": "RE-2026-0001",
        "invoiceTypeCode": "380",
        "issueDate": "2026-03-02",
        "dueDate": "2026-03-16",
        "deliveryDate": "2026-03-01",
        "currency": "EUR",
        "format": "xrechnung",
        "buyerReference": "K-1",
        "seller": {
            "name": "Muster GmbH",
            "street": "Hauptstr. 1",
            "postcode": "10115",
            "city": "Berlin",
            "country": "DE",
            "vatId": "DE123456789",
            "email": "rechnung@muster.example",
            "phone": "+49 30 1234",
            "contactName": "Anna Schneider",
            "iban": "DE02120300000000202051",
        },
        "buyer": {
            "name": "Kupiec Sp. z o.o.",
            "street": "ul. Piotrkowska 1",
            "postcode": "90-001",
            "city": "Łódź",
            "country": "PL",
            "vatId": "PL5260250995",
            "email": "faktury@kupiec.example",
        },
        "lines": [line],
        "vatBreakdown": [
            {"category": category, "rate": 0, "taxableAmount": 1000, "taxAmount": 0, "exemptionReason": reason}
        ],
        "totals": {
            "lineTotal": 1000,
            "taxBasis": 1000,
            "taxTotal": 0,
            "grandTotal": 1000,
            "prepaid": 0,
            "amountDue": 1000,
        },
        **extra,
    }


@pytest.mark.parametrize("category", ["K", "G"])
def test_intra_eu_supplies_and_exports_pass_through_the_writer(official, category: str) -> None:
    assert fatal(official(invoice_xml(content_in(category)))) == []


def test_a_correction_names_the_invoice_it_corrects(official) -> None:
    preceding = {"invoiceNumber": "RE-2026-0000", "issueDate": "2026-02-01", "faktooraId": "F1"}
    xml = invoice_xml(content_in("K", invoiceTypeCode="384", precedingInvoice=preceding))
    assert b"<ram:IssuerAssignedID>RE-2026-0000</ram:IssuerAssignedID>" in xml
    assert b'<qdt:DateTimeString format="102">20260201</qdt:DateTimeString>' in xml
    assert fatal(official(xml)) == []
