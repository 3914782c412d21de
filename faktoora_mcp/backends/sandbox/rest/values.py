"""Turning REST query strings and bodies into action input, guided by the action's input schema."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from faktoora_mcp.errors import InvalidArguments, Violation

TRUE, FALSE = frozenset({"true", "1", "yes"}), frozenset({"false", "0", "no"})


def body_object(body: Any) -> dict[str, Any]:
    if body is None:
        return {}
    if not isinstance(body, Mapping):
        raise InvalidArguments.single("", "the request body must be a JSON object")
    return dict(body)


def query_input(schema: Mapping[str, Any], query: Mapping[str, str | Sequence[str]]) -> dict[str, Any]:
    """Query values converted to the types the schema declares; ``keywords[]`` counts as ``keywords``."""
    properties = schema.get("properties", {})
    converted: dict[str, Any] = {}
    violations: list[Violation] = []
    for raw_key, raw in query.items():
        key = raw_key.removesuffix("[]")
        values = [raw] if isinstance(raw, str) else list(raw)
        kind = properties.get(key, {}).get("type", "string")
        try:
            converted[key] = [str(v) for v in values] if kind == "array" else _scalar(kind, values[-1])
        except ValueError:
            violations.append(Violation(key, f"{values[-1]!r} is not a valid {kind}"))
    if violations:
        raise InvalidArguments(violations)
    return converted


def _scalar(kind: str, text: str) -> Any:
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "boolean":
        if text.lower() not in TRUE | FALSE:
            raise ValueError(text)
        return text.lower() in TRUE
    return text
