"""Membrane's objects whatever transport brought them: actions and connections (reference §4.4, §4.5) as this
package's values, its ``ErrorDataSchema`` (§5), and the proxy paths it may be asked for."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from faktoora_mcp.backends.base import ActionInfo, ActionResult, is_read_only_key
from faktoora_mcp.errors import BackendProtocolError, InvalidArguments

READ_TYPES = frozenset({"list-data-records", "find-data-record-by-id", "search-data-record", "match-data-record"})
"""Membrane action types that only read; every other type may change data."""
DESTRUCTIVE_TYPES = frozenset({"delete-data-record"})
WRITE_PREFIXES = (
    "create-", "update-", "delete-", "send-", "cancel-", "import-", "upload-", "set-", "add-", "remove-",
    "patch-", "replace-", "finalize-", "mark-", "correct-",
)  # fmt: skip
"""Keys that name a change whatever the metadata says; read-only mode refuses them before any subprocess."""
INTENT_MAX_CHARS = 200
"""Membrane's ``FindActionsQuery.intent`` has maxLength 200 (OpenAPI); longer intents are cut, not refused."""
MAX_LIST_LIMIT = 1000
"""List endpoints accept ``limit`` 1..1000 (reference §4.2)."""
FULL_LIST_LIMIT = MAX_LIST_LIMIT
"""One page of the largest size holds a connection's whole action catalogue (Faktoora has a few dozen)."""
ERROR_MESSAGE_CHARS = 300
"""An error object without a message is quoted up to this length: enough to recognise it."""
_ENCODED_SEPARATOR = re.compile(r"%(?:2f|5c|2e)", re.I)
_PROBE_BASE = "https://api.faktoora.invalid/api/v1/"
"""Any special-scheme base under a path: a request path must stay below it once resolved."""
_PROBE_ORIGIN = ("https", "api.faktoora.invalid")
_PROBE_PATH = "/api/v1/"


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


def action_result(payload: Any) -> ActionResult:
    """``{"output": …, "actionRunId": …}`` (reference §4.6); anything else is taken as the output itself."""
    if isinstance(payload, Mapping) and "output" in payload:
        run_id = payload.get("actionRunId")
        return ActionResult(output=payload["output"], run_id=run_id if isinstance(run_id, str) else None)
    return ActionResult(output=payload)


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


def check_path(path: str) -> None:
    """Only paths under the Faktoora API base, judged the way a WHATWG URL parser resolves them: Membrane
    sends its credentials wherever the proxied URL points, so nothing may resolve to another origin."""
    if not path.startswith("/") or path.startswith("//") or "://" in path:
        raise InvalidArguments.single("path", "must be a path relative to the API base such as /customers, not a URL")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in path):
        raise InvalidArguments.single("path", "must not contain spaces or control characters; use query for filters")
    route = path.split("?", 1)[0].split("#", 1)[0]
    if "\\" in route or ":" in route:  # WHATWG reads "\\" as "/" ("/\\evil.example" is a host); "https:/x" too
        raise InvalidArguments.single("path", "must not contain backslashes or colons; give a plain /resource/path")
    if _ENCODED_SEPARATOR.search(route):
        raise InvalidArguments.single("path", "must not percent-encode slashes, backslashes or dots (%2F, %5C, %2E)")
    if any(segment in (".", "..") for segment in route.split("/")):
        raise InvalidArguments.single("path", "must not contain . or .. segments; give the resource path itself")
    resolved = urlsplit(urljoin(_PROBE_BASE, path.lstrip("/")))
    if (resolved.scheme, resolved.netloc) != _PROBE_ORIGIN or not resolved.path.startswith(_PROBE_PATH):
        raise InvalidArguments.single("path", "resolves outside the Faktoora API; give a path such as /customers")


@dataclass(frozen=True, slots=True)
class ErrorData:
    """An error Membrane reported, in its ``ErrorDataSchema`` terms (``type``, ``key``, ``message``)."""

    message: str
    type: str | None = None
    key: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


def error_data(payload: Any, *, failed: bool) -> ErrorData | None:
    """The error in a JSON payload: ``{type, key, message}``, ``{error: {...}}`` or ``{"error": code, "message"}``.

    After a successful exit only unmistakable error objects count (an ``error`` member and no ``output`` or
    ``items``); after a failed exit a lone ``message`` is enough.
    """
    if not isinstance(payload, Mapping) or "output" in payload or "items" in payload:
        return None
    inner = payload.get("error")
    if isinstance(inner, Mapping):
        return error_data(inner, failed=True) or ErrorData(message=json.dumps(inner)[:ERROR_MESSAGE_CHARS])
    if isinstance(inner, str) and inner:
        return ErrorData(
            message=_optional_text(payload.get("message")) or inner, type=_optional_text(payload.get("type")), key=inner
        )
    if not failed and "error" not in payload:
        return None
    message = _optional_text(payload.get("message"))
    if not message and not payload.get("type") and not payload.get("key"):
        return None
    data = payload.get("data")
    return ErrorData(
        message=message or "no message",
        type=_optional_text(payload.get("type")),
        key=_optional_text(payload.get("key")) or _optional_text(payload.get("code")),
        data=data if isinstance(data, Mapping) else {},
    )


def _optional_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
