"""Incoming (received) invoices: list, import an XML file, validation result, approval."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.sandbox.invoices.xml_import import parse
from faktoora_mcp.backends.sandbox.rules import identifiers as ids
from faktoora_mcp.backends.sandbox.rules.money import from_cents, number, to_cents
from faktoora_mcp.backends.sandbox.store.context import Context
from faktoora_mcp.backends.sandbox.store.listing import Filter, page_of, paged
from faktoora_mcp.backends.sandbox.store.sql import insert, one, update
from faktoora_mcp.errors import Conflict, InvalidArguments, NotFound
from faktoora_mcp.textcheck import excerpt

SORTABLE = {name: name for name in ("issueDate", "dueDate", "totalGross", "createdAt", "invoiceNumber")}
MAX_IMPORT_CHARS = 5_000_000
"""Real e-invoice XML is kilobytes; this bounds what one call can make the sandbox parse and store."""
PLAIN = (
    "importId",
    "faktooraId",
    "source",
    "fileName",
    "mimeType",
    "format",
    "processingStatus",
    "validationStatus",
    "approvalStatus",
)


def record(row: sqlite3.Row) -> dict[str, Any]:
    money = {
        k: number(from_cents(row[k])) if row[k] is not None else None for k in ("totalNet", "totalTax", "totalGross")
    }
    seller = {
        "name": row["sellerName"],
        "vatId": row["sellerVatId"],
        "city": row["sellerCity"],
        "country": row["sellerCountry"],
    }
    dates = {k: row[k] for k in ("invoiceNumber", "issueDate", "dueDate", "currency")}
    return {**{k: row[k] for k in PLAIN}, "seller": seller, **dates, **money, "createdAt": row["createdAt"]}


def require(conn: sqlite3.Connection, import_id: str) -> sqlite3.Row:
    row = one(conn, "SELECT * FROM incoming_invoices WHERE importId = ?", (import_id,))
    if row is None:
        raise NotFound(f"No incoming invoice with importId {excerpt(import_id)}; find ids with list-incoming-invoices.")
    return row


def list_incoming_invoices(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    where = Filter()
    for field in ("validationStatus", "approvalStatus"):
        if input.get(field):
            where.add(f"{field} = ?", input[field])
    if input.get("issueDateFrom"):
        where.add("issueDate >= ?", input["issueDateFrom"])
    if input.get("issueDateTo"):
        where.add("issueDate <= ?", input["issueDateTo"])
    if input.get("keyword"):
        where.contains(("invoiceNumber", "sellerName"), input["keyword"])
    order_by = SORTABLE[input.get("sort") or "createdAt"]
    return paged(ctx.conn, "incoming_invoices", where, order_by, page_of(input), record)


def get_incoming_invoice_validation(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    row = require(ctx.conn, input["importId"])
    return {
        "importId": row["importId"],
        "status": row["validationStatus"],
        "messages": json.loads(row["validationMessages"]),
    }


def import_incoming_invoice(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    xml = input["xml"]
    if len(xml) > MAX_IMPORT_CHARS:
        raise InvalidArguments.single("xml", f"is {len(xml)} characters; the sandbox accepts up to {MAX_IMPORT_CHARS}")
    parsed = parse(xml)
    stored = {
        "importId": _new_import_id(ctx),
        "faktooraId": ids.faktoora_id(ctx.rng),
        "source": input.get("source", "api"),
        "fileName": input.get("fileName") or f"{parsed.invoice_number or 'upload'}.xml",
        "mimeType": "application/xml",
        "format": parsed.format,
        "processingStatus": "done" if parsed.format else "failed",
        "validationStatus": "rejected" if parsed.problems else "accepted",
        "approvalStatus": "pending",
        "sellerName": parsed.seller_name,
        "sellerVatId": parsed.seller_vat_id,
        "sellerCity": parsed.seller_city,
        "sellerCountry": parsed.seller_country,
        "invoiceNumber": parsed.invoice_number,
        "issueDate": parsed.issue_date,
        "dueDate": parsed.due_date,
        "currency": parsed.currency,
        **{
            k: to_cents(v) if v is not None else None
            for k, v in (
                ("totalNet", parsed.total_net),
                ("totalTax", parsed.total_tax),
                ("totalGross", parsed.total_gross),
            )
        },
        "document": xml,
        "validationMessages": json.dumps(parsed.problems, ensure_ascii=False),
        "createdAt": ctx.now,
        "updatedAt": ctx.now,
    }
    insert(ctx.conn, "incoming_invoices", stored)
    return {**record(require(ctx.conn, stored["importId"])), "validationMessages": parsed.problems}


def approve_incoming_invoice(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    row = require(ctx.conn, input["importId"])
    if row["validationStatus"] != "accepted":
        raise Conflict(
            f"Incoming invoice {row['importId']} did not pass validation ({row['validationStatus']}); "
            "only accepted invoices can be approved. See get-incoming-invoice-validation."
        )
    if row["approvalStatus"] != "pending":
        raise Conflict(f"Incoming invoice {row['importId']} is already {row['approvalStatus']}.")
    update(
        ctx.conn, "incoming_invoices", "importId", row["importId"], {"approvalStatus": "approved", "updatedAt": ctx.now}
    )
    return record(require(ctx.conn, row["importId"]))


def _new_import_id(ctx: Context) -> str:
    while True:
        candidate = ids.import_id(ctx.rng)
        if one(ctx.conn, "SELECT 1 FROM incoming_invoices WHERE importId = ?", (candidate,)) is None:
            return candidate
