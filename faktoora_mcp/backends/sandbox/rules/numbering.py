"""Invoice numbers: the account's template, pad length and counter (reference §9)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from datetime import date
from typing import Any

from faktoora_mcp.backends.sandbox.store.context import Context, load_account, save_account
from faktoora_mcp.backends.sandbox.store.sql import one
from faktoora_mcp.errors import InvalidArguments, Violation

TEMPLATE = re.compile(r"^[A-Za-z0-9/_.\-]*[/_.\-]id$")
MAX_PAD_LENGTH = 10


def format_number(template: str, pad_length: int, counter: int, day: date) -> str:
    """``YYYY/MM/id`` with counter 43 on 2026-03-05 -> ``2026/03/00043`` (pad length 5)."""
    prefix = template[: -len("id")]
    for token, value in (("YYYY", f"{day.year:04d}"), ("MM", f"{day.month:02d}"), ("DD", f"{day.day:02d}")):
        prefix = prefix.replace(token, value)
    return prefix + str(counter).zfill(pad_length)


def _taken(conn: sqlite3.Connection, number: str) -> bool:
    return one(conn, "SELECT 1 FROM invoices WHERE invoiceNumber = ?", (number,)) is not None


def _next(
    conn: sqlite3.Connection, settings: Mapping[str, Any], day: date, template: str | None = None
) -> tuple[str, int]:
    """The next free number and its counter; on a collision the counter moves on, as Faktoora's does."""
    counter = int(settings["counter"]) + 1
    pattern = template or settings["template"]
    while _taken(conn, number := format_number(pattern, int(settings["padLength"]), counter, day)):
        counter += 1
    return number, counter


def claim_next_number(conn: sqlite3.Connection, account: dict[str, Any], day: date) -> str:
    """Take the next number for a new invoice and advance the counter (inside the caller's transaction)."""
    number, counter = _next(conn, account["invoiceNumberTemplate"], day)
    account["invoiceNumberTemplate"]["counter"] = counter
    save_account(conn, account)
    return number


def get_next_invoice_number(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    """A preview: nothing is reserved."""
    settings = load_account(ctx.conn)["invoiceNumberTemplate"]
    if input.get("template"):
        _check_template(input["template"])
    number, _ = _next(ctx.conn, settings, ctx.today, input.get("template"))
    answer: dict[str, Any] = {"invoiceNumber": number, "counter": int(settings["counter"])}
    if input.get("template"):
        answer["template"] = input["template"]
    return answer


def verify_invoice_number(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return {"invoiceNumber": input["invoiceNumber"], "succeed": not _taken(ctx.conn, input["invoiceNumber"])}


def get_invoice_number_template(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    settings = load_account(ctx.conn)["invoiceNumberTemplate"]
    return {"template": settings["template"], "padLength": settings["padLength"], "counter": settings["counter"]}


def update_invoice_number_template(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    if not {"template", "padLength", "counter"} & input.keys():
        raise InvalidArguments([Violation("template", "give template, padLength or counter: nothing to change")])
    if "template" in input:
        _check_template(input["template"])
    account = load_account(ctx.conn)
    account["invoiceNumberTemplate"].update({k: input[k] for k in ("template", "padLength", "counter") if k in input})
    save_account(ctx.conn, account)
    return get_invoice_number_template(ctx, {})


def _check_template(template: str) -> None:
    if not TEMPLATE.match(template):
        raise InvalidArguments.single(
            "template",
            f"{template!r} must end with a separator and 'id' and use only YYYY, MM, DD, letters, digits "
            "and / - _ . (e.g. YYYY/MM/id)",
        )
