"""Outgoing invoices, write side: create (draft by default), send, cancel, mark paid, the overdue job."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from faktoora_mcp.backends.sandbox.invoices.model import (
    buyer_snapshot,
    notes_for,
    seller_snapshot,
    stored_line,
    summary_output,
    total_columns,
)
from faktoora_mcp.backends.sandbox.invoices.outgoing import insert_invoice, require
from faktoora_mcp.backends.sandbox.records.customers import record as customer_record
from faktoora_mcp.backends.sandbox.records.customers import require as require_customer
from faktoora_mcp.backends.sandbox.records.products import record as product_record
from faktoora_mcp.backends.sandbox.records.products import require as require_product
from faktoora_mcp.backends.sandbox.rules import identifiers as ids
from faktoora_mcp.backends.sandbox.rules import validation
from faktoora_mcp.backends.sandbox.rules.money import dec, to_cents
from faktoora_mcp.backends.sandbox.rules.numbering import claim_next_number
from faktoora_mcp.backends.sandbox.store.context import Context, load_account
from faktoora_mcp.backends.sandbox.store.sql import one, update
from faktoora_mcp.errors import Conflict, InvalidArguments, Violation
from faktoora_mcp.textcheck import excerpt

DEFAULT_TERM_DAYS = 14
SENDABLE = ("draft", "review", "created")
CANCELLABLE = ("draft", "review", "created", "sent", "overdue")
PAYABLE = ("sent", "overdue")


def create_outgoing_invoice(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    """A new invoice with the next number: a draft unless draftOnly is false (then review, or sent at once)."""
    account = load_account(ctx.conn)
    small = bool(account["company"].get("smallBusiness"))
    customer = customer_record(require_customer(ctx.conn, input["customerId"]))
    buyer = buyer_snapshot(customer)
    items = [_item(ctx.conn, index, item, small) for index, item in enumerate(input["lines"])]
    lines = [stored_line(item, buyer, small_business=small) for item in items]
    issue = date.fromisoformat(input["issueDate"]) if input.get("issueDate") else ctx.today
    due = _due(input, issue)
    _check_service_period(input.get("servicePeriod"))
    status = "draft" if input.get("draftOnly", True) else "review" if input.get("reviewMode") else "sent"
    content = {
        "seller": seller_snapshot(account["company"]),
        "buyer": buyer,
        "lines": lines,
        "notes": notes_for(lines, small_business=small),
        "servicePeriod": input.get("servicePeriod"),
        "paymentTerms": input.get("paymentTerms") or f"Zahlbar bis {due.isoformat()} ohne Abzug.",
        "buyerReference": input.get("buyerReference") or buyer["routeId"],
        "orderReference": input.get("orderReference"),
    }
    row = {
        "faktooraId": _new_faktoora_id(ctx),
        "invoiceNumber": _number(ctx.conn, account, input, issue),
        "status": status,
        **_header(input, buyer, issue, due),
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
    return summary_output(require(ctx.conn, row["faktooraId"]))


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


def paid_timestamp(value: str | None, now: str) -> str:
    """``paidAt`` as the ISO 8601 UTC timestamp the output promises: a date means noon UTC that day."""
    if not value:
        return now
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        raise InvalidArguments.single(
            "paidAt", f"{excerpt(value)} is not a date or timestamp; use e.g. 2026-03-01 or 2026-03-01T10:00:00Z"
        ) from None
    if len(value) <= len("YYYY-MM-DD"):
        moment = moment.replace(hour=12)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _header(input: Mapping[str, Any], buyer: Mapping[str, Any], issue: date, due: date) -> dict[str, Any]:
    """Format, type, currency and dates; public buyers (with a Leitweg-ID) get XRechnung by default."""
    return {
        "format": input.get("format") or ("xrechnung" if buyer["routeId"] else "zf:2"),
        "invoiceTypeCode": input.get("invoiceTypeCode", "380"),
        "currency": input.get("currency", "EUR"),
        "issueDate": issue.isoformat(),
        "dueDate": due.isoformat(),
        "deliveryDate": input.get("deliveryDate"),
    }


def send_outgoing_invoice(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    row = _in_status(ctx.conn, input["faktooraId"], SENDABLE, "sent")
    return _move(ctx, row, "sent", sentAt=ctx.now)


def cancel_outgoing_invoice(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    row = _in_status(ctx.conn, input["faktooraId"], CANCELLABLE, "cancelled")
    return _move(ctx, row, "cancelled")


def mark_invoice_paid(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    row = _in_status(ctx.conn, input["faktooraId"], PAYABLE, "paid")
    return _move(ctx, row, "paid", paidAt=paid_timestamp(input.get("paidAt"), ctx.now))


def mark_overdue_invoices(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    """Faktoora's daily job, on demand: sent invoices past their due date become overdue."""
    cutoff = ctx.today.isoformat()
    query = "SELECT faktooraId FROM invoices WHERE status = 'sent' AND dueDate < ?"
    ids_due = [row["faktooraId"] for row in ctx.conn.execute(query, (cutoff,)).fetchall()]
    for faktoora_id in ids_due:
        _move(ctx, require(ctx.conn, faktoora_id), "overdue")
    return {"updated": len(ids_due), "faktooraIds": ids_due}


def _move(ctx: Context, row: sqlite3.Row, status: str, **changes: str) -> dict[str, Any]:
    lines = json.loads(row["content"])["lines"]
    amounts = total_columns(lines, status, row["prepaid"])
    update(
        ctx.conn,
        "invoices",
        "faktooraId",
        row["faktooraId"],
        {"status": status, "amountDue": amounts["amountDue"], **changes, "updatedAt": ctx.now},
    )
    return summary_output(require(ctx.conn, row["faktooraId"]))


def _in_status(conn: sqlite3.Connection, faktoora_id: str, allowed: tuple[str, ...], target: str) -> sqlite3.Row:
    row = require(conn, faktoora_id)
    if row["status"] not in allowed:
        raise Conflict(
            f"Invoice {row['invoiceNumber']} is {row['status']} and cannot become {target}; "
            f"only invoices that are {', '.join(allowed)} can."
        )
    return row


def _item(conn: sqlite3.Connection, index: int, item: Mapping[str, Any], small: bool) -> dict[str, Any]:
    """A line input completed from its product, checked; violations name ``lines[i].field``."""
    base: dict[str, Any] = {}
    if item.get("productId"):
        product = product_record(require_product(conn, item["productId"]))
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
    violations += validation.tax_rate(
        merged.setdefault("vatRate", 0 if small else 19), small_business=small, path=f"{where}.vatRate"
    )
    violations += _amounts(merged, where)
    if violations:
        raise InvalidArguments(violations)
    return merged


def _amounts(item: Mapping[str, Any], where: str) -> list[Violation]:
    found = [] if dec(item["quantity"]) > 0 else [Violation(f"{where}.quantity", "must be greater than 0")]
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
            "Omit invoiceNumber to get the next free one."
        )
    return wanted


def _new_faktoora_id(ctx: Context) -> str:
    while True:
        candidate = ids.faktoora_id(ctx.rng)
        if one(ctx.conn, "SELECT 1 FROM invoices WHERE faktooraId = ?", (candidate,)) is None:
            return candidate
