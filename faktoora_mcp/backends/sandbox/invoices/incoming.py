"""Incoming (received) invoices: list, import an XML file or a ZUGFeRD PDF, validation result, approval.

An import is checked by the official rules (``official``): the verdict is rejected when any rule fails fatally,
with every failed rule listed as (id, flag, message, location, ruleSet). The same supplier invoice (seller and
number) is not imported twice: the second import is refused, naming the first.

The file is kept as it came (its bytes, a BLOB in ``incoming_files``), and every import counts against a quota of
stored bytes (``Context.import_quota_bytes``): checked in the import's own transaction before anything is written,
so an import over it is refused and leaves nothing behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.sandbox.invoices.official import failed_rules, message
from faktoora_mcp.backends.sandbox.invoices.pdf_import import attached_xml, pdf_bytes
from faktoora_mcp.backends.sandbox.invoices.xml_import import Parsed, parse
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
QUOTA_SETTING = "--sandbox-import-quota-mb (FAKTOORA_MCP_SANDBOX_IMPORT_QUOTA_MB)"
_STORED_BYTES = (
    # length() of a BLOB is read from the row header, not the file; the findings are short text in short rows.
    "SELECT (SELECT COALESCE(SUM(length(file)), 0) FROM incoming_files) "
    "+ (SELECT COALESCE(SUM(length(CAST(validationMessages AS BLOB))), 0) FROM incoming_invoices)"
)
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
    xml, mime_type, field_name = _upload(input)
    parsed = parse(xml, field_name)
    _refuse_duplicate(ctx.conn, parsed)
    findings = [message(rule, text) for rule, text in parsed.problems]
    if parsed.format:
        findings += failed_rules(xml)
    messages = json.dumps(findings, ensure_ascii=False)
    _refuse_over_quota(ctx, field_name, len(xml) + len(messages.encode()))
    stored = {
        "importId": _new_import_id(ctx),
        "faktooraId": ids.faktoora_id(ctx.rng),
        "source": input.get("source", "api"),
        "fileName": input.get("fileName") or f"{parsed.invoice_number or 'upload'}.{field_name}",
        "mimeType": mime_type,
        "format": parsed.format,
        "processingStatus": "done" if parsed.format else "failed",
        "validationStatus": "rejected" if any(f["flag"] == "fatal" for f in findings) else "accepted",
        "approvalStatus": "pending",
        **_terms(parsed),
        "validationMessages": messages,
        "createdAt": ctx.now,
        "updatedAt": ctx.now,
    }
    insert(ctx.conn, "incoming_invoices", stored)
    insert(ctx.conn, "incoming_files", {"importId": stored["importId"], "file": xml})
    return {**record(require(ctx.conn, stored["importId"])), "validationMessages": findings}


def _upload(input: Mapping[str, Any]) -> tuple[bytes, str, str]:
    """The invoice XML, the uploaded file's type, and the field it came in."""
    if input.get("pdf"):
        attached = attached_xml(pdf_bytes(input["pdf"]))
        if len(attached) > MAX_IMPORT_CHARS:  # pypdf inflates a stream to 75 MB: as much as sent as xml, no more
            raise InvalidArguments.single(
                "pdf", f"carries an e-invoice of {len(attached):,} bytes; the sandbox takes up to {MAX_IMPORT_CHARS:,}"
            )
        return attached, "application/pdf", "pdf"
    xml = input.get("xml")
    if not xml:
        raise InvalidArguments.single("xml", "is missing; send the XML file's text as xml, or a ZUGFeRD PDF as pdf")
    if len(xml) > MAX_IMPORT_CHARS:
        raise InvalidArguments.single(
            "xml", f"is {len(xml):,} characters; the sandbox accepts up to {MAX_IMPORT_CHARS:,}"
        )
    return xml.encode("utf-8", errors="replace"), "application/xml", "xml"


def _refuse_over_quota(ctx: Context, field_name: str, size: int) -> None:
    """Refuse, before anything is written, an import that would take the stored imports past the quota."""
    stored = int(ctx.conn.execute(_STORED_BYTES).fetchone()[0])
    if stored + size <= ctx.import_quota_bytes:
        return
    raise Conflict(
        f"{field_name}: this file needs {size:,} bytes, and the sandbox already stores {stored:,} of its "
        f"{ctx.import_quota_bytes:,}-byte quota for imported invoices; nothing was stored. Start the server with a "
        f"larger quota ({QUOTA_SETTING}), or start over with --sandbox-reset or another --sandbox-db file.",
        details={"field": field_name, "fileBytes": size, "storedBytes": stored, "quotaBytes": ctx.import_quota_bytes},
    )


def _terms(parsed: Parsed) -> dict[str, Any]:
    amounts = (("totalNet", parsed.total_net), ("totalTax", parsed.total_tax), ("totalGross", parsed.total_gross))
    return {
        "sellerName": parsed.seller_name,
        "sellerVatId": parsed.seller_vat_id,
        "sellerCity": parsed.seller_city,
        "sellerCountry": parsed.seller_country,
        "invoiceNumber": parsed.invoice_number,
        "issueDate": parsed.issue_date,
        "dueDate": parsed.due_date,
        "currency": parsed.currency,
        **{k: to_cents(v) if v is not None else None for k, v in amounts},
    }


def _refuse_duplicate(conn: sqlite3.Connection, parsed: Parsed) -> None:
    """A supplier invoice is its seller (VAT id, else name) and its number: importing it again would pay it twice.

    A rejected import does not count: the supplier's corrected file may carry the same number.
    """
    if not parsed.invoice_number or not (parsed.seller_vat_id or parsed.seller_name):
        return
    seller = "sellerVatId = ?" if parsed.seller_vat_id else "sellerName = ?"
    first = one(
        conn,
        "SELECT importId, createdAt FROM incoming_invoices "  # noqa: S608 - the column is chosen above, values bound
        f"WHERE invoiceNumber = ? AND {seller} AND validationStatus != 'rejected' LIMIT 1",
        (parsed.invoice_number, parsed.seller_vat_id or parsed.seller_name),
    )
    if first is not None:
        raise Conflict(
            f"Invoice {excerpt(parsed.invoice_number)} from {excerpt(parsed.seller_name or parsed.seller_vat_id)} "
            f"was already imported as {first['importId']} on {first['createdAt'][:10]}; nothing was stored. "
            "See it with get-incoming-invoice-validation, or ask the supplier for a corrected invoice number."
        )


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
