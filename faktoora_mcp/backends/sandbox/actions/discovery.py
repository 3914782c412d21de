"""Offline discovery: every sandbox action as an ``ActionInfo``; ``faktoora_mcp.ranking`` searches them.

For the 20 catalogue actions the description and schemas come from the manifest files when they are
there (they are the advertised contract); otherwise from the sandbox's own table.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.backends.sandbox.actions.definition import ActionDef
from faktoora_mcp.bounds import MAX_PER_PAGE_CLAMPED


def manifest_dir() -> Path:
    """Where the action manifests are: inside an installed package, else at the repository root."""
    import faktoora_mcp

    package = Path(faktoora_mcp.__file__).parent
    inside = package / "manifests" / "actions"
    return inside if inside.exists() else package.parent / "manifests" / "actions"


@cache
def manifest(key: str) -> Mapping[str, Any] | None:
    """The manifest of ``key``, or None when it is missing or unreadable (the sandbox's own schema serves)."""
    try:
        loaded = json.loads((manifest_dir() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) and isinstance(loaded.get("inputSchema"), dict) else None


def action_info(action: ActionDef) -> ActionInfo:
    found = manifest(action.key)
    description = str(found.get("description") or action.description) if found else action.description
    return ActionInfo(
        id=action.id,
        key=action.key,
        name=str(found.get("title") or action.name) if found else action.name,
        description=description,
        input_schema=found["inputSchema"] if found else action.input_schema,
        output_schema=found.get("outputSchema", action.output_schema) if found else action.output_schema,
        read_only=action.read_only,
        destructive=action.destructive,
        sandbox_only=action.sandbox_only,
    )


def manifest_schema(key: str) -> dict[str, Any]:
    """The input schema of an action that has a manifest: one source for the tool and the sandbox's own check."""
    found = manifest(key)
    if found is None:
        raise LookupError(f"manifests/actions/{key}.json is missing or unreadable; reinstall faktoora-mcp")
    return dict(found["inputSchema"])


def raw_schema(key: str) -> dict[str, Any]:
    """The manifest's input schema as the raw surface takes it: Faktoora clamps a ``perPage`` above 1000 rather
    than refusing it (reference §3.4), and so does the sandbox for run-action and api-request."""
    schema = copy.deepcopy(manifest_schema(key))
    per_page = schema.get("properties", {}).get("perPage")
    if isinstance(per_page, dict):
        per_page["maximum"] = MAX_PER_PAGE_CLAMPED
    return schema
