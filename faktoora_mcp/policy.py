"""What may run: read-only mode, toolset and tool filters, confirmation of deletes, dry runs.

Read-only is enforced in three places that do not rely on each other: write tools are left out of
tools/list (``Policy.lists``), the dispatcher refuses them if called anyway (``Policy.check``, and
``Policy.check_call`` for the tools that read or write by their arguments: run-action runs read actions,
api-request runs GET and HEAD), and the backend, built read-only, refuses writes itself. Deletes need
``confirm: true``; every write accepts ``dryRun: true`` and then only says what it would do.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from faktoora_mcp.errors import ConfigError, PolicyRefused

TOOLSETS = ("invoices", "numbering", "customers", "products", "webhooks", "discovery", "proxy")
DEFAULT_TOOLSETS = frozenset({"invoices", "customers", "discovery"})
"""What a host lists when --toolsets is not given: the everyday invoicing jobs (write, correct and follow up invoices,
for new and known customers) without a discovery detour, within 32,000 characters of what a model reads of
tools/list (benchmarks/tools_budget.py). Products, invoice numbering, webhooks and the raw API are one flag away
(``--toolsets default,products`` or ``all``); search-actions finds and run-action runs their actions meanwhile."""
ALL_TOOLSETS = "all"
DEFAULT_NAME = "default"

CONFIRM = "confirm"
DRY_RUN = "dryRun"
IDEMPOTENCY_KEY = "idempotencyKey"
IDEMPOTENCY_PROPERTY: dict[str, Any] = {
    "type": "string",
    "maxLength": 200,
    "description": "A new UUID per record; on retry resend it with the same arguments: first result, no duplicate.",
}
"""On every write that makes a record, worded within the tools/list budget (32,000 characters; the initialize
instructions say more). 200 characters hold a UUID with any prefix."""
CONFIRM_PROPERTY = {
    "type": "boolean",
    "default": False,
    "description": "true to delete; ask the person first.",
}
DRY_RUN_PROPERTY = {
    "type": "boolean",
    "default": False,
    "description": "true: check as the real call would, but change nothing.",
}
DRY_RUN_OUTPUT = {
    "type": "object",
    "description": "What a dry run would have done; nothing was changed.",
    "required": ["dryRun", "operation"],
    "properties": {
        "dryRun": {"const": True, "description": "Always true: nothing ran."},
        "operation": {
            "type": "object",
            "description": "The exact operation: backend, connection, action and input.",
            "properties": {
                "backend": {"type": "string", "description": "sandbox or membrane."},
                "connection": {"type": ["string", "null"], "description": "Membrane connection id, if any."},
                "action": {"type": "string", "description": "Action key or id, or METHOD path for api-request."},
                "input": {"description": "The input exactly as it would be sent."},
            },
        },
        "checked": {"type": "string", "description": "What the dry run checked: the backend's own rules, or less."},
        "preview": {
            "type": "object",
            "description": "What the call would have answered (the computed record), where the backend can tell.",
        },
    },
}


@dataclass(frozen=True, slots=True)
class Policy:
    """The safety settings of one server process."""

    read_only: bool = False
    toolsets: frozenset[str] | None = None
    """Only tools of these toolsets are listed and callable; ``None`` means all."""
    tools: frozenset[str] | None = None
    """Only these tools are listed and callable (in addition to the toolset filter); ``None`` means all."""

    def lists(self, name: str, toolset: str, read_only: bool) -> bool:
        """Whether a tool appears in tools/list."""
        return self._refusal(name, toolset, read_only) is None

    def check(self, name: str, toolset: str, read_only: bool) -> None:
        """Refuse a call the policy forbids, even when the tool was not listed."""
        if reason := self._refusal(name, toolset, read_only):
            raise PolicyRefused(reason)

    def _refusal(self, name: str, toolset: str, read_only: bool) -> str | None:
        if self.tools is not None and name not in self.tools:
            return f"{name} is not enabled on this server (started with --tools {','.join(sorted(self.tools))})."
        if self.toolsets is not None and toolset not in self.toolsets:
            enabled = ",".join(t for t in TOOLSETS if t in self.toolsets)
            return f"{name} belongs to the toolset {toolset!r}, which is not enabled (--toolsets {enabled})."
        if self.read_only and not read_only:
            return read_only_refusal(name)
        return None

    def check_call(self, write: str | None) -> None:
        """Refuse one call of a tool that reads or writes by its arguments (run-action, api-request) when
        ``write`` names what this call would change; ``None`` means the call only reads."""
        if self.read_only and write is not None:
            raise PolicyRefused(read_only_refusal(write))


def read_only_refusal(what: str) -> str:
    """The one sentence every read-only layer of the server answers a write with."""
    return (
        f"{what} changes data and this server was started read-only; nothing was changed. "
        "Restart it without --read-only (FAKTOORA_MCP_READ_ONLY) to allow writes."
    )


def parse_toolsets(text: str | None) -> frozenset[str] | None:
    """``"invoices,customers"`` -> a set; none given -> the defaults; ``all`` -> ``None`` (no filter). Unknown names
    are a start-up error listing the valid ones."""
    names = parse_names(text)
    if names is None:
        return DEFAULT_TOOLSETS
    if ALL_TOOLSETS in names:
        return None
    if DEFAULT_NAME in names:
        names = (names - {DEFAULT_NAME}) | DEFAULT_TOOLSETS
    unknown = sorted(names - set(TOOLSETS))
    if unknown:
        valid = ", ".join((*TOOLSETS, DEFAULT_NAME, ALL_TOOLSETS))
        raise ConfigError(f"--toolsets: unknown toolset(s) {', '.join(unknown)}; valid: {valid}.")
    return names


def check_tool_names(names: frozenset[str] | None, known: Iterable[str]) -> None:
    """Unknown ``--tools`` names are a start-up error listing the valid ones."""
    valid = list(known)
    unknown = sorted((names or frozenset()) - set(valid))
    if unknown:
        raise ConfigError(f"--tools: unknown tool(s) {', '.join(unknown)}; valid: {', '.join(valid)}.")


def parse_names(text: str | None) -> frozenset[str] | None:
    """``"a, b"`` -> ``{"a", "b"}``; empty or absent -> ``None`` (no filter)."""
    if text is None or not text.strip():
        return None
    return frozenset(part.strip() for part in text.split(",") if part.strip())


def guarded_input_schema(
    schema: Mapping[str, Any], *, write: bool, destructive: bool, creates: bool = False
) -> dict[str, Any]:
    """The advertised input schema plus ``dryRun`` for writes, ``confirm`` for deletes and ``idempotencyKey``
    for creates."""
    if not write and not destructive:
        return dict(schema)
    guarded = copy.deepcopy(dict(schema))
    properties = guarded.setdefault("properties", {})
    if destructive:
        properties[CONFIRM] = CONFIRM_PROPERTY
    if creates:
        properties[IDEMPOTENCY_KEY] = IDEMPOTENCY_PROPERTY
    properties[DRY_RUN] = DRY_RUN_PROPERTY
    return guarded


def guarded_output_schema(schema: Mapping[str, Any] | None, *, write: bool) -> dict[str, Any] | None:
    """A write's output is either its real result or a dry-run report."""
    if schema is None or not write:
        return dict(schema) if schema is not None else None
    return {"type": "object", "anyOf": [dict(schema), DRY_RUN_OUTPUT]}


def split_guards(arguments: Mapping[str, Any]) -> tuple[dict[str, Any], bool, bool]:
    """Separate ``confirm`` and ``dryRun`` from the arguments the action itself receives."""
    rest = {k: v for k, v in arguments.items() if k not in (CONFIRM, DRY_RUN)}
    return rest, arguments.get(CONFIRM) is True, arguments.get(DRY_RUN) is True


MAKES_A_RECORD = frozenset({"correct-outgoing-invoice", "import-incoming-invoice"})
"""Writes named otherwise that make a new record all the same: a credit note or corrected invoice, an import."""


def creates(action: str) -> bool:
    """Whether an action makes a new record, so that a blind retry could make two."""
    return action.startswith("create-") or action in MAKES_A_RECORD


def split_idempotency_key(arguments: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Separate ``idempotencyKey`` from the arguments the action itself receives."""
    key = arguments.get(IDEMPOTENCY_KEY)
    rest = {k: v for k, v in arguments.items() if k != IDEMPOTENCY_KEY}
    return rest, key if isinstance(key, str) else None


def require_confirmation(name: str, what: str) -> PolicyRefused:
    """The refusal for a destructive call without ``confirm: true``."""
    return PolicyRefused(
        f"{name} would permanently delete {what}. Nothing was deleted. If the person agrees, call {name} again "
        "with the same arguments and confirm: true."
    )
