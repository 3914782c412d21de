"""Every request with an id gets an answer: the JSON-RPC errors the SDK's readers do not send.

The SDK parses each message with pydantic. A message it cannot parse is dropped over stdio (wrong
``jsonrpc``, a non-string method, ``params`` as an array, nesting past ~200 levels, a lone surrogate, an
integer of more than 4,300 digits, a batch, bytes that are not UTF-8), and over HTTP it answers -32602
with a pydantic dump; a float or null id makes a request look like a notification, so it gets 202 and no
answer. ``check`` is put in front of both readers: it passes what the SDK reads correctly and returns the
answer for the rest, -32700 when the text is not JSON and -32600 when it is not a valid request, with the
request's id whenever one can be read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import mcp_types as types
from pydantic import ValidationError

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
MAX_DEPTH = 100
"""Levels of nesting a message may have: MCP's deepest (tool arguments) use a dozen; the SDK's parser fails
silently past ~200, and Python's past ~1,000 with a RecursionError."""
MAX_INT_DIGITS = 4000
"""Digits an integer may have: Python refuses to convert more than 4,300, and no Faktoora field needs 20."""
ID_TYPES = "a string or an integer"
MAX_PATH_CHARS = 200
"""A field's path in an answer is cut here: a hostile key could be megabytes long."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """The error answer to one message."""

    code: int
    message: str
    id: str | int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"jsonrpc": "2.0", "id": self.id, "error": {"code": self.code, "message": self.message}}

    def as_message(self) -> types.JSONRPCError:
        return types.JSONRPCError(
            jsonrpc="2.0", id=self.id, error=types.ErrorData(code=self.code, message=self.message)
        )


class _HugeInt:
    """Stands in for an integer too long to convert, so the rest of the message (its id) can still be read."""


def check(raw: str | bytes) -> Refusal | None:
    """``None`` when the SDK reads ``raw`` as the message it is; else the answer to send back."""
    if not _is_text(raw):
        return _not_utf8(raw)
    try:
        message = types.jsonrpc_message_adapter.validate_json(raw, by_name=False)
    except ValidationError:
        return _diagnose(raw) or Refusal(INVALID_REQUEST, "Invalid Request: not a JSON-RPC 2.0 message.")
    if isinstance(message, types.JSONRPCNotification):
        return _diagnose(raw)  # a request with a float or null id reads as a notification
    return None


def _is_text(raw: str | bytes) -> bool:
    try:
        (raw.decode("utf-8") if isinstance(raw, bytes) else raw.encode("utf-8"))
    except UnicodeError:  # bytes that are not UTF-8, or a str with the surrogates they were decoded to
        return False
    return True


def _not_utf8(raw: str | bytes) -> Refusal:
    """Refused like HTTP refuses it, but answered with the request's id when the rest of it can be read."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw.encode("utf-8", "replace").decode()
    found = _diagnose(text)
    request_id = found.id if found else _id_of(text)
    code = PARSE_ERROR if request_id is None else INVALID_REQUEST
    return Refusal(code, "Invalid Request: the message is not valid UTF-8; send UTF-8 encoded JSON.", request_id)


def _id_of(text: str) -> str | int | None:
    try:
        document = json.loads(text, parse_int=_int, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None
    request_id = document.get("id") if isinstance(document, dict) else None
    return request_id if isinstance(request_id, str | int) and not isinstance(request_id, bool) else None


def _diagnose(raw: str | bytes) -> Refusal | None:
    try:
        document = json.loads(raw, parse_int=_int, parse_constant=_no_constant)
    except RecursionError:
        return Refusal(PARSE_ERROR, f"Parse error: the message nests deeper than {MAX_DEPTH} levels.")
    except ValueError as exc:
        return Refusal(PARSE_ERROR, f"Parse error: not JSON ({str(exc)[:120]}).")
    if isinstance(document, list):
        return Refusal(INVALID_REQUEST, "Invalid Request: batches are not supported; send one message at a time.")
    if not isinstance(document, dict):
        return Refusal(INVALID_REQUEST, "Invalid Request: a message is a JSON object.")
    if "id" not in document:
        return None  # a notification, or nothing with an id: no answer is owed
    return _check_request(document)


def _check_request(document: dict[str, Any]) -> Refusal | None:
    request_id = document["id"]
    if isinstance(request_id, bool) or not isinstance(request_id, str | int):
        shown = json.dumps(request_id) if not isinstance(request_id, _HugeInt) else "an integer that long"
        return Refusal(INVALID_REQUEST, f"Invalid Request: id must be {ID_TYPES}, not {shown}.")
    if "method" not in document and ("result" in document or "error" in document):
        return None  # the client's answer to a request of ours
    problem = _problem(document)
    return Refusal(INVALID_REQUEST, f"Invalid Request: {problem}.", request_id) if problem else None


def _problem(document: dict[str, Any]) -> str | None:
    if document.get("jsonrpc") != "2.0":
        return 'jsonrpc must be "2.0"'
    if not isinstance(document.get("method"), str):
        return "method must be a string"
    if document.get("params") is not None and not isinstance(document["params"], dict):
        return "params must be an object (named parameters)"
    for path, value, depth in _walk(document):
        if depth > MAX_DEPTH:
            return f"{path} nests deeper than {MAX_DEPTH} levels"
        if isinstance(value, _HugeInt):
            return f"{path} is an integer of more than {MAX_INT_DIGITS} digits"
        if isinstance(value, str) and not _is_text(value):
            return f"{path} holds a lone surrogate escape (\\ud800-\\udfff), which is not Unicode text"
    return None


def _walk(document: Any) -> Iterator[tuple[str, Any, int]]:
    """Every value with its path and depth, without recursion (the depth is what is being checked)."""
    stack: list[tuple[str, Any, int]] = [("message", document, 0)]
    while stack:
        path, value, depth = stack.pop()
        yield path, value, depth
        if isinstance(value, dict):
            stack.extend((f"{path}.{key}"[:MAX_PATH_CHARS], item, depth + 1) for key, item in value.items())
            stack.extend((f"{path} (a key)", key, depth + 1) for key in value)
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]"[:MAX_PATH_CHARS], item, depth + 1) for index, item in enumerate(value))


def _int(digits: str) -> int | _HugeInt:
    return _HugeInt() if len(digits.lstrip("-")) > MAX_INT_DIGITS else int(digits)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
