"""Writing invoices: create one complete invoice in one call, and correct one already issued.

``mode`` says what happens after the invoice is written, as Faktoora's ``POST /invoices`` flags do: ``draft``
(the default: saved for confirmation, nothing leaves the account), ``review`` (waits for approval) or ``deliver``
(generated and sent to the buyer at once). Nothing is delivered unless ``deliver`` is asked for by name.
A correction is an invoice of its own: a credit note (381) or a corrected invoice (384) that names the invoice it
corrects (BG-3) and, unless told otherwise, copies its lines.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from faktoora_mcp.backends.sandbox.invoices.model import (
    DETAILS_PAGE,
    buyer_snapshot,
    content_output,
    notes_for,
    seller_snapshot,
    stored_line,
    total_columns,
)
from faktoora_mcp.backends.sandbox.invoices.outgoing import insert_invoice, require, require_number
from faktoora_mcp.backends.sandbox.records.customers import record as customer_record
from faktoora_mcp.backends.sandbox.records.customers import require as require_customer
from faktoora_mcp.backends.sandbox.records.products import record as product_record
from faktoora_mcp.backends.sandbox.records.products import require as require_product
from faktoora_mcp.backends.sandbox.rules import identifiers as ids
from faktoora_mcp.backends.sandbox.rules import validation
from faktoora_mcp.backends.sandbox.rules.money import dec, from_cents, number, to_cents
from faktoora_mcp.backends.sandbox.rules.numbering import claim_next_number
from faktoora_mcp.backends.sandbox.store.context import Context, load_account
from faktoora_mcp.backends.sandbox.store.sql import one, update
from faktoora_mcp.errors import Conflict, InvalidArguments, NotFound, Violation
from faktoora_mcp.textcheck import excerpt

DEFAULT_TERM_DAYS = 14
MAX_QUANTITY_DECIMALS = 4
"""EN 16931 quantities (BT-129) are exchanged with up to four decimals; more would be rounded unseen."""
CORRECTING = {"381": "credit note", "384": "corrected invoice"}
"""Type codes that correct an earlier invoice and must name it (BR-DE-26 for 384; 381 by Faktoora's rules)."""
ZERO_RATED = ("Z", "E", "AE", "K", "G", "O")
"""Categories that carry no VAT: their rate must be 0 (BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05, BR-O-05)."""
STATUS_AFTER = {"draft": "draft", "review": "review", "deliver": "sent"}
CORRECTABLE = ("sent", "overdue", "paid", "created", "archived")
"""Invoices that reached the buyer (or could have): a draft is changed or deleted, not corrected."""
KINDS = {"credit-note": "381", "corrected-invoice": "384"}
RESOURCE = "faktoora://invoices/{}"


def create_outgoing_invoice(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    """One complete invoice: lines from products or free text, VAT per line, the next number, the totals."""
    account = load_account(ctx.conn)
    small = bool(account["company"].get("smallBusiness"))
    try:
        customer = customer_record(require_customer(ctx.conn, input["customerId"]))
    except NotFound as exc:
        raise InvalidArguments.single("customerId", exc.message) from None
    buyer = buyer_snapshot(customer)
    items = [_item(ctx.conn, index, item, small) for index, item in enumerate(input["lines"])]
    lines = [_line(item, buyer, small) for item in items]
    type_code = input.get("invoiceTypeCode", "380")
    preceding = _preceding(ctx.conn, input, type_code)
    return _write(ctx, account, customer, buyer, lines, input, preceding)


def correct_outgoing_invoice(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    """A credit note or corrected invoice for an issued invoice, its lines copied unless given."""
    original = require(ctx.conn, input["faktooraId"])
    if input["kind"] == "credit-note" and "lines" not in input and _credited(ctx.conn, original["faktooraId"]):
        raise Conflict(
            f"Invoice {original['invoiceNumber']} already has a credit note for its full amount; "
            "list-outgoing-invoices with keyword shows it. Give lines to credit a part again."
        )
    if original["status"] not in CORRECTABLE:
        raise Conflict(
            f"Invoice {original['invoiceNumber']} is {original['status']}: only an issued invoice is corrected. "
            "Change a draft or review invoice in Faktoora's web app, or delete it with delete-invoice."
        )
    content = json.loads(original["content"])
    account = load_account(ctx.conn)
    customer = customer_record(require_customer(ctx.conn, original["customerUuid"]))
    if "lines" in input:
        small = bool(account["company"].get("smallBusiness"))
        items = [_item(ctx.conn, index, item, small) for index, item in enumerate(input["lines"])]
        lines = [_line(item, content["buyer"], small) for item in items]
    else:
        lines = content["lines"]
    type_code = KINDS[input["kind"]]
    written = {
        **{k: v for k, v in input.items() if k not in ("faktooraId", "kind", "lines", "reason")},
        "invoiceTypeCode": type_code,
        "format": input.get("format") or original["format"],
        "currency": original["currency"],
        "notes": [input["reason"], *_as_list(input.get("notes"))] if input.get("reason") else input.get("notes"),
    }
    preceding = {
        "invoiceNumber": original["invoiceNumber"],
        "issueDate": original["issueDate"],
        "faktooraId": original["faktooraId"],
    }
    answer = _write(ctx, account, customer, content["buyer"], lines, written, preceding)
    if type_code == "381" and "lines" not in input:  # credited in full: nothing is owed on the original any more
        _settle_original(ctx, original)
    return answer


def _write(
    ctx: Context,
    account: dict[str, Any],
    customer: Mapping[str, Any],
    buyer: Mapping[str, Any],
    lines: list[dict[str, Any]],
    input: Mapping[str, Any],
    preceding: Mapping[str, Any] | None,
) -> dict[str, Any]:
    small = bool(account["company"].get("smallBusiness"))
    issue = date.fromisoformat(input["issueDate"]) if input.get("issueDate") else ctx.today
    due = _due(input, issue)
    _check_service_period(input.get("servicePeriod"))
    mode = input.get("mode", "draft")
    _check_delivery(mode, buyer)
    status = STATUS_AFTER[mode]
    content = {
        "seller": _seller(account),
        "buyer": dict(buyer),
        "lines": lines,
        "notes": notes_for(lines, small_business=small) + _as_list(input.get("notes")),
        "servicePeriod": input.get("servicePeriod"),
        "paymentTerms": input.get("paymentTerms") or f"Zahlbar bis {due.isoformat()} ohne Abzug.",
        "buyerReference": input.get("buyerReference") or buyer.get("routeId"),
        "orderReference": input.get("orderReference"),
        "precedingInvoice": dict(preceding) if preceding else None,
    }
    row = {
        "faktooraId": _new_faktoora_id(ctx),
        "invoiceNumber": _number(ctx.conn, account, input, issue),
        "status": status,
        "format": input.get("format") or ("xrechnung" if buyer.get("routeId") else "zf:2"),
        "invoiceTypeCode": input.get("invoiceTypeCode", "380"),
        "currency": input.get("currency", "EUR"),
        "issueDate": issue.isoformat(),
        "dueDate": due.isoformat(),
        "deliveryDate": input.get("deliveryDate"),
        "paidAt": None,
        "sentAt": ctx.now if status == "sent" else None,
        "customerUuid": customer["id"],
        "customerNumber": customer["customerId"],
        "customerName": customer["name"],
        **_totals(lines, status, input.get("prepaid", 0)),
        "content": json.dumps(content, ensure_ascii=False),
        "createdAt": ctx.now,
        "updatedAt": ctx.now,
    }
    insert_invoice(ctx.conn, row)
    return issued_output(require(ctx.conn, row["faktooraId"]), ctx.today)


def issued_output(row: sqlite3.Row, today: date) -> dict[str, Any]:
    """What a create answers: the invoice as written, with its totals, VAT split and where its files are."""
    invoice = content_output(row, today)
    uri = RESOURCE.format(row["faktooraId"])
    return {
        **invoice,
        "amountDue": number(from_cents(row["amountDue"])),
        "totalGross": number(from_cents(row["totalGross"])),
        "delivered": row["sentAt"] is not None,
        "detailsPage": DETAILS_PAGE.format(row["faktooraId"]),
        "documents": {"xml": uri, "pdf": f"{uri}/pdf", "status": f"{uri}/status"},
    }


def _seller(account: Mapping[str, Any]) -> dict[str, Any]:
    return seller_snapshot(account["company"])


def _line(item: Mapping[str, Any], buyer: Mapping[str, Any], small: bool) -> dict[str, Any]:
    """The stored line; a category the caller chose replaces the one the buyer's country would give."""
    line = stored_line(item, buyer, small_business=small)
    if item.get("vatCategory") and not small:
        line["vatCategory"] = item["vatCategory"]
        line["vatRate"] = 0 if item["vatCategory"] in ZERO_RATED else line["vatRate"]
    return line


def _preceding(conn: sqlite3.Connection, input: Mapping[str, Any], type_code: str) -> dict[str, Any] | None:
    """The invoice a credit note or correction refers to; it must exist in this account."""
    number = input.get("precedingInvoiceNumber")
    if number is None:
        if type_code in CORRECTING:
            raise InvalidArguments.single(
                "precedingInvoiceNumber",
                f"a {CORRECTING[type_code]} ({type_code}) must name the invoice it corrects; give its number, "
                "or use correct-outgoing-invoice with the original's faktooraId",
            )
        return None
    try:
        original = require_number(conn, number)
    except NotFound:
        raise InvalidArguments.single(
            "precedingInvoiceNumber", f"no invoice {excerpt(number)} exists; find numbers with list-outgoing-invoices"
        ) from None
    return {"invoiceNumber": number, "issueDate": original["issueDate"], "faktooraId": original["faktooraId"]}


def _credited(conn: sqlite3.Connection, faktoora_id: str) -> bool:
    """Whether a credit note already names this invoice (few invoices are corrected: a scan is fine)."""
    sql = (
        "SELECT 1 FROM invoices i JOIN invoice_contents c ON c.faktooraId = i.faktooraId "
        "WHERE i.invoiceTypeCode = '381' AND json_extract(c.content, '$.precedingInvoice.faktooraId') = ?"
    )
    return one(conn, sql, (faktoora_id,)) is not None


def _settle_original(ctx: Context, original: sqlite3.Row) -> None:
    if original["status"] in ("sent", "overdue", "created"):
        lines = json.loads(original["content"])["lines"]
        amounts = total_columns(lines, "cancelled", original["prepaid"])
        changes = {"status": "cancelled", "amountDue": amounts["amountDue"], "updatedAt": ctx.now}
        update(ctx.conn, "invoices", "faktooraId", original["faktooraId"], changes)


def _check_delivery(mode: str, buyer: Mapping[str, Any]) -> None:
    """Faktoora delivers by e-mail or Peppol: a buyer with neither cannot be sent to."""
    if mode == "deliver" and not (buyer.get("email") or buyer.get("peppolId") or buyer.get("routeId")):
        raise InvalidArguments.single(
            "mode",
            f"deliver needs an e-mail address or Peppol id for {buyer.get('name')!r}; add one with update-customer, "
            "or create the invoice as a draft",
        )


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def _totals(lines: list[dict[str, Any]], status: str, prepaid: Any) -> dict[str, int]:
    """The total columns; a prepayment above the gross total would make the amount due negative."""
    amounts = total_columns(lines, status, to_cents(dec(prepaid)))
    if amounts["prepaid"] > amounts["totalGross"]:
        gross = amounts["totalGross"] / 100
        raise InvalidArguments.single("prepaid", f"{prepaid} is more than the gross total {gross:.2f}")
    return amounts


def _check_service_period(period: Mapping[str, str] | None) -> None:
    if period and period["end"] < period["start"]:
        raise InvalidArguments.single(
            "servicePeriod.end", f"{period['end']} is before the start {period['start']}; swap them"
        )


def _item(conn: sqlite3.Connection, index: int, item: Mapping[str, Any], small: bool) -> dict[str, Any]:
    """A line input completed from its product, checked; violations name ``lines[i].field``."""
    base: dict[str, Any] = {}
    if item.get("productId"):
        try:
            product = product_record(require_product(conn, item["productId"]))
        except NotFound as exc:
            raise InvalidArguments.single(f"lines[{index}].productId", exc.message) from None
        base = {
            "name": product["name"],
            "description": product["description"],
            "unitCode": product["unit"],
            "unitPrice": product["price"] or 0,
            "vatRate": 0 if small else product["tax"],
        }
    merged = base | dict(item)
    where = f"lines[{index}]"
    violations = [
        Violation(f"{where}.{f}", "is required without a productId")
        for f in ("name", "unitPrice")
        if merged.get(f) is None
    ]
    violations += validation.unit(merged.setdefault("unitCode", "C62"), f"{where}.unitCode")
    if merged.get("vatCategory") in ZERO_RATED:
        merged["vatRate"] = merged.get("vatRate", 0)
    violations += validation.tax_rate(
        merged.setdefault("vatRate", 0 if small else 19), small_business=small, path=f"{where}.vatRate"
    )
    violations += _category(merged, where) + _amounts(merged, where)
    if violations:
        raise InvalidArguments(violations)
    return merged


def _category(item: Mapping[str, Any], where: str) -> list[Violation]:
    category, rate = item.get("vatCategory"), dec(item["vatRate"])
    if category in ZERO_RATED and rate != 0:
        return [Violation(f"{where}.vatRate", f"must be 0 for VAT category {category}; drop vatRate or the category")]
    if category == "S" and rate == 0:
        return [Violation(f"{where}.vatCategory", "S (standard rate) needs a rate of 7 or 19; use Z for 0 %")]
    return []


def _amounts(item: Mapping[str, Any], where: str) -> list[Violation]:
    quantity = dec(item["quantity"])
    found = [] if quantity > 0 else [Violation(f"{where}.quantity", "must be greater than 0")]
    if validation.decimals(quantity) > MAX_QUANTITY_DECIMALS:
        found.append(Violation(f"{where}.quantity", f"may have at most {MAX_QUANTITY_DECIMALS} decimals"))
    if item.get("unitPrice") is not None:
        found += validation.price(item["unitPrice"], f"{where}.unitPrice")
    return found + validation.no_emoji(item.get("name"), f"{where}.name")


def _due(input: Mapping[str, Any], issue: date) -> date:
    if not input.get("dueDate"):
        return issue + timedelta(days=int(input.get("paymentTermDays", DEFAULT_TERM_DAYS)))
    due = date.fromisoformat(input["dueDate"])
    if due < issue:
        raise InvalidArguments.single("dueDate", f"{due} is before the issue date {issue}")
    return due


def _number(conn: sqlite3.Connection, account: dict[str, Any], input: Mapping[str, Any], issue: date) -> str:
    wanted = input.get("invoiceNumber")
    if wanted is None:
        return claim_next_number(conn, account, issue)
    if one(conn, "SELECT 1 FROM invoices WHERE invoiceNumber = ?", (wanted,)):
        raise Conflict(
            f"Invoice number {wanted!r} is already used; invoice numbers are unique (§ 14 UStG). "
            "Omit invoiceNumber to get the next free one (get-next-invoice-number shows it)."
        )
    return wanted


def _new_faktoora_id(ctx: Context) -> str:
    while True:
        candidate = ids.faktoora_id(ctx.rng)
        if one(ctx.conn, "SELECT 1 FROM invoices WHERE faktooraId = ?", (candidate,)) is None:
            return candidate
