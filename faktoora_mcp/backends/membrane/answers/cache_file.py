"""The live catalogue's cache file: what ``faktoora-mcp catalogue`` writes and the server reads at start-up, so
tools/list never waits for Membrane. Written atomically; a file that cannot be read is no cache at all."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.backends.membrane.answers.live import drift
from faktoora_mcp.backends.membrane.protocol import find_action

CACHE_VERSION = 1
MAX_CACHE_BYTES = 4 * 1024 * 1024
"""A cached catalogue larger than this is not read: a few dozen actions' schemas are far smaller."""


def catalogue_document(
    connection_id: str, actions: Sequence[ActionInfo], manifests: Iterable[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """What ``faktoora-mcp catalogue`` writes and the server caches: the live actions and the drift."""
    return {
        "version": CACHE_VERSION,
        "connectionId": connection_id,
        "actions": [
            {
                "id": a.id,
                "key": a.key,
                "name": a.name,
                "description": a.description,
                "readOnly": a.read_only,
                "destructive": a.destructive,
                "inputSchema": dict(a.input_schema),
                "outputSchema": dict(a.output_schema) if a.output_schema else None,
            }
            for a in actions
        ],
        "drift": {m["key"]: drift(m, find_action(actions, m["key"])) for m in manifests},
    }


def write_catalogue(path: Path, document: Mapping[str, Any]) -> None:
    """Write atomically (a reader never sees half a file); the directory is created when missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".catalogue-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(document, file, ensure_ascii=False, indent=1)
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise


def read_catalogue(path: Path | None, connection_id: str | None = None) -> tuple[ActionInfo, ...]:
    """The cached live actions; empty when there is no usable cache (the manifests are the fallback)."""
    if path is None:
        return ()
    try:
        if path.stat().st_size > MAX_CACHE_BYTES:
            return ()
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return ()
    if not isinstance(document, Mapping) or document.get("version") != CACHE_VERSION:
        return ()
    if connection_id and document.get("connectionId") != connection_id:
        return ()
    actions = document.get("actions")
    return tuple(info for item in actions if (info := _info(item))) if isinstance(actions, list) else ()


def _info(item: Any) -> ActionInfo | None:
    if not isinstance(item, Mapping) or not isinstance(item.get("id"), str) or not isinstance(item.get("key"), str):
        return None
    schema = item.get("inputSchema")
    output = item.get("outputSchema")
    return ActionInfo(
        id=item["id"],
        key=item["key"],
        name=str(item.get("name") or item["key"]),
        description=str(item.get("description") or ""),
        input_schema=schema if isinstance(schema, Mapping) else {"type": "object"},
        output_schema=output if isinstance(output, Mapping) else None,
        read_only=bool(item.get("readOnly")),
        destructive=bool(item.get("destructive")),
    )
