"""The account's own company and settings (reference §6.6): read them, and switch the demo's flags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.sandbox.store.context import Context, load_account, save_account
from faktoora_mcp.errors import InvalidArguments, Violation

ACCOUNT_SWITCHES = ("smallBusiness", "invoiceDeleteMode", "invoiceValidation")


def get_account(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    return load_account(ctx.conn)


def update_account_settings(ctx: Context, input: Mapping[str, Any]) -> dict[str, Any]:
    """Switch the demo company's flags, e.g. make it a Kleinunternehmer to see § 19 invoices."""
    if not set(ACCOUNT_SWITCHES) & input.keys():
        raise InvalidArguments([Violation("smallBusiness", f"give one of {', '.join(ACCOUNT_SWITCHES)}")])
    account = load_account(ctx.conn)
    if "smallBusiness" in input:
        account["company"]["smallBusiness"] = input["smallBusiness"]
    for switch in ("invoiceDeleteMode", "invoiceValidation"):
        if switch in input:
            account["settings"][switch] = input[switch]
    save_account(ctx.conn, account)
    return account
