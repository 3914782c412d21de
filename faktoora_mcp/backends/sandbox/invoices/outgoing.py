"""Outgoing invoices, read side: list, files (XML/PDF), status, structured content; and delete."""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Mapping
from datetime import date
from functools import partial
from typing import Any

from faktoora_mcp.backends.sandbox.invoices import documents
from faktoora_mcp.backends.sandbox.invoices.model import (
    content_output,
    document_content,
    status_output,
    summary_output,
)
from faktoora_mcp.backends.sandbox.invoices.official import outgoing_validation
from faktoora_mcp.backends.sandbox.rules.codes import DELETABLE_STATUSES, OPEN_STATUSES
from faktoora_mcp.backends.sandbox.rules.money import from_cents, number
from faktoora_mcp.backends.sandbox.store.context import Context, load_account
from faktoora_mcp.backends.sandbox.store.listing import Filter, like_pattern, page_of, paged
from faktoora_mcp.backends.sandbox.store.migrations import (
    NAME_INDEX,
    NUMBER_SEARCH_TABLE,
    NUMBER_TERMS_TABLE,
    SEARCH_TABLE,
    search_indexes,
)
from faktoora_mcp.backends.sandbox.store.sql import insert, one
from faktoora_mcp.backends.sandbox.store.walk import RowidSet
from faktoora_mcp.errors import Conflict, NotFound, PolicyRefused
from faktoora_mcp.textcheck import excerpt

SORTABLE = {name: name for name in ("invoiceNumber", "issueDate", "dueDate", "totalGross", "createdAt")}
TRIGRAM = 3
"""A trigram index finds substrings of three characters or more; shorter keywords are scanned for."""
DISTINCT_NAMES = """
WITH RECURSIVE names(name) AS (
    SELECT MIN(customerName) FROM invoices
    UNION ALL
    SELECT (SELECT MIN(customerName) FROM invoices WHERE customerName > names.name) FROM names
    WHERE names.name IS NOT NULL
)
SELECT name FROM names"""
BY_NAMES = "customerName IN (SELECT value FROM json_each(?))"
NUMBER_MATCH = "SELECT group_concat(rowid) FROM invoice_number_search WHERE invoice_number_search MATCH ?"
"""FTS5 lists its matches in ascending rowid order."""
OPEN = "status IN ('sent', 'overdue')"
"""The one stored state of an invoice sent and not settled; a stored 'overdue' is from before it was derived."""
DATE_RANGES = (
    ("issueDateFrom", "issueDate >= ?"),
    ("issueDateTo", "issueDate <= ?"),
    ("dueDateFrom", "dueDate >= ?"),
    ("dueDateTo", "dueDate <= ?"),
)


WITH_CONTENT = "SELECT i.*, c.content FROM invoices i JOIN invoice_contents c ON c.faktooraId = i.faktooraId"


def insert_invoice(conn: sqlite3.Connection, row: Mapping[str, Any]) -> None:
    """Store an invoice row whose ``content`` (JSON text) goes to its own table."""
    insert(conn, "invoices", {k: v for k, v in row.items() if k != "content"})
    insert(conn, "invoice_contents", {"faktooraId": row["faktooraId"], "content": row["content"]})


def require(conn: sqlite3.Connection, faktoora_id: str) -> sqlite3.Row:
    """The invoice with its content."""
    row = one(conn, f"{WITH_CONTENT} WHERE i.faktooraId = ?", (faktoora_id,))
    if row is None:
        raise NotFound(
            f"No outgoing invoice with faktooraId {excerpt(faktoora_id)}; find faktooraIds with list-outgoing-invoices."
        )
    return row


def require_number(conn: sqlite3.Connection, invoice_number: str) -> sqlite3.Row:
    row = one(conn, f"{WITH_CONTENT} WHERE i.invoiceNumber = ?", (invoice_number,))
    if row is None:
        raise NotFound(
            f"No outgoing invoice with number {invoice_number!r}. "
            "Use list-outgoing-invoices with keyword to find invoice numbers."
        )
    return row


def list_outgoing_invoices(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    where = Filter()
    if input.get("status"):
        _statuses(where, list(input["status"]), ctx.today.isoformat())
    if input.get("customerId"):
        where.add("customerUuid = ?", input["customerId"])
    if input.get("invoiceNumber"):
        where.add("invoiceNumber = ?", input["invoiceNumber"])
    for field, condition in DATE_RANGES:
        if input.get(field):
            where.add(condition, input[field])
    if input.get("keyword"):
        _keyword(ctx.conn, where, input["keyword"])
    order_by = SORTABLE[input.get("sort") or "issueDate"]
    answer = paged(ctx.conn, "invoices", where, order_by, page_of(input), partial(summary_output, today=ctx.today))
    answer["meta"]["amounts"] = amounts_by_currency(ctx.conn, where)
    return answer


def _statuses(where: Filter, wanted: list[str], today: str) -> None:
    """Statuses as shown on ``today``: sent and overdue are one stored state, told apart by the due date."""
    stored = [s for s in wanted if s not in OPEN_STATUSES]
    parts = [f"status IN ({', '.join('?' for _ in stored)})"] if stored else []
    params: list[Any] = list(stored)
    if "overdue" in wanted and "sent" in wanted:
        parts.append(OPEN)
    elif "overdue" in wanted:
        parts.append(f"({OPEN} AND dueDate < ?)")
        params.append(today)
    elif "sent" in wanted:
        parts.append(f"({OPEN} AND (dueDate IS NULL OR dueDate >= ?))")
        params.append(today)
    where.add("(" + " OR ".join(parts) + ")", *params)


def amounts_by_currency(conn: sqlite3.Connection, where: Filter) -> list[dict[str, Any]]:
    """What every invoice that matched adds up to, per currency: the answer to "how much is overdue?"."""
    sql = (
        "SELECT currency, COUNT(*), SUM(totalNet), SUM(totalGross), SUM(amountDue) "  # noqa: S608 - written here
        f"FROM invoices WHERE {where.sql} GROUP BY currency ORDER BY currency"
    )
    return [
        {
            "currency": row[0],
            "invoices": row[1],
            "totalNet": number(from_cents(row[2])),
            "totalGross": number(from_cents(row[3])),
            "amountDue": number(from_cents(row[4])),
        }
        for row in conn.execute(sql, where.params)
    ]


def _keyword(conn: sqlite3.Connection, where: Filter, keyword: str) -> None:
    """Substring match on invoice number and customer name, through the indexes this file has.

    Each side is read once: names from their distinct values, numbers from their own trigram index (or,
    under three characters, a scan of the narrow number index). A keyword that matches names only is left
    to ``paged``'s choice of plan; matches that include numbers become one set of rowids, whose page
    ``walk.page_rowids`` finds.
    """
    indexes = search_indexes(conn)
    if NAME_INDEX not in indexes:  # a version 1 file opened read-only
        _keyword_v1(where, keyword, SEARCH_TABLE in indexes)
        return
    names = matching_names(conn, keyword)
    numbers = _number_rowids(conn, keyword, indexes)
    if numbers is None:
        if names:
            where.add(BY_NAMES, json.dumps(names), walk="+" + BY_NAMES)
        else:  # nothing matches: said outright, or SQLite walks the whole table to find no name in an empty set
            where.add("0")
        return
    sql = f"SELECT group_concat(rowid) FROM invoices WHERE {BY_NAMES}"  # noqa: S608 - written here
    by_name = _rowids(conn, sql, json.dumps(names), ascending=False) if names else None
    if by_name is not None:  # both sides matched (rare): one set, so that the count counts each invoice once
        where.add_rowids(RowidSet.of({int(r) for r in f"{numbers.text},{by_name.text}".split(",")}))
    else:
        where.add_rowids(numbers)


def _number_rowids(conn: sqlite3.Connection, keyword: str, indexes: frozenset[str]) -> RowidSet | None:
    """The matching invoices' rowids (``None`` for none)."""
    if len(keyword) >= TRIGRAM and NUMBER_SEARCH_TABLE in indexes:
        return _rowids(conn, NUMBER_MATCH, _phrase(keyword), ascending=True)
    if len(keyword) == TRIGRAM - 1 and _folds_alike(keyword) and NUMBER_TERMS_TABLE in indexes:
        return _two_characters(conn, keyword.lower())
    sql = "SELECT group_concat(rowid) FROM invoices WHERE invoiceNumber LIKE ? ESCAPE '\\'"  # the narrow index
    return _rowids(conn, sql, like_pattern(keyword), ascending=False)


def _folds_alike(keyword: str) -> bool:
    """Whether the trigram tokenizer folds ``keyword``'s case as ``str.lower`` does, character by character: for
    ASCII and the Latin-1 letters (Ä, Ö, Ü, ß, é, ...). Elsewhere they part (µ, final sigma, dotted İ)."""
    return all(c.isascii() or ("\u00c0" <= c <= "\u00ff" and c not in "\u00d7\u00f7") for c in keyword)


def _two_characters(conn: sqlite3.Connection, pair: str) -> RowidSet | None:
    """Numbers holding ``pair`` (lower case): each such number has a trigram that starts with it (``NUMBER_END``
    sees to the last pair), so the index's terms in [pair, next pair) name them all."""
    after = pair[:-1] + chr(ord(pair[-1]) + 1)
    sql = "SELECT term FROM invoice_number_terms WHERE term >= ? AND term < ?"
    terms = [row[0] for row in conn.execute(sql, (pair, after))]
    if not terms:
        return None
    return _rowids(conn, NUMBER_MATCH, " OR ".join(_phrase(term) for term in terms), ascending=True)


def _rowids(conn: sqlite3.Connection, sql: str, value: str, ascending: bool) -> RowidSet | None:
    """One ``group_concat(rowid)`` row: thousands of rowids without a Python object for each."""
    text = conn.execute(sql, (value,)).fetchone()[0]
    return RowidSet.listed(text, ascending) if text else None


def matching_names(conn: sqlite3.Connection, keyword: str) -> list[str]:
    """The distinct customer names on invoices that contain ``keyword``, ignoring case (ß matches ss).

    A skip scan reads one index entry per distinct name, so this costs the number of names, not invoices.
    """
    needle = keyword.casefold()
    rows = conn.execute(DISTINCT_NAMES).fetchall()
    return [row[0] for row in rows if row[0] is not None and needle in row[0].casefold()]


def _keyword_v1(where: Filter, keyword: str, has_index: bool) -> None:
    if len(keyword) >= TRIGRAM and has_index:
        where.add("rowid IN (SELECT rowid FROM invoice_search WHERE invoice_search MATCH ?)", _phrase(keyword))
    else:
        where.contains(("invoiceNumber", "customerName"), keyword)


def _phrase(keyword: str) -> str:
    return '"' + keyword.replace('"', '""') + '"'


def get_invoice_by_id(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return document(require(ctx.conn, input["faktooraId"]), input.get("format") or "xml", ctx.today)


def get_invoice_by_number(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return document(require_number(ctx.conn, input["invoiceNumber"]), input.get("format") or "xml", ctx.today)


def get_outgoing_invoice_status(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    row = require(ctx.conn, input["faktooraId"])
    return status_output(row, outgoing_validation(row, ctx.now), ctx.today)


def get_outgoing_invoice_content(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return content_output(require(ctx.conn, input["faktooraId"]), ctx.today)


def document(row: sqlite3.Row, file_format: str, today: date | None = None) -> dict[str, Any]:
    """The invoice file wrapped for JSON: XML as text, PDF as base64."""
    content = document_content(row) | {"status": content_output(row, today)["status"]}
    stem = row["invoiceNumber"].replace("/", "-")
    if file_format == "pdf":
        data = documents.invoice_pdf(content)
        text, mime, encoding = base64.b64encode(data).decode("ascii"), "application/pdf", "base64"
    else:
        data = documents.invoice_xml(content)
        text, mime, encoding = data.decode("utf-8"), "application/xml", "utf-8"
    return {
        "faktooraId": row["faktooraId"],
        "invoiceNumber": row["invoiceNumber"],
        "status": content["status"],
        "format": row["format"],
        "mimeType": mime,
        "fileName": f"{stem}.{file_format}",
        "encoding": encoding,
        "sizeBytes": len(data),
        "document": text,
    }


def delete_invoice(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    row = require(ctx.conn, input["faktooraId"])
    if not load_account(ctx.conn).get("settings", {}).get("invoiceDeleteMode"):
        raise PolicyRefused(
            "Deleting invoices is switched off for this account (invoiceDeleteMode); nothing was deleted. "
            "Switch it on in the account settings, or cancel the invoice instead."
        )
    never_sent = row["status"] in DELETABLE_STATUSES or (row["status"] == "cancelled" and row["sentAt"] is None)
    if not never_sent:
        raise Conflict(
            f"Invoice {row['invoiceNumber']} is {row['status']}. GoBD: a sent invoice cannot be deleted; "
            "cancel it with a credit note instead. Only drafts and invoices in review can be deleted."
        )
    ctx.conn.execute("DELETE FROM invoices WHERE faktooraId = ?", (row["faktooraId"],))
    ctx.conn.execute("DELETE FROM invoice_contents WHERE faktooraId = ?", (row["faktooraId"],))
    return {"succeed": True}


def get_invoice_validation_report(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    """The invoice's validation, as its status reports it (one source: the official rules), with the failed rules."""
    row = require(ctx.conn, input["faktooraId"])
    validation = outgoing_validation(row, ctx.now)
    return {
        "faktooraId": row["faktooraId"],
        "invoiceNumber": row["invoiceNumber"],
        "validation": validation,
        "report": None,
    }
