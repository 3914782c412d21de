"""Values no schema keyword can refuse: control characters, lone surrogates, NaN and infinities.

JSON Schema has no word for "no NUL byte" or "not NaN" (NaN passes every ``minimum`` and ``maximum``),
yet a NUL in a name makes the EN 16931 XML not well-formed, a lone surrogate cannot be written as UTF-8
and NaN poisons Decimal arithmetic. Every tool call is checked here after its schema, in linear time, and
each finding names the field. Tabs and line breaks are allowed only in fields that are multi-line text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from faktoora_mcp.errors import Violation

MULTILINE = frozenset({"description", "paymentTerms", "xml", "notes", "body", "note", "introduction", "postscript"})
"""Fields that hold running text, where tabs and line breaks belong."""
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile("[\t\n\r]")
SURROGATE = re.compile("[\ud800-\udfff]")
MAX_DEPTH = 32
"""Nesting deeper than this is no invoice data; it is refused before it can exhaust the stack."""


def problems(value: Any, path: str = "") -> list[Violation]:
    """Every control character, lone surrogate, NaN or infinity in ``value``, by JSON path."""
    return list(_walk(value, path, multiline=False, depth=0))


def _walk(value: Any, path: str, *, multiline: bool, depth: int) -> Iterator[Violation]:
    if depth > MAX_DEPTH:
        yield Violation(path, f"is nested more than {MAX_DEPTH} levels deep")
    elif isinstance(value, str):
        if problem := _text_problem(value, multiline):
            yield Violation(path, problem)
    elif isinstance(value, float) and not math.isfinite(value):
        yield Violation(path, f"must be a finite number, not {value!r}")
    elif isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and (problem := _text_problem(key, False)):
                yield Violation(here, f"field name {problem}")
            yield from _walk(item, here, multiline=str(key) in MULTILINE or multiline, depth=depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", multiline=multiline, depth=depth + 1)


def _text_problem(text: str, multiline: bool) -> str | None:
    if match := SURROGATE.search(text):
        return f"contains a lone surrogate (U+{ord(match[0]):04X}) at position {match.start()}; send valid Unicode"
    if match := CONTROL.search(text):
        return (
            f"contains the control character U+{ord(match[0]):04X} at position {match.start()}; "
            "remove it (it cannot appear on an invoice)"
        )
    if not multiline and (match := LINE_BREAKS.search(text)):
        return f"contains a tab or line break at position {match.start()}; this field is one line of text"
    return None


def excerpt(value: Any, limit: int = 40) -> str:
    """A short, printable quote of a value for an error message: long or hostile input is never echoed whole."""
    text = value if isinstance(value, str) else repr(value)
    shown = text[:limit].encode("utf-8", "backslashreplace").decode("utf-8")
    shown = CONTROL.sub("\N{REPLACEMENT CHARACTER}", shown)
    return repr(shown) + (f"… ({len(text):,} characters)" if len(text) > limit else "")


SHORT_MESSAGE = 160
"""A schema message up to this long is shown as jsonschema wrote it; longer ones quote only an excerpt."""


def schema_message(error: Any) -> str:
    """A jsonschema error in words, quoting at most an excerpt of the value (its own text repeats it whole)."""
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "pattern" and expected == "\\S":
        return "must contain something other than spaces"
    if len(str(error.message)) <= SHORT_MESSAGE:
        return str(error.message)  # jsonschema's own words, when the value it quotes is short
    if kind == "maxLength":
        return f"is {len(value):,} characters long; at most {expected:,} are allowed"
    if kind == "minLength":
        return "must not be empty" if expected == 1 else f"must be at least {expected} characters long"
    if kind == "pattern":
        return f"{excerpt(value)} does not have the expected form (pattern {expected})"
    if kind == "format":
        return f"{excerpt(value)} is not a valid {expected}"
    if kind == "type":
        return f"must be of type {expected}, not {type(value).__name__}"
    if kind in ("maximum", "minimum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"maximum": "at most", "minimum": "at least", "exclusiveMinimum": "greater than"}
        return f"must be {words.get(kind, 'less than')} {expected} (got {excerpt(value)})"
    if kind == "maxItems":
        return f"has {len(value):,} items; at most {expected} are allowed"
    if kind == "maxProperties":
        return f"has {len(value):,} fields; at most {expected} are allowed"
    message = str(error.message)
    return message if len(message) <= 200 else message[:200] + "…"
