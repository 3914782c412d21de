"""The seeded invoice history: outgoing invoices with consistent statuses, and received invoices.

Statuses follow the dates: invoices past their due date are mostly paid, some overdue or cancelled;
the newest are drafts, in review or sent. The same generator seeds the 100,000-invoice benchmark file.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from faktoora_mcp.backends.sandbox.invoices.model import (
    buyer_snapshot,
    notes_for,
    seller_snapshot,
    stored_line,
    total_columns,
)
from faktoora_mcp.backends.sandbox.rules import identifiers as ids
from faktoora_mcp.backends.sandbox.rules.money import round_cents
from faktoora_mcp.backends.sandbox.rules.numbering import format_number
from faktoora_mcp.backends.sandbox.seed import pools as pool

HISTORY_DAYS = 365
NEWEST_STATUSES = ("draft", "review", "sent", "draft", "review", "sent")
"""The newest invoices' statuses, fixed so that every seed shows drafts and invoices in review."""

REJECTION_REASONS = (
    "BR-CO-15: Invoice total amount with VAT (BT-112) must equal BT-109 + BT-110.",
    "BR-DE-15: The buyer reference (BT-10) must be given for XRechnung.",
    "BR-16: An invoice shall have at least one invoice line (BG-25).",
)


def outgoing_invoices(
    rng: random.Random,
    account: Mapping[str, Any],
    customers: Sequence[Mapping[str, Any]],
    products: Sequence[Mapping[str, Any]],
    count: int,
    anchor: date,
) -> Iterator[dict[str, Any]]:
    """``count`` invoices in issue order, numbered 1..count by the account template, generated lazily."""
    template = account["invoiceNumberTemplate"]
    days = sorted(anchor - timedelta(days=rng.randrange(1, HISTORY_DAYS + 1)) for _ in range(count))
    used: set[str] = set()
    for counter, issue in enumerate(days, start=1):
        newest = count - counter
        status = NEWEST_STATUSES[newest] if newest < len(NEWEST_STATUSES) else None
        number = format_number(template["template"], template["padLength"], counter, issue)
        customer = rng.choice(customers)
        yield _invoice(rng, account, customer, products, issue, number, status, anchor, used)


def _invoice(
    rng: random.Random,
    account: Mapping[str, Any],
    customer: Mapping[str, Any],
    products: Sequence[Mapping[str, Any]],
    issue: date,
    number: str,
    status: str | None,
    anchor: date,
    used: set[str],
) -> dict[str, Any]:
    buyer = buyer_snapshot(customer)
    company = account["company"]
    lines = [stored_line(item, buyer, small_business=company["smallBusiness"]) for item in _items(rng, products)]
    term = 30 if buyer["routeId"] else rng.choice((14, 14, 30))
    due = issue + timedelta(days=term)
    status = status or _status(rng, issue, due, anchor)
    events = _events(rng, status, issue, anchor)
    content = {
        "seller": seller_snapshot(company),
        "buyer": buyer,
        "lines": lines,
        "notes": notes_for(lines, small_business=company["smallBusiness"]),
        "servicePeriod": _service_period(lines, issue),
        "paymentTerms": pool.PAYMENT_TERMS[term],
        "buyerReference": buyer["routeId"],
        "orderReference": f"PO-{ids.digits(rng, 5)}" if rng.random() < 0.25 else None,
    }
    return {
        "faktooraId": _unique(rng, used),
        "invoiceNumber": number,
        "status": status,
        "format": "xrechnung" if buyer["routeId"] else rng.choice(("zf:2", "zf:2", "zf:2", "xrechnung", "zf:1")),
        "invoiceTypeCode": "380",
        "currency": "EUR",
        "issueDate": issue.isoformat(),
        "dueDate": due.isoformat(),
        "deliveryDate": (issue - timedelta(days=rng.randrange(0, 6))).isoformat(),
        "paidAt": events["paidAt"],
        "sentAt": events["sentAt"],
        "customerUuid": customer["id"],
        "customerNumber": customer["customerId"],
        "customerName": customer["name"],
        **total_columns(lines, status),
        "content": json.dumps(content, ensure_ascii=False),
        "createdAt": events["createdAt"],
        "updatedAt": events["updatedAt"],
    }


def _items(rng: random.Random, products: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    chosen = rng.sample(list(products), rng.randrange(1, 6))
    items = []
    for product in chosen:
        price = Decimal(product["price"])
        if rng.random() < 0.15:  # a negotiated price now and then
            price = round_cents(price * Decimal("0.9"))
        items.append(
            {
                "productId": product["id"],
                "name": product["name"],
                "description": product["description"],
                "quantity": _quantity(rng, product["unit"]),
                "unitCode": product["unit"],
                "unitPrice": price,
                "vatRate": product["tax"],
            }
        )
    return items


def _quantity(rng: random.Random, unit: str) -> Decimal:
    choices = {
        "HUR": (1, 2, "2.5", 4, 6, 8, "12.5", 16, 24, 40),
        "LH": (1, 2, "3.5", 6, 8),
        "DAY": (1, 2, 3, 5),
        "MON": (1, 1, 3, 12),
        "ANN": (1, 1, 2),
        "KWH": (180, 365, 1250, 2400),
        "MTR": ("12.5", 25, 50, 305),
        "KMT": (18, 42, 126, 310),
        "KGM": (1, 2, 5, 10),
        "LS": (1,),
    }.get(unit, (1, 2, 3, 5, 10, 12, 25))
    return Decimal(str(rng.choice(choices)))


def _status(rng: random.Random, issue: date, due: date, anchor: date) -> str:
    if (anchor - issue).days <= 10:
        return rng.choice(("draft", "review", "sent", "sent"))
    if due >= anchor:
        return "paid" if rng.random() < 0.25 else "sent"
    roll = rng.random()
    return "paid" if roll < 0.78 else "cancelled" if roll < 0.87 else "overdue"


def _events(rng: random.Random, status: str, issue: date, anchor: date) -> dict[str, str | None]:
    created = f"{issue.isoformat()}T07:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z"
    sent = status in ("sent", "overdue", "paid") or (status == "cancelled" and rng.random() < 0.5)
    sent_at = f"{issue.isoformat()}T{rng.randrange(8, 17):02d}:{rng.randrange(60):02d}:00Z" if sent else None
    paid_at = None
    if status == "paid":
        paid_day = min(issue + timedelta(days=rng.randrange(3, 45)), anchor - timedelta(days=1))
        paid_at = f"{max(paid_day, issue).isoformat()}T18:{rng.randrange(60):02d}:00Z"
    updated = max(t for t in (created, sent_at, paid_at) if t)
    return {"createdAt": created, "sentAt": sent_at, "paidAt": paid_at, "updatedAt": updated}


def _service_period(lines: Sequence[Mapping[str, Any]], issue: date) -> dict[str, str] | None:
    if not any(line["unitCode"] in ("MON", "HUR", "DAY") for line in lines):
        return None
    end = issue.replace(day=1) - timedelta(days=1)
    return {"start": end.replace(day=1).isoformat(), "end": end.isoformat()}


def _unique(rng: random.Random, used: set[str], make: Any = ids.faktoora_id) -> str:
    while True:
        candidate = make(rng)
        if candidate not in used:
            used.add(candidate)
            return str(candidate)


def incoming_invoices(rng: random.Random, count: int, anchor: date) -> list[dict[str, Any]]:
    used: set[str] = set()
    vat_ids = {name: ids.de_vat_id(rng) if has_vat else None for name, _, _, has_vat in pool.SUPPLIERS}
    days = sorted(anchor - timedelta(days=rng.randrange(1, HISTORY_DAYS + 1)) for _ in range(count))
    return [_incoming(rng, day, anchor, vat_ids, used) for day in days]


def _incoming(
    rng: random.Random, issue: date, anchor: date, vat_ids: Mapping[str, str | None], used: set[str]
) -> dict[str, Any]:
    name, city, country, _ = rng.choice(pool.SUPPLIERS)
    source = rng.choice(("email", "email", "api", "peppol"))
    fmt = rng.choice(
        {
            "email": ("pdf", "zugferd", "xrechnung-cii"),
            "api": ("xrechnung-cii", "zugferd"),
            "peppol": ("xrechnung-ubl", "xrechnung-cii"),
        }[source]
    )
    processing, validation, approval = _incoming_states(rng, (anchor - issue).days)
    net = Decimal(rng.randrange(1500, 300_000)) / 100
    tax = round_cents(net * (Decimal("0.07") if name.startswith("Café") else Decimal("0.19")))
    number = f"RE-{issue.year}-{ids.digits(rng, 4)}"
    created = f"{(issue + timedelta(days=rng.randrange(0, 3))).isoformat()}T06:{rng.randrange(60):02d}:00Z"
    return {
        "importId": _unique(rng, used, ids.import_id),
        "faktooraId": ids.faktoora_id(rng),
        "source": source,
        "fileName": f"{number}.{'pdf' if fmt in ('pdf', 'zugferd') else 'xml'}",
        "mimeType": "application/pdf" if fmt in ("pdf", "zugferd") else "application/xml",
        "format": fmt,
        "processingStatus": processing,
        "validationStatus": validation,
        "approvalStatus": approval,
        "sellerName": name,
        "sellerVatId": vat_ids[name],
        "sellerCity": city,
        "sellerCountry": country,
        "invoiceNumber": number,
        "issueDate": issue.isoformat(),
        "dueDate": (issue + timedelta(days=14)).isoformat(),
        "currency": "CHF" if country == "CH" else "EUR",
        "totalNet": int(net * 100),
        "totalTax": int(tax * 100),
        "totalGross": int((net + tax) * 100),
        "document": None,
        "validationMessages": json.dumps([rng.choice(REJECTION_REASONS)] if validation == "rejected" else []),
        "createdAt": created,
        "updatedAt": created,
    }


def _incoming_states(rng: random.Random, age_days: int) -> tuple[str, str, str]:
    """(processing, validation, approval) statuses that fit together and the invoice's age."""
    if age_days <= 3:
        return rng.choice(
            (("queued", "pending", "pending"), ("processing", "pending", "pending"), ("done", "accepted", "pending"))
        )
    if rng.random() < 0.04:
        return "failed", "rejected", "rejected"
    if rng.random() < 0.1:
        return "done", "rejected", rng.choice(("pending", "rejected"))
    approval = "paid" if age_days > 45 else "approved" if age_days > 14 else "pending"
    return "done", "accepted", approval
