"""What a live answer may look like, and how it is read: tolerant output schemas and the conformer.

Faktoora's connector does not publish what it returns inside ``output`` (reference §4.6), so on the live
backend the server advertises, for each catalog action, the manifest's output schema made *tolerant*
(docs/data-model.md, "The live backend"): every field keeps its description and its manifest type, and may
also be ``null`` or a string; nothing is required except a list's ``data`` and ``meta``; enums become
"known values" in the description; unknown fields are allowed. ``compile_conformer`` turns the manifest
schema into a function that reads an answer as that schema says where the meaning is certain (``"19.5"``
for a number, ``"true"`` for a boolean, ``7`` for a string) and otherwise keeps the value as text, so every
answer validates against the tolerant schema and no upstream field is lost.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

Conformer = Callable[[Any], Any]

NOT_APPLIED = "notApplied"
NOT_APPLIED_PROPERTY = {
    "type": "array",
    "items": {"type": "string"},
    "description": "Arguments the live Faktoora action does not accept, so they were not applied, with the reason.",
}
NEXT_CURSOR = "nextCursor"
NEXT_CURSOR_PROPERTY = {
    "type": ["string", "null"],
    "description": "Opaque cursor of the next page: pass it back as cursor to continue; null on the last page or "
    "when the upstream pages by number.",
}
VALUE_PROPERTY = {"description": "The upstream answer, when it was not a JSON object."}
ROOT_REQUIRED = ("data", "meta")
"""The only fields a tolerant schema still requires: the list envelope, which the conformer always builds."""
MAX_ENUM_IN_TEXT = 24
"""Known values listed in a description; longer enums are summarised (a description is read by the model)."""

_SCALARS = ("string", "number", "integer", "boolean")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")
_DIGITS_MAX = 400
"""Longest numeric string read as a number: beyond it a string is text, and int() stays cheap."""


def types_of(node: Mapping[str, Any]) -> tuple[str, ...]:
    """The JSON types a schema node names, inferred from enum/const/properties/items when ``type`` is absent."""
    declared = node.get("type")
    if isinstance(declared, str):
        return (declared,)
    if isinstance(declared, list):
        return tuple(t for t in declared if isinstance(t, str))
    values = node.get("enum") if isinstance(node.get("enum"), list) else [node["const"]] if "const" in node else None
    if values is not None:
        return tuple(dict.fromkeys(_json_type(v) for v in values))
    if "properties" in node:
        return ("object",)
    if "items" in node:
        return ("array",)
    return ()


def tolerant_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The schema the live backend advertises for a manifest output schema (see the module docstring)."""
    root = _tolerant(schema, root=True)
    properties = root.setdefault("properties", {})
    properties.setdefault(NOT_APPLIED, NOT_APPLIED_PROPERTY)
    properties.setdefault("value", VALUE_PROPERTY)
    meta = properties.get("meta")
    if isinstance(meta, dict) and "data" in properties:
        meta.setdefault("properties", {})[NEXT_CURSOR] = NEXT_CURSOR_PROPERTY
        root["required"] = list(ROOT_REQUIRED)
    return root


def _tolerant(node: Mapping[str, Any], *, root: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {k: node[k] for k in ("title", "description") if k in node}
    types = types_of(node)
    known = node.get("enum") if isinstance(node.get("enum"), list) else None
    if known:
        shown = ", ".join(json.dumps(v, ensure_ascii=False) for v in known[:MAX_ENUM_IN_TEXT])
        more = "" if len(known) <= MAX_ENUM_IN_TEXT else f" and {len(known) - MAX_ENUM_IN_TEXT} more"
        out["description"] = f"{out.get('description', '').rstrip()} Known values: {shown}{more}.".lstrip()
    if not types:
        return out
    out["type"] = "object" if root else list(dict.fromkeys([*types, "string", "null"]))
    if "object" in types and isinstance(node.get("properties"), Mapping):
        out["properties"] = {k: _tolerant(v) for k, v in node["properties"].items() if isinstance(v, Mapping)}
    if "array" in types and isinstance(node.get("items"), Mapping):
        out["items"] = _tolerant(node["items"])
    return out


def compile_conformer(schema: Mapping[str, Any]) -> Conformer:
    """A function reading a value as ``schema`` (a manifest schema) says; its result validates under
    ``tolerant_schema(schema)`` for any JSON value (the root aside: see ``conform_root``)."""
    return _compile(schema) or _keep


def _compile(node: Mapping[str, Any]) -> Conformer | None:
    """``None`` when the node accepts anything (no type): the value is kept as it is."""
    types = types_of(node)
    if not types:
        return None
    if "object" in types:
        properties = node.get("properties") if isinstance(node.get("properties"), Mapping) else {}
        fields = {k: c for k, v in properties.items() if isinstance(v, Mapping) and (c := _compile(v))}
        return _object_conformer(fields)
    if "array" in types:
        items = node.get("items")
        item = _compile(items) if isinstance(items, Mapping) else None
        return _array_conformer(item)
    return _SCALAR_CONFORMERS[next((t for t in types if t in _SCALARS), "string")]


def _object_conformer(fields: Mapping[str, Conformer]) -> Conformer:
    def conform(value: Any) -> Any:
        if type(value) is not dict:
            return value if value is None else as_text(value)
        return {k: (c(v) if (c := fields.get(k)) else v) for k, v in value.items()}

    return conform


def _array_conformer(item: Conformer | None) -> Conformer:
    def conform(value: Any) -> Any:
        if type(value) is not list:
            return value if value is None else as_text(value)
        return value if item is None else [item(v) for v in value]

    return conform


def _keep(value: Any) -> Any:
    return value


def _string(value: Any) -> Any:
    return value if value is None or type(value) is str else as_text(value)


def _number(value: Any) -> Any:
    kind = type(value)
    if value is None or kind is int or kind is float:
        return value
    if kind is str:
        return read_number(value, integer=False)
    return as_text(value)


def _integer(value: Any) -> Any:
    kind = type(value)
    if value is None or kind is int:
        return value
    if kind is float and value.is_integer():
        return int(value)
    if kind is str:
        return read_number(value, integer=True)
    return as_text(value)


def _boolean(value: Any) -> Any:
    if value is None or type(value) is bool:
        return value
    if type(value) is str and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return as_text(value)


_SCALAR_CONFORMERS: dict[str, Conformer] = {
    "string": _string,
    "number": _number,
    "integer": _integer,
    "boolean": _boolean,
}


def read_number(text: str, *, integer: bool) -> Any:
    """``"19.50"`` -> 19.5, ``"7"`` -> 7; anything that is not plainly a finite number stays the string."""
    stripped = text.strip()
    if len(stripped) > _DIGITS_MAX:
        return text
    if _INTEGER.fullmatch(stripped):
        return int(stripped)
    if integer or not _NUMBER.fullmatch(stripped):
        return text
    number = float(stripped)
    return number if math.isfinite(number) else text


def as_text(value: Any) -> str:
    """A value that is not of the declared type, kept whole as text: JSON for containers and booleans."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return str(value)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if value is None:
        return "null"
    return {dict: "object", list: "array"}.get(type(value), "string")
