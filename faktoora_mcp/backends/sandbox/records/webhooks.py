"""Webhook subscriptions: list, create, update, delete. The sandbox is offline: nothing is delivered."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.sandbox.rules import validation
from faktoora_mcp.backends.sandbox.rules.identifiers import new_uuid
from faktoora_mcp.backends.sandbox.store.context import Context
from faktoora_mcp.backends.sandbox.store.listing import Filter, page_of, paged
from faktoora_mcp.backends.sandbox.store.sql import insert, one, update
from faktoora_mcp.errors import InvalidArguments, NotFound, Violation
from faktoora_mcp.textcheck import excerpt

COLUMNS = ("id", "action", "target", "createdAt", "updatedAt")


def record(row: sqlite3.Row) -> dict[str, Any]:
    return {column: row[column] for column in COLUMNS}


def require(conn: sqlite3.Connection, webhook_id: str) -> sqlite3.Row:
    row = one(conn, "SELECT * FROM webhooks WHERE id = ?", (webhook_id,))
    if row is None:
        raise NotFound(f"No webhook with id {excerpt(webhook_id)}; find ids with list-webhooks.")
    return row


def list_webhooks(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return paged(ctx.conn, "webhooks", Filter(), "createdAt", page_of(input), record)


def create_webhook(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    fields = _checked(ctx, input["action"], input["target"])
    stored = {"id": new_uuid(ctx.rng), **fields, "createdAt": ctx.now, "updatedAt": ctx.now}
    insert(ctx.conn, "webhooks", stored)
    return record(require(ctx.conn, stored["id"]))


def update_webhook(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    current = require(ctx.conn, input["id"])
    if "action" not in input and "target" not in input:
        raise InvalidArguments([Violation("action", "give action or target (or both): there is nothing to change")])
    fields = _checked(ctx, input.get("action", current["action"]), input.get("target", current["target"]))
    update(ctx.conn, "webhooks", "id", input["id"], {**fields, "updatedAt": ctx.now})
    return record(require(ctx.conn, input["id"]))


def delete_webhook(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    require(ctx.conn, input["id"])
    ctx.conn.execute("DELETE FROM webhooks WHERE id = ?", (input["id"],))
    return {"succeed": True}


def _checked(ctx: Context, action: str, target: str) -> dict[str, str]:
    event, violations = validation.webhook_event(action)
    violations += validation.webhook_target(target, allow_private=ctx.allow_private_webhook_targets)
    if violations or event is None:
        raise InvalidArguments(violations)
    return {"action": event, "target": target}
