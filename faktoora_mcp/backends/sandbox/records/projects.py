"""Projects (reference §6.5): list, get, create, delete."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.sandbox.rules.identifiers import new_uuid
from faktoora_mcp.backends.sandbox.store.context import Context
from faktoora_mcp.backends.sandbox.store.listing import Filter, page_of, paged
from faktoora_mcp.backends.sandbox.store.sql import insert, one
from faktoora_mcp.errors import InvalidArguments, NotFound, Violation
from faktoora_mcp.textcheck import excerpt

COLUMNS = (
    "id",
    "name",
    "description",
    "place",
    "eta",
    "estMinutes",
    "currency",
    "status",
    "customerId",
    "createdAt",
    "updatedAt",
)
EDITABLE = COLUMNS[1:-2]
SORTABLE = {name: name for name in ("name", "status", "eta", "createdAt", "updatedAt")}


def record(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    out = {column: row[column] for column in COLUMNS}
    customer = one(conn, "SELECT id, name FROM customers WHERE id = ?", (row["customerId"],))
    out["customer"] = {"id": customer["id"], "name": customer["name"]} if customer else None
    out["document"] = None
    return out


def require(conn: sqlite3.Connection, project_id: str) -> sqlite3.Row:
    row = one(conn, "SELECT * FROM projects WHERE id = ?", (project_id,))
    if row is None:
        raise NotFound(f"No project with id {excerpt(project_id)}; find ids with list-projects.")
    return row


def list_projects(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    where = Filter()
    if input.get("keyword"):
        where.contains(("name", "description", "place"), input["keyword"])
    if input.get("status"):
        where.any_of("status", list(input["status"]))
    order_by = SORTABLE[input.get("sort") or "createdAt"]
    return paged(ctx.conn, "projects", where, order_by, page_of(input), lambda row: record(ctx.conn, row))


def get_project(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return record(ctx.conn, require(ctx.conn, input["id"]))


def create_project(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    if input.get("customerId") and not one(
        ctx.conn, "SELECT 1 FROM customers WHERE id = ? AND deletedAt IS NULL", (input["customerId"],)
    ):
        raise InvalidArguments([Violation("customerId", f"no customer {input['customerId']}; see list-customers")])
    stored = {
        "id": new_uuid(ctx.rng),
        **{k: input.get(k) for k in EDITABLE},
        "createdAt": ctx.now,
        "updatedAt": ctx.now,
    }
    insert(ctx.conn, "projects", stored)
    return record(ctx.conn, require(ctx.conn, stored["id"]))


def delete_project(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    require(ctx.conn, input["id"])
    ctx.conn.execute("DELETE FROM projects WHERE id = ?", (input["id"],))
    return {"succeed": True}
