"""Customers: list, get, create, update, soft delete, and customer numbers."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.sandbox.rules import validation
from faktoora_mcp.backends.sandbox.rules.identifiers import new_uuid
from faktoora_mcp.backends.sandbox.store.context import Context
from faktoora_mcp.backends.sandbox.store.listing import Filter, page_of, paged
from faktoora_mcp.backends.sandbox.store.sql import insert, one, update
from faktoora_mcp.errors import Conflict, InvalidArguments, NotFound
from faktoora_mcp.textcheck import excerpt

CUSTOMER_COLUMNS = (
    "id",
    "customerId",
    "isCompany",
    "name",
    "title",
    "firstName",
    "lastName",
    "nameAuthorisedSignatory",
    "address",
    "postcode",
    "city",
    "country",
    "email",
    "phoneNo",
    "faxNo",
    "category",
    "vatId",
    "taxId",
    "routeId",
    "peppolId",
    "supplierNumber",
    "invoiceProfile",
    "extras",
    "createdAt",
    "updatedAt",
)
"""The customers table's columns, in the order the API answers them (the seed fills the same)."""
SORTABLE = {
    name: name
    for name in (
        "customerId",
        "name",
        "nameAuthorisedSignatory",
        "address",
        "phoneNo",
        "category",
        "isCompany",
        "email",
        "vatId",
        "taxId",
        "invoiceProfile",
        "supplierNumber",
        "routeId",
        "peppolId",
        "createdAt",
        "updatedAt",
    )
} | {"faktooraId": "id"}  # customers have no faktooraId of their own; their uuid is the closest stable order
KEYWORD_COLUMNS = ("name", "customerId", "email", "city", "vatId")
EDITABLE = tuple(c for c in CUSTOMER_COLUMNS if c not in ("id", "createdAt", "updatedAt"))
NUMBER_WIDTH = 3
"""Customer numbers are zero-padded to three digits ("026"), as Faktoora generates them."""


def record(row: sqlite3.Row) -> dict[str, Any]:
    out = {column: row[column] for column in CUSTOMER_COLUMNS}
    out["isCompany"] = bool(out["isCompany"])
    out["extras"] = json.loads(out["extras"] or "{}")
    return out


def require(conn: sqlite3.Connection, customer_id: str) -> sqlite3.Row:
    row = one(conn, "SELECT * FROM customers WHERE id = ? AND deletedAt IS NULL", (customer_id,))
    if row is None:
        raise NotFound(f"No customer with id {excerpt(customer_id)}; find ids with list-customers.")
    return row


def list_customers(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    where = Filter()
    where.add("deletedAt IS NULL")
    terms = [input["keyword"]] if input.get("keyword") else []  # keyword, as on every list tool; keywords too
    for keyword in [*terms, *(input.get("keywords") or ())]:
        where.contains(KEYWORD_COLUMNS, keyword)
    if input.get("category"):
        where.add("category = ?", input["category"])
    return paged(ctx.conn, "customers", where, SORTABLE[input.get("sort") or "createdAt"], page_of(input), record)


def get_customer(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return record(require(ctx.conn, input["id"]))


def create_customer(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    fields = {column: None for column in EDITABLE} | {"country": "DE", "extras": {}} | _named(input)
    fields["customerId"] = fields["customerId"] or next_customer_number(ctx.conn)
    _check(ctx.conn, fields, None)
    stored = {"id": new_uuid(ctx.rng), **_storable(fields), "createdAt": ctx.now, "updatedAt": ctx.now}
    insert(ctx.conn, "customers", stored)
    return record(require(ctx.conn, stored["id"]))


def update_customer(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    current = record(require(ctx.conn, input["id"]))
    changes = {k: v for k, v in input.items() if k != "id"}
    if not current["isCompany"] and "name" not in changes and {"firstName", "lastName"} & changes.keys():
        changes["name"] = None  # an individual's name follows their first and last name
    merged = {k: current[k] for k in EDITABLE} | _named({**{k: current[k] for k in EDITABLE}, **changes})
    _check(ctx.conn, merged, input["id"])
    update(ctx.conn, "customers", "id", input["id"], {**_storable(merged), "updatedAt": ctx.now})
    return record(require(ctx.conn, input["id"]))


def delete_customer(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    require(ctx.conn, input["id"])
    open_invoices = ctx.conn.execute(
        "SELECT invoiceNumber FROM invoices WHERE customerUuid = ? AND status IN ('sent', 'overdue') "
        "ORDER BY invoiceNumber LIMIT 3",
        (input["id"],),
    ).fetchall()
    if open_invoices:
        numbers = ", ".join(row[0] for row in open_invoices)
        raise Conflict(
            f"Customer {input['id']} has sent or overdue invoices (e.g. {numbers}); a customer with open "
            "invoices cannot be deleted. Record their payment (or cancel them) first."
        )
    update(ctx.conn, "customers", "id", input["id"], {"deletedAt": ctx.now, "updatedAt": ctx.now})
    return {"succeed": True}


def generate_customer_number(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return {"value": next_customer_number(ctx.conn)}


def verify_customer_number(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return {"succeed": _holder(ctx.conn, input["customerId"]) is None}


def next_customer_number(conn: sqlite3.Connection) -> str:
    """One more than the highest numeric customer number ever used (deleted customers keep theirs)."""
    numbers = [int(r[0]) for r in conn.execute("SELECT customerId FROM customers") if r[0] and r[0].isdigit()]
    return str(max(numbers, default=0) + 1).zfill(NUMBER_WIDTH)


def _named(fields: Mapping[str, Any]) -> dict[str, Any]:
    """``fields`` with ``name`` filled from first and last name for an individual who gave no name."""
    out = dict(fields)
    if not out.get("name") and not out.get("isCompany"):
        full = " ".join(p for p in (out.get("firstName"), out.get("lastName")) if p)
        out["name"] = full or None
    return out


def _check(conn: sqlite3.Connection, fields: Mapping[str, Any], own_id: str | None) -> None:
    violations = validation.customer_rules(fields)
    if violations:
        raise InvalidArguments(violations)
    holder = _holder(conn, fields["customerId"])
    if holder is not None and holder != own_id:
        raise Conflict(
            f"Customer number {fields['customerId']!r} is already used by customer {holder}; customer numbers are "
            "unique. Choose another, or omit customerId to get the next free number."
        )


def _holder(conn: sqlite3.Connection, number: str) -> str | None:
    row = one(conn, "SELECT id FROM customers WHERE customerId = ? AND deletedAt IS NULL", (number,))
    return row["id"] if row else None


def _storable(fields: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: fields.get(k) for k in EDITABLE}
    out["isCompany"] = int(bool(out["isCompany"]))
    out["extras"] = json.dumps(out["extras"] or {}, ensure_ascii=False)
    return out
