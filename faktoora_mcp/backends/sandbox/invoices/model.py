"""Outgoing invoices as data: building stored lines, computing totals, and the output shapes.

Pure functions over plain values; the SQL lives in ``outgoing.py`` and ``lifecycle.py``. A stored invoice
keeps a snapshot of seller and buyer as they were at issue, as a real invoice does: editing the customer
later does not rewrite invoices already written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from faktoora_mcp import overdue
from faktoora_mcp.backends.sandbox.rules.codes import OPEN_STATUSES
from faktoora_mcp.backends.sandbox.rules.money import (
    EXEMPTION_REASONS,
    Line,
    Totals,
    dec,
    from_cents,
    number,
    to_cents,
    totals,
    vat_breakdown,
    vat_category,
)

DETAILS_PAGE = "https://app.faktoora.com/invoices/{}"
SMALL_BUSINESS_NOTE = EXEMPTION_REASONS["E"]
SELLER_FIELDS = ("name", "street", "postcode", "city", "country", "vatId", "taxNumber", "iban", "bic", "email")
SELLER_EXTRAS = ("phone", "contactName", "legalForm", "registerCourt", "registerNumber", "bankName")
"""Kept with the invoice for its files: the seller contact XRechnung requires (BG-6) and the PDF's letterhead."""
BUYER_FIELDS = ("customerId", "name", "street", "postcode", "city", "country", "vatId", "email", "routeId")
DOCUMENT_MIME_TYPES = ["application/xml", "application/pdf"]


def seller_snapshot(company: Mapping[str, Any]) -> dict[str, Any]:
    """The seller as the invoice keeps it; the contact person is the managing director unless one is named."""
    extras = {field: company.get(field) for field in SELLER_EXTRAS}
    extras["contactName"] = company.get("contactName") or company.get("managingDirector")
    return {**{field: company.get(field) for field in SELLER_FIELDS}, **extras}


def buyer_snapshot(customer: Mapping[str, Any]) -> dict[str, Any]:
    """The buyer block of an invoice, plus what the sandbox needs to route and tax it."""
    return {
        "customerId": customer.get("customerId"),
        "name": customer["name"],
        "street": customer.get("address"),
        "postcode": customer.get("postcode"),
        "city": customer.get("city"),
        "country": customer.get("country") or "DE",
        "vatId": customer.get("vatId"),
        "email": customer.get("email"),
        "routeId": customer.get("routeId"),
        "id": customer.get("id"),
        "isCompany": bool(customer.get("isCompany", True)),
        "peppolId": customer.get("peppolId"),
    }


def stored_line(item: Mapping[str, Any], buyer: Mapping[str, Any], *, small_business: bool) -> dict[str, Any]:
    """One invoice line as stored: exact decimals as strings, category and rate decided for this buyer."""
    category, rate = vat_category(
        int(item["vatRate"]),
        small_business=small_business,
        buyer_country=buyer.get("country"),
        buyer_vat_id=buyer.get("vatId"),
        buyer_is_company=bool(buyer.get("isCompany", True)),
    )
    return {
        "productId": item.get("productId"),
        "name": item["name"],
        "description": item.get("description"),
        "quantity": str(dec(item["quantity"])),
        "unitCode": item.get("unitCode") or "C62",
        "unitPrice": str(dec(item["unitPrice"])),
        "vatCategory": category,
        "vatRate": rate,
    }


def money_lines(lines: Sequence[Mapping[str, Any]]) -> list[Line]:
    return [
        Line(Decimal(x["quantity"]), Decimal(x["unitPrice"]), x["vatCategory"], Decimal(x["vatRate"])) for x in lines
    ]


def notes_for(lines: Sequence[Mapping[str, Any]], *, small_business: bool) -> list[str]:
    return [SMALL_BUSINESS_NOTE] if small_business or any(x["vatCategory"] == "E" for x in lines) else []


def outstanding(status: str, grand_total: Decimal, prepaid: Decimal) -> Decimal:
    """What the customer still owes: nothing once paid, cancelled or not yet sent to them."""
    return grand_total - prepaid if status in OPEN_STATUSES else Decimal(0)


def total_columns(lines: Sequence[Mapping[str, Any]], status: str, prepaid_cents: int = 0) -> dict[str, int]:
    computed = totals(money_lines(lines), from_cents(prepaid_cents))
    return {
        "totalNet": to_cents(computed.tax_basis),
        "totalTax": to_cents(computed.tax_total),
        "totalGross": to_cents(computed.grand_total),
        "prepaid": prepaid_cents,
        "amountDue": to_cents(outstanding(status, computed.grand_total, computed.prepaid)),
    }


def shown_status(row: sqlite3.Row, today: date | None) -> str:
    """The status as of ``today``: a sent invoice past its due date is overdue. Derived when read, never stored,
    so that no job has to run for "which invoices are overdue?" to be answered right (``faktoora_mcp.overdue``)."""
    return row["status"] if today is None else overdue.shown_status(row["status"], row["dueDate"], today)


def summary_output(row: sqlite3.Row, today: date | None = None) -> dict[str, Any]:
    """The list item of list-outgoing-invoices."""
    return {
        "faktooraId": row["faktooraId"],
        "invoiceNumber": row["invoiceNumber"],
        "status": shown_status(row, today),
        "format": row["format"],
        "invoiceTypeCode": row["invoiceTypeCode"],
        "currency": row["currency"],
        "issueDate": row["issueDate"],
        "dueDate": row["dueDate"],
        "deliveryDate": row["deliveryDate"],
        "paidAt": row["paidAt"],
        "customer": {"id": row["customerUuid"], "customerId": row["customerNumber"], "name": row["customerName"]},
        "totalNet": number(from_cents(row["totalNet"])),
        "totalTax": number(from_cents(row["totalTax"])),
        "totalGross": number(from_cents(row["totalGross"])),
        "amountDue": number(from_cents(row["amountDue"])),
        "detailsPage": DETAILS_PAGE.format(row["faktooraId"]),
        "createdAt": row["createdAt"],
        "updatedAt": row["updatedAt"],
    }


def content_output(row: sqlite3.Row, today: date | None = None) -> dict[str, Any]:
    """The complete structured invoice of get-outgoing-invoice-content."""
    content = json.loads(row["content"])
    lines = content["lines"]
    computed = totals(money_lines(lines), from_cents(row["prepaid"]))
    return {
        **{k: row[k] for k in ("faktooraId", "invoiceNumber", "format", "invoiceTypeCode", "currency")},
        "status": shown_status(row, today),
        "precedingInvoice": content.get("precedingInvoice"),
        **{k: row[k] for k in ("issueDate", "dueDate", "deliveryDate")},
        **{k: content.get(k) for k in ("servicePeriod", "paymentTerms", "buyerReference", "orderReference")},
        "seller": {field: content["seller"].get(field) for field in SELLER_FIELDS},
        "buyer": {field: content["buyer"].get(field) for field in BUYER_FIELDS},
        "lines": [_line_output(position, line) for position, line in enumerate(lines, start=1)],
        "vatBreakdown": [_group_output(g) for g in vat_breakdown(money_lines(lines))],
        "totals": _totals_output(computed),
        "notes": list(content.get("notes", [])),
    }


def document_content(row: sqlite3.Row) -> dict[str, Any]:
    """What the invoice's files show: the structured content, the seller as stored, and the invoice corrected."""
    stored = json.loads(row["content"])
    preceding = stored.get("precedingInvoice")
    return {
        **content_output(row),
        "seller": dict(stored["seller"]),
        "precedingInvoice": preceding if isinstance(preceding, Mapping) else None,
    }


def _line_output(position: int, line: Mapping[str, Any]) -> dict[str, Any]:
    quantity, unit_price = Decimal(line["quantity"]), Decimal(line["unitPrice"])
    return {
        "position": position,
        "productId": line.get("productId"),
        "name": line["name"],
        "description": line.get("description"),
        "quantity": number(quantity),
        "unitCode": line.get("unitCode"),
        "unitPrice": number(unit_price),
        "netAmount": number(money_lines([line])[0].net),
        "vatCategory": line["vatCategory"],
        "vatRate": line["vatRate"],
    }


def _group_output(group: Any) -> dict[str, Any]:
    return {
        "category": group.category,
        "rate": number(group.rate),
        "taxableAmount": number(group.taxable),
        "taxAmount": number(group.tax),
        "exemptionReason": group.exemption_reason,
    }


def _totals_output(computed: Totals) -> dict[str, Any]:
    return {
        "lineTotal": number(computed.line_total),
        "taxBasis": number(computed.tax_basis),
        "taxTotal": number(computed.tax_total),
        "grandTotal": number(computed.grand_total),
        "prepaid": number(computed.prepaid),
        "amountDue": number(computed.amount_due),
    }


def status_output(row: sqlite3.Row, validation: Mapping[str, Any], today: date | None = None) -> dict[str, Any]:
    """get-outgoing-invoice-status: file, authority registration, delivery, and ``validation`` (``official``);
    the status as of ``today``."""
    buyer = json.loads(row["content"])["buyer"]
    sent_at = row["sentAt"]
    channel = "none" if sent_at is None else ("peppol" if buyer.get("peppolId") or buyer.get("routeId") else "email")
    return {
        "faktooraId": row["faktooraId"],
        "invoiceNumber": row["invoiceNumber"],
        "status": shown_status(row, today),
        "file": {"generated": row["status"] != "processing", "format": row["format"], "mimeTypes": DOCUMENT_MIME_TYPES},
        "authorityRegistration": {"status": "not_required"},
        "delivery": {"channel": channel, "status": "delivered" if sent_at else None, "sentAt": sent_at, "error": None},
        "validation": dict(validation),
        "createdAt": row["createdAt"],
        "updatedAt": row["updatedAt"],
    }
