"""Membrane's action and connection objects (reference §4.4, §4.5) as this package's values."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from faktoora_mcp.backends.base import ActionInfo, is_read_only_key
from faktoora_mcp.errors import BackendProtocolError

READ_TYPES = frozenset({"list-data-records", "find-data-record-by-id", "search-data-record", "match-data-record"})
"""Membrane action types that only read; every other type may change data."""
DESTRUCTIVE_TYPES = frozenset({"delete-data-record"})
WRITE_PREFIXES = (
    "create-", "update-", "delete-", "send-", "cancel-", "import-", "upload-", "set-", "add-", "remove-",
    "patch-", "replace-", "finalize-", "mark-",
)  # fmt: skip
"""Keys that name a change whatever the metadata says; read-only mode refuses them before any subprocess."""


def kebab(name: str) -> str:
    """``"List Customers"`` -> ``"list-customers"``: how catalog actions with an empty key are matched."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def items_of(payload: Any, what: str) -> list[Mapping[str, Any]]:
    """The objects of a list answer: ``{"items": [...], "cursor"?}``, a bare list, or nothing at all."""
    if payload is None:
        return []
    items = payload.get("items", []) if isinstance(payload, Mapping) else payload
    if not isinstance(items, list):
        raise BackendProtocolError(f"{what} answered {type(items).__name__} where a list of items was expected.")
    return [item for item in items if isinstance(item, Mapping)]


def action_info(item: Mapping[str, Any]) -> ActionInfo | None:
    """One ``action list`` item; ``None`` when it has no id to run it by."""
    action_id, name = item.get("id"), _text(item.get("name"))
    if not isinstance(action_id, str) or not action_id:
        return None
    key = _text(item.get("key")) or kebab(name) or action_id
    action_type = _text(item.get("type"))
    schema = item.get("inputSchema")
    output = item.get("outputSchema") or item.get("defaultOutputSchema")
    return ActionInfo(
        id=action_id,
        key=key,
        name=name or key,
        description=_text(item.get("description")),
        input_schema=schema if isinstance(schema, Mapping) else {"type": "object"},
        output_schema=output if isinstance(output, Mapping) else None,
        read_only=is_read_only_key(key) or action_type in READ_TYPES,
        destructive=action_type in DESTRUCTIVE_TYPES or key.startswith("delete-"),
    )


def action_infos(payload: Any, what: str) -> tuple[ActionInfo, ...]:
    return tuple(info for item in items_of(payload, what) if (info := action_info(item)))


def find_action(actions: Sequence[ActionInfo], name: str) -> ActionInfo | None:
    """Match on key, then id, then the kebab-cased name (reference §8: catalog keys may be empty)."""
    for matches in (
        lambda a: a.key == name,
        lambda a: a.id == name,
        lambda a: kebab(a.name) == name,
    ):
        found = next((a for a in actions if matches(a)), None)
        if found:
            return found
    return None


@dataclass(frozen=True, slots=True)
class Connection:
    """The Membrane connection every call goes through."""

    id: str
    name: str = ""
    state: str | None = None


def is_faktoora(item: Mapping[str, Any]) -> bool:
    integration = item.get("integration")
    names = [item.get("connectorKey"), item.get("key"), item.get("name")]
    if isinstance(integration, Mapping):
        names += [integration.get("key"), integration.get("name")]
    return any(isinstance(n, str) and "faktoora" in n.lower() for n in names)


def is_usable(item: Mapping[str, Any]) -> bool:
    """Reference §4.4: usable iff ``state`` is READY (when present) and the connection is not disconnected."""
    return item.get("state") in (None, "READY") and not item.get("disconnected") and not item.get("archivedAt")


def as_connection(item: Mapping[str, Any]) -> Connection:
    return Connection(id=str(item.get("id", "")), name=_text(item.get("name")), state=_text(item.get("state")) or None)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
