"""The invoice PDF read back by an independent reader (pypdf), as an accountant and a PDF/A validator would.

§ 14 Abs. 4 UStG items, German number and date formats, the texts of tax-free and reverse-charge invoices,
titles of credit notes and corrections, page numbers and carried-over totals, every letter of a Polish buyer,
every line of a 200-line invoice; and what makes it a PDF/A-3B: embedded fonts, an sRGB output intent, XMP that
names PDF/A-3B and matches the document, a file identifier, the XML attached as factur-x.xml.
"""

from __future__ import annotations

import base64
import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.invoices.documents import invoice_pdf
from tests.backends.sandbox.calls import run

POLISH = {"isCompany": True, "name": "Łódź Żółć Spółka", "address": "ul. Źródlana 7", "postcode": "90-001",
          "city": "Łódź", "country": "PL"}  # fmt: skip
SWISS = {"isCompany": True, "name": "Alpen Werkzeuge AG", "address": "Bahnhofstrasse 1", "postcode": "8001",
         "city": "Zürich", "country": "CH"}  # fmt: skip
LINES = [
    {"name": "Beratung Projektleitung", "quantity": 12.5, "unitPrice": 1234.56, "vatRate": 19, "unitCode": "HUR"},
    {"name": "Fachbuch Umsatzsteuer", "quantity": 3, "unitPrice": 29.99, "vatRate": 7, "unitCode": "H87"},
]
DECIMAL_POINT_AMOUNT = re.compile(r"\d\.\d{2} EUR")
"""238.00 EUR: an amount as a program writes it; a German invoice writes 238,00 EUR."""


async def customer(sandbox: SandboxBackend, wanted) -> dict[str, Any]:
    customers = (await run(sandbox, "list-customers", {"perPage": 100}))["data"]
    return next(c for c in customers if wanted(c))


async def pdf_of(sandbox: SandboxBackend, customer_id: str, **extra: Any) -> tuple[dict[str, Any], PdfReader]:
    input = {"customerId": customer_id, "lines": LINES, "format": "zf:2", **extra}
    created = await run(sandbox, "create-outgoing-invoice", input)
    document = await run(sandbox, "get-invoice-by-id", {"faktooraId": created["faktooraId"], "format": "pdf"})
    return created, PdfReader(io.BytesIO(base64.b64decode(document["document"])))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def domestic(c: dict[str, Any]) -> bool:
    return c["isCompany"] and c.get("country") in (None, "DE") and not c.get("routeId")


async def test_a_domestic_invoice_shows_every_item_of_section_14_in_german_formats(sandbox) -> None:
    buyer = await customer(sandbox, domestic)
    period = {"start": "2026-02-01", "end": "2026-02-28"}
    created, reader = await pdf_of(sandbox, buyer["id"], issueDate="2026-03-02", servicePeriod=period)
    content = await run(sandbox, "get-outgoing-invoice-content", {"faktooraId": created["faktooraId"]})
    text, seller = text_of(reader), content["seller"]
    for item in (
        seller["name"],
        seller["street"],
        f"{seller['postcode']} {seller['city']}",
        buyer["name"],
        f"{buyer['postcode']} {buyer['city']}",
        f"USt-IdNr.: {seller['vatId']}",
        created["invoiceNumber"],
    ):
        assert item in text, item  # fmt: skip
    assert "Rechnungsdatum:" in text and "02.03.2026" in text and "2026-03-02" not in text
    assert "Leistungszeitraum:" in text and "01.02.2026 – 28.02.2026" in text
    assert "12,5" in text and "Std." in text and "HUR" not in text and "Beratung Projektleitung" in text
    assert "1.234,56 EUR" in text and "15.432,00 EUR" in text  # unit price; 12.5 x 1234.56 net
    assert "USt 19 % auf 15.432,00 EUR" in text and "2.932,08 EUR" in text
    assert "USt 7 % auf 89,97 EUR" in text and "6,30 EUR" in text
    assert "Gesamtbetrag" in text and "18.460,35 EUR" in text
    assert f"IBAN {seller['iban']}" in text and "bis zum 16.03.2026" in text
    assert "Seite 1 von 1" in text
    assert not DECIMAL_POINT_AMOUNT.search(text), DECIMAL_POINT_AMOUNT.search(text)


async def test_a_reverse_charge_invoice_says_so_and_names_both_vat_ids(sandbox) -> None:
    buyer = await customer(
        sandbox, lambda c: c["isCompany"] and c.get("country") not in (None, "DE") and c.get("vatId")
    )
    _created, reader = await pdf_of(sandbox, buyer["id"])
    text = text_of(reader)
    assert "Steuerschuldnerschaft des Leistungsempfängers" in text and "§ 13b UStG" in text
    assert f"USt-IdNr. des Leistungsempfängers: {buyer['vatId']}" in text
    assert "USt 0 % (Reverse Charge)" in text


async def test_exports_and_small_businesses_carry_their_texts(sandbox) -> None:
    swiss = await run(sandbox, "create-customer", SWISS)
    text = text_of((await pdf_of(sandbox, swiss["id"]))[1])
    assert "Nicht im Inland steuerbare Leistung" in text and "SCHWEIZ" in text
    await run(sandbox, "update-account-settings", {"smallBusiness": True})
    lines = [dict(line, vatRate=0) for line in LINES]
    text = text_of((await pdf_of(sandbox, swiss["id"], lines=lines))[1])
    assert "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet" in text


@pytest.mark.parametrize(("code", "title"), [("381", "Gutschrift"), ("384", "Rechnungskorrektur")])
async def test_credit_notes_and_corrections_are_titled_as_such(sandbox, code: str, title: str) -> None:
    buyer = await customer(sandbox, domestic)
    original = (await run(sandbox, "list-outgoing-invoices", {"status": ["paid"], "perPage": 1}))["data"][0]
    corrects = original["invoiceNumber"]  # a credit note or correction names the invoice it corrects (issue 22)
    created, reader = await pdf_of(sandbox, buyer["id"], invoiceTypeCode=code, precedingInvoiceNumber=corrects)
    assert f"{title} {created['invoiceNumber']}" in text_of(reader)
    assert f"Rechnung {created['invoiceNumber']}" not in text_of(reader)


def test_a_correction_names_the_invoice_it_corrects() -> None:
    from tests.backends.sandbox.invoices.test_official_rules import content_in

    preceding = {"invoiceNumber": "RE-2026-0000", "issueDate": "2026-02-01", "faktooraId": None}
    content = content_in("K", invoiceTypeCode="384", precedingInvoice=preceding, format="xrechnung")
    text = text_of(PdfReader(io.BytesIO(invoice_pdf(content))))
    assert "Rechnungskorrektur RE-2026-0001" in text and "Korrektur zu Rechnung RE-2026-0000 vom 01.02.2026" in text
    assert "Steuerfreie innergemeinschaftliche Lieferung" in text


async def test_every_letter_of_a_polish_buyer_prints(sandbox) -> None:
    polish = await run(sandbox, "create-customer", POLISH)
    text = text_of((await pdf_of(sandbox, polish["id"]))[1])
    for item in ("Łódź Żółć Spółka", "ul. Źródlana 7", "90-001 Łódź", "POLEN"):
        assert item in text, item
    assert "?" not in text  # what the cp1252 writer printed for Ł, ź, Ż


async def test_two_hundred_lines_run_over_pages_with_every_line_and_the_carried_total(sandbox) -> None:
    buyer = await customer(sandbox, domestic)
    lines = [
        {"name": f"Artikel {n:03d} Zubehör", "quantity": n, "unitPrice": 1.5, "vatRate": 19} for n in range(1, 201)
    ]
    _created, reader = await pdf_of(sandbox, buyer["id"], lines=lines)
    text, pages = text_of(reader), len(reader.pages)
    assert pages > 3
    for n in range(1, 201):
        assert f"Artikel {n:03d} Zubehör" in text, n
    for page in range(1, pages + 1):
        assert f"Seite {page} von {pages}" in reader.pages[page - 1].extract_text()
    first = reader.pages[0].extract_text()
    carried = re.search(r"Übertrag auf Seite 2\): ([\d.,]+ EUR)", first)
    assert carried and f"Übertrag von Seite 1: {carried.group(1)}" in reader.pages[1].extract_text()
    assert "30.150,00 EUR" in text  # 1.5 x (1 + ... + 200) net


async def test_the_pdf_is_a_pdf_a_3b_with_embedded_fonts_output_intent_xmp_and_id(sandbox) -> None:
    buyer = await customer(sandbox, domestic)
    created, reader = await pdf_of(sandbox, buyer["id"])
    fonts = [f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]  # embedded TrueType, no system font needed
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert intents[0]["/S"] == "/GTS_PDFA1" and intents[0]["/OutputConditionIdentifier"] == "sRGB"
    assert len(intents[0]["/DestOutputProfile"].get_object().get_data()) > 1000  # the ICC profile itself
    file_id = reader.trailer["/ID"]
    assert len(file_id) == 2 and len(file_id[0]) >= 16
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert "<pdfaid:part>3</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert (
        f"Rechnung {created['invoiceNumber']}" in xmp
        and reader.metadata.title == f"Rechnung {created['invoiceNumber']}"
    )
    assert list(reader.attachments) == ["factur-x.xml"]
