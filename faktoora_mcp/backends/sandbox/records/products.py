"""Products: list, get, create, update, soft delete, and code checks."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from faktoora_mcp.backends.sandbox.rules import validation
from faktoora_mcp.backends.sandbox.rules.identifiers import new_uuid
from faktoora_mcp.backends.sandbox.rules.money import dec, number
from faktoora_mcp.backends.sandbox.store.context import Context, small_business
from faktoora_mcp.backends.sandbox.store.listing import Filter, page_of, paged
from faktoora_mcp.backends.sandbox.store.sql import insert, one, update
from faktoora_mcp.errors import Conflict, InvalidArguments, NotFound
from faktoora_mcp.textcheck import excerpt

COLUMNS = (
    "id",
    "code",
    "name",
    "description",
    "unit",
    "price",
    "tax",
    "cost",
    "inventoryCount",
    "time",
    "estimate",
    "buyerAssignedID",
    "globalID",
    "createdAt",
    "updatedAt",
)
EDITABLE = COLUMNS[1:-2]
SORTABLE = {
    name: name
    for name in ("code", "name", "unit", "tax", "inventoryCount", "createdAt", "description", "buyerAssignedID")
} | {"price": "CAST(price AS REAL)", "cost": "CAST(cost AS REAL)"}  # stored as exact decimal text
KEYWORD_COLUMNS = ("name", "code", "description")
SQLITE_INT_MIN, SQLITE_INT_MAX = -(2**63), 2**63 - 1
"""What an SQLite INTEGER holds."""


def record(row: sqlite3.Row) -> dict[str, Any]:
    out = {column: row[column] for column in COLUMNS}
    out["price"] = number(Decimal(out["price"])) if out["price"] is not None else None
    out["cost"] = number(Decimal(out["cost"])) if out["cost"] is not None else None
    for field in ("inventoryCount", "time", "estimate"):
        out[field] = number(dec(out[field])) if out[field] is not None else None
    out["globalID"] = json.loads(out["globalID"]) if out["globalID"] else None
    return out


def require(conn: sqlite3.Connection, product_id: str) -> sqlite3.Row:
    row = one(conn, "SELECT * FROM products WHERE id = ? AND deletedAt IS NULL", (product_id,))
    if row is None:
        raise NotFound(f"No product with id {excerpt(product_id)}; find ids with list-products.")
    return row


def list_products(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    where = Filter()
    where.add("deletedAt IS NULL")
    if input.get("keyword"):
        where.contains(KEYWORD_COLUMNS, input["keyword"])
    if input.get("code"):
        where.add("code = ?", input["code"])
    return paged(ctx.conn, "products", where, SORTABLE[input.get("sort") or "createdAt"], page_of(input), record)


def get_product(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return record(require(ctx.conn, input["id"]))


def create_product(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    fields = {column: None for column in EDITABLE} | dict(input)
    _check(ctx.conn, fields, None)
    stored = {"id": new_uuid(ctx.rng), **_storable(fields), "createdAt": ctx.now, "updatedAt": ctx.now}
    insert(ctx.conn, "products", stored)
    return record(require(ctx.conn, stored["id"]))


def update_product(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    current = record(require(ctx.conn, input["id"]))
    merged = {k: current[k] for k in EDITABLE} | {k: v for k, v in input.items() if k != "id"}
    _check(ctx.conn, merged, input["id"])
    update(ctx.conn, "products", "id", input["id"], {**_storable(merged), "updatedAt": ctx.now})
    return record(require(ctx.conn, input["id"]))


def delete_product(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    require(ctx.conn, input["id"])
    update(ctx.conn, "products", "id", input["id"], {"deletedAt": ctx.now, "updatedAt": ctx.now})
    return {"succeed": True}


def verify_product_code(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return {"succeed": _holder(ctx.conn, input["code"]) is None}


def _check(conn: sqlite3.Connection, fields: Mapping[str, Any], own_id: str | None) -> None:
    violations = validation.product_rules(fields, small_business=small_business(conn))
    if violations:
        raise InvalidArguments(violations)
    holder = _holder(conn, fields["code"]) if fields.get("code") else None
    if holder is not None and holder != own_id:
        raise Conflict(
            f"A product with code {fields['code']!r} already exists (id {holder}); product codes are unique. "
            "Choose another code, or update that product instead."
        )


def _holder(conn: sqlite3.Connection, code: str) -> str | None:
    row = one(conn, "SELECT id FROM products WHERE code = ? AND deletedAt IS NULL", (code,))
    return row["id"] if row else None


def _storable(fields: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: fields.get(k) for k in EDITABLE}
    for money in ("price", "cost"):
        out[money] = str(dec(out[money])) if out[money] is not None else None
    out["tax"] = int(out["tax"])
    for field in ("inventoryCount", "time", "estimate"):
        if isinstance(out[field], int) and not SQLITE_INT_MIN <= out[field] <= SQLITE_INT_MAX:
            out[field] = float(out[field])  # a value stored before bounds existed must not break the update
    out["globalID"] = json.dumps(out["globalID"]) if out["globalID"] else None
    return out
