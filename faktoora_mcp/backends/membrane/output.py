"""Reading what the CLI printed: lenient JSON, the error shapes it may use, and redacted excerpts.

Nothing about the CLI's output format is verified (reference §5), so every reader here tolerates update
notices before the JSON, pretty or compact JSON, unknown fields and empty output.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Redaction lives in faktoora_mcp.redaction (every transport and backend uses it); re-exported for the callers
# here that read what the CLI printed.
from faktoora_mcp.redaction import REDACT_INLINE_CHARS, REDACT_MAX_CHARS, REDACTED, redact, redact_async

__all__ = [
    "EXCERPT_CHARS",
    "REDACTED",
    "REDACT_INLINE_CHARS",
    "REDACT_MAX_CHARS",
    "ErrorData",
    "NotJson",
    "error_data",
    "error_in_output",
    "excerpt",
    "parse_json",
    "redact",
    "redact_async",
    "try_json",
]

EXCERPT_CHARS = 300
"""Enough of a stray line or stack trace to recognise it, short enough for a tool-result message."""
EXCERPT_MARGIN = 512
"""Characters redacted beyond an excerpt's cut, so a secret straddling the cut is still recognised."""


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A redacted, single-spaced, length-capped excerpt for messages and logs."""
    flat = " ".join(redact(text[: limit + EXCERPT_MARGIN]).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class NotJson(ValueError):
    """The text holds no JSON value where one was expected."""


def _constant_as_text(name: str) -> str:
    """NaN and Infinity are not JSON: kept as the text they were, so every result stays valid JSON."""
    return name


_DECODER = json.JSONDecoder(parse_constant=_constant_as_text)


def parse_json(text: str) -> Any:
    """The JSON value in ``text``; ``None`` when it is blank; ``NotJson`` when there is none.

    Lines before the first one that starts with ``{`` or ``[`` (warnings, update notices) are skipped, and
    so is anything after the value.
    """
    if not text.strip():
        return None
    try:
        return json.loads(text, parse_constant=_constant_as_text)
    except ValueError:
        pass
    offset = 0
    for line in text.splitlines(keepends=True):
        start = offset + len(line) - len(line.lstrip())
        offset += len(line)
        if text[start : start + 1] in ("{", "["):
            try:
                return _DECODER.raw_decode(text, start)[0]
            except ValueError:
                continue
    raise NotJson(text)


def try_json(text: str) -> Any:
    """Like ``parse_json`` but ``None`` instead of raising."""
    try:
        return parse_json(text)
    except NotJson:
        return None


@dataclass(frozen=True, slots=True)
class ErrorData:
    """An error the CLI reported, in Membrane's ``ErrorDataSchema`` terms (``type``, ``key``, ``message``)."""

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
        return error_data(inner, failed=True) or ErrorData(message=json.dumps(inner)[:EXCERPT_CHARS])
    if isinstance(inner, str) and inner:
        return ErrorData(message=_text(payload.get("message")) or inner, type=_text(payload.get("type")), key=inner)
    if not failed and "error" not in payload:
        return None
    message = _text(payload.get("message"))
    if not message and not payload.get("type") and not payload.get("key"):
        return None
    data = payload.get("data")
    return ErrorData(
        message=message or "no message",
        type=_text(payload.get("type")),
        key=_text(payload.get("key")) or _text(payload.get("code")),
        data=data if isinstance(data, Mapping) else {},
    )


def error_in_output(stdout: str, stderr: str) -> ErrorData | None:
    """The first error object found on stdout, then stderr, after a failed exit."""
    for text in (stdout, stderr):
        found = error_data(try_json(text), failed=True)
        if found:
            return found
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
