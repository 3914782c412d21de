"""The live catalogue beside the manifests: the schemas a live backend advertises, and the drift.

On the live backend a catalog tool keeps its manifest's name, description and input fields, and gains:
``cursor`` on list tools (Membrane pages with cursors), the input fields the live action declares and the
manifest lacks (known from the cached live catalogue, so tools/list never waits for Membrane), and the
tolerant output schema of ``conform``. ``drift`` tells, field by field, where a manifest and its live action
disagree; ``faktoora-mcp doctor`` prints it and ``faktoora-mcp catalogue`` writes it with the catalogue.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.backends.membrane.answers.conform import tolerant_schema, types_of
from faktoora_mcp.backends.membrane.answers.inputs import ALIASES
from faktoora_mcp.bounds import with_bounds

logger = logging.getLogger(__name__)

LIVE_FIELD_MAX_CHARS = 4000
"""Bound for a live string field that publishes none (every advertised input string has a bound)."""
CURSOR_PROPERTY = {
    "type": "string",
    "minLength": 1,
    "maxLength": 2000,
    "description": "Cursor of the next page, from meta.nextCursor of the previous answer (live Faktoora pages with "
    "cursors; page may then be ignored).",
}
RESERVED = frozenset({"confirm", "dryRun", "all"})
"""Arguments the server itself takes on every tool; a live field of that name is not advertised."""
_PORTABLE_KEYS = ("description", "enum", "format", "minimum", "maximum", "minLength", "maxLength", "maxItems")


def live_output_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    return tolerant_schema(schema)


def live_input_schema(schema: Mapping[str, Any], key: str, live: ActionInfo | None) -> dict[str, Any]:
    """The manifest's input schema plus ``cursor`` for lists and the fields only the live action declares."""
    merged = copy.deepcopy(dict(schema))
    properties = merged.setdefault("properties", {})
    if key.startswith("list-") and "page" in properties:
        properties.setdefault("cursor", CURSOR_PROPERTY)
    live_properties = live.input_schema.get("properties") if live else None
    if isinstance(live_properties, Mapping):
        for name, field in live_properties.items():
            if name in properties or name in RESERVED or _alias_of_manifest_field(name, properties):
                continue
            if isinstance(field, Mapping):
                properties[name] = with_bounds({"type": "object", "properties": {name: portable_field(field)}})[
                    "properties"
                ][name]
    return merged


def _alias_of_manifest_field(name: str, properties: Mapping[str, Any]) -> bool:
    return any(name in ALIASES.get(field, ()) for field in properties) or (name == "offset" and "page" in properties)


def portable_field(field: Mapping[str, Any]) -> dict[str, Any]:
    """A live field as an input property every host can map: one type, a bound on strings, a description."""
    kinds = [t for t in types_of(field) if t != "null"]
    kind = kinds[0] if kinds else "string"
    out: dict[str, Any] = {"type": kind}
    out |= {k: field[k] for k in _PORTABLE_KEYS if k in field and not (k == "enum" and kind in ("object", "array"))}
    description = str(field.get("description") or field.get("title") or "").strip()
    out["description"] = f"{description} (accepted by the live Faktoora action)".strip()
    if kind == "string" and "enum" not in out:
        out.setdefault("maxLength", LIVE_FIELD_MAX_CHARS)
    if kind == "array":
        items = field.get("items")
        out["items"] = portable_field(items) if isinstance(items, Mapping) else {"type": "string", "maxLength": 4000}
    return out


# -- drift -------------------------------------------------------------------------------------------------


def drift(manifest: Mapping[str, Any], live: ActionInfo | None) -> list[str]:
    """How one manifest and its live action differ, one line per field; empty when they agree."""
    if live is None:
        return ["no live action with this key or name: calls go to the key as given and may fail"]
    lines: list[str] = []
    mine = _properties(manifest.get("inputSchema"))
    theirs = _properties(live.input_schema)
    if not theirs and mine:
        lines.append("input: the live action publishes no input fields; every argument is sent as given")
    else:
        lines += _input_drift(mine, theirs, manifest.get("inputSchema"), live.input_schema)
    output_theirs = set(_record_properties(live.output_schema))
    output_mine = set(_record_properties(manifest.get("outputSchema")))
    if output_theirs:
        missing = sorted(output_mine - output_theirs)
        lines += [f"output.{n}: in the manifest, not in the live output schema" for n in missing]
        lines += [f"output.{n}: in the live output schema only" for n in sorted(output_theirs - output_mine)]
    return lines


def _input_drift(
    mine: Mapping[str, Any], theirs: Mapping[str, Any], my_schema: Any, their_schema: Mapping[str, Any]
) -> list[str]:
    lines = []
    for name in sorted(mine):
        if name in theirs:
            a, b = _type_text(mine[name]), _type_text(theirs[name])
            if a != b:
                lines.append(f"input.{name}: manifest type {a}, live type {b}")
        elif alias := next((a for a in ALIASES.get(name, ()) if a in theirs), None):
            lines.append(f"input.{name}: sent as the live field {alias}")
        elif name == "page" and "offset" in theirs:
            lines.append("input.page: sent as the live field offset ((page - 1) x perPage)")
        else:
            lines.append(f"input.{name}: the live action does not take it; not sent, reported in notApplied")
    aliased = {a for name in mine for a in ALIASES.get(name, ())} | ({"offset"} if "page" in mine else set())
    required = _names(their_schema.get("required"))
    for name in sorted(theirs):
        if name not in mine and name not in aliased:
            need = " (required there)" if name in required else ""
            lines.append(f"input.{name}: only the live action declares it{need}")
    mine_required = _names(my_schema.get("required")) if isinstance(my_schema, Mapping) else set()
    newly_required = sorted(required & set(mine) - mine_required)
    lines += [f"input.{n}: required by the live action, optional in the manifest" for n in newly_required]
    return lines


def _names(required: Any) -> set[str]:
    """A schema's ``required`` list; anything else (draft-03's ``required: true``) names no field."""
    return {n for n in required if isinstance(n, str)} if isinstance(required, list) else set()


def _properties(schema: Any) -> Mapping[str, Any]:
    props = schema.get("properties") if isinstance(schema, Mapping) else None
    return props if isinstance(props, Mapping) else {}


def _record_properties(schema: Any) -> Mapping[str, Any]:
    """Fields of the record an output describes: a list's items, or the object itself."""
    props = _properties(schema)
    data = props.get("data") or props.get("items") or props.get("records")
    if isinstance(data, Mapping) and isinstance(data.get("items"), Mapping):
        return _properties(data["items"])
    return props


def _type_text(field: Any) -> str:
    kinds = [t for t in types_of(field) if t != "null"] if isinstance(field, Mapping) else []
    return "/".join(kinds) or "any"
