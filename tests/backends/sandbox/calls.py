"""What the sandbox tests share: calling an action for its output, and a snapshot of every list."""

from __future__ import annotations

from typing import Any

from faktoora_mcp.backends.sandbox import SandboxBackend

COMPANY = {"isCompany": True, "name": "Regel GmbH", "address": "Regelweg 1", "postcode": "10115", "city": "Berlin"}
ALL = {"perPage": 1000}


async def run(backend: SandboxBackend, action: str, input: dict[str, Any] | None = None) -> Any:
    return (await backend.run_action(action, input or {})).output


async def snapshot(backend: SandboxBackend) -> dict[str, Any]:
    lists = ("list-customers", "list-products", "list-outgoing-invoices", "list-incoming-invoices", "list-webhooks")
    return {action: (await run(backend, action, ALL))["data"] for action in lists}
