"""Arguments as hosts send them, read as the advertised input schema's types where the meaning is certain.

Several hosts send typed arguments as text: ``"5"`` for an integer, ``"true"`` for a boolean, a JSON text
for an array or object (always so for a parameter whose schema has no type); others send ``10115`` for a
string field such as a postcode. A value is converted only when exactly one reading exists and the
schema names a single type; anything else is left as it came, so the validator still rejects it with the
message that names the field. No conversion yields NaN or Infinity, which JSON cannot carry.

Walked: ``properties``, ``additionalProperties``, ``items``, and ``anyOf`` where one branch is certain (the
value already has its type, or only one branch's conversion fits). Not walked: ``oneOf``, ``allOf`` and
``$ref``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
"""JSON's integer grammar: ``"007"`` stays text, since leading zeros mark an identifier, not a count."""
NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
"""JSON's number grammar: no ``"NaN"``, ``"inf"``, ``"1_000"`` or ``" 5"``, which Python's float() would take."""
BOOLEANS = {"true": True, "false": False}
CONTAINERS: dict[str, tuple[str, type]] = {"array": ("[", list), "object": ("{", dict)}
JSON_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "array": list,
    "object": dict,
    "null": type(None),
}


def coerce(schema: Any, value: Any) -> Any:
    """``value`` with every certain conversion applied, as a new object; ``value`` itself is not changed."""
    if isinstance(schema, Mapping) and "type" not in schema and isinstance(schema.get("anyOf"), list):
        return _any_of(schema["anyOf"], value)
    if not isinstance(schema, Mapping) or not isinstance(schema.get("type"), str):
        return value
    kind = schema["type"]
    value = CONVERTERS.get(kind, _unchanged)(schema, value)
    if kind == "object" and isinstance(value, dict):
        return _object(schema, value)
    if kind == "array" and isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        return [coerce(schema["items"], item) for item in value]
    return value


def _any_of(branches: list[Any], value: Any) -> Any:
    """The branch the value already has the type of; else the one branch a conversion fits, if only one does."""
    typed = [b for b in branches if isinstance(b, Mapping) and isinstance(b.get("type"), str)]
    same = [b for b in typed if _has_type(b["type"], value)]
    if same:
        return coerce(same[0], value) if len(same) == 1 else value
    fits = [converted for b in typed if _has_type(b["type"], converted := coerce(b, value))]
    return fits[0] if len(fits) == 1 else value


def _has_type(kind: str, value: Any) -> bool:
    if isinstance(value, bool):
        return kind == "boolean"
    return isinstance(value, JSON_TYPES.get(kind, ()))


def _object(schema: Mapping[str, Any], value: dict[str, Any]) -> dict[str, Any]:
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties")
    return {name: coerce(properties.get(name, extra), item) for name, item in value.items()}


def _unchanged(schema: Mapping[str, Any], value: Any) -> Any:
    return value


def _integer(schema: Mapping[str, Any], value: Any) -> Any:
    return _parsed(value) if isinstance(value, str) and INTEGER.fullmatch(value) else value


def _number(schema: Mapping[str, Any], value: Any) -> Any:
    return _parsed(value) if isinstance(value, str) and NUMBER.fullmatch(value) else value


def _parsed(text: str) -> Any:
    """The number a JSON number text means, or the text when it is out of range ("1e999" is not Infinity)."""
    try:
        number = json.loads(text)
    except ValueError:  # more digits than Python converts (int_max_str_digits)
        return text
    return number if math.isfinite(number) else text


def _boolean(schema: Mapping[str, Any], value: Any) -> Any:
    return BOOLEANS.get(value.strip().lower(), value) if isinstance(value, str) else value


def _container(schema: Mapping[str, Any], value: Any) -> Any:
    opener, kind = CONTAINERS[schema["type"]]
    if not isinstance(value, str) or not value.lstrip().startswith(opener):
        return value
    try:
        parsed = json.loads(value, parse_constant=_refuse_constant, parse_float=_finite_float)
    except ValueError:
        return value
    return parsed if isinstance(parsed, kind) else value


def _string(schema: Mapping[str, Any], value: Any) -> Any:
    """A number for a string field, as its digits, when the field takes them (no format, pattern fits)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return value
    text = json.dumps(value)
    return text if _allows(schema, text) else value


def _allows(schema: Mapping[str, Any], text: str) -> bool:
    if "format" in schema or ("enum" in schema and text not in schema["enum"]):
        return False
    pattern = schema.get("pattern")
    try:
        return pattern is None or re.search(pattern, text) is not None
    except re.error:
        return False


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is out of range")
    return number


CONVERTERS: dict[str, Callable[[Mapping[str, Any], Any], Any]] = {
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "array": _container,
    "object": _container,
    "string": _string,
}
