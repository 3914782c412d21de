"""Outgoing invoices after they were written: send, cancel, mark paid (the sandbox's own steps).

Faktoora's public API has none of these (reference §4): a live account sends drafts, cancels and records payments
in Faktoora's web app, and cancels an issued invoice with a credit note (``issuing.correct_outgoing_invoice``).
The sandbox offers them so that a demo can go from draft to paid; every description says they are sandbox-only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from faktoora_mcp.backends.sandbox.invoices.model import (
    summary_output,
    total_columns,
)
from faktoora_mcp.backends.sandbox.invoices.outgoing import require
from faktoora_mcp.backends.sandbox.store.context import Context
from faktoora_mcp.backends.sandbox.store.sql import update
from faktoora_mcp.errors import Conflict, InvalidArguments
from faktoora_mcp.textcheck import excerpt

SENDABLE = ("draft", "review", "created")
CANCELLABLE = ("draft", "review", "created", "sent", "overdue")
PAYABLE = ("sent", "overdue")


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


def send_outgoing_invoice(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    row = _in_status(ctx.conn, input["faktooraId"], SENDABLE, "sent")
    return _move(ctx, row, "sent", sentAt=ctx.now)


def cancel_outgoing_invoice(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    row = _in_status(ctx.conn, input["faktooraId"], CANCELLABLE, "cancelled")
    return _move(ctx, row, "cancelled")


def mark_invoice_paid(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    row = _in_status(ctx.conn, input["faktooraId"], PAYABLE, "paid")
    return _move(ctx, row, "paid", paidAt=paid_timestamp(input.get("paidAt"), ctx.now))


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
    return summary_output(require(ctx.conn, row["faktooraId"]), ctx.today)


def _in_status(conn: sqlite3.Connection, faktoora_id: str, allowed: tuple[str, ...], target: str) -> sqlite3.Row:
    row = require(conn, faktoora_id)
    if row["status"] not in allowed:
        raise Conflict(
            f"Invoice {row['invoiceNumber']} is {row['status']} and cannot become {target}; "
            f"only invoices that are {', '.join(allowed)} can."
        )
    return row
