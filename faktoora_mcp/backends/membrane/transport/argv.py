"""The argv of every CLI command this backend runs (reference §3), with values checked before any spawn.

Every value travels as one ``--flag=value`` element, so a value that starts with ``-`` can never be read
as a flag; the few positional values (action id, connection id, path) are refused when they start with ``-``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.base import ApiRequest
from faktoora_mcp.backends.membrane.protocol import FULL_LIST_LIMIT, check_path
from faktoora_mcp.errors import InvalidArguments

MAX_ARG_CHARS = 100_000
"""Linux refuses any single argv element over 128 KiB (MAX_ARG_STRLEN); UTF-8 may take 4 bytes a char."""

_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def help_args() -> list[str]:
    return ["--help"]


def status_args() -> list[str]:
    return ["status"]


def connection_list_args() -> list[str]:
    return ["connection", "list", "--json"]


def action_list_args(connection_id: str, *, intent: str | None = None, limit: int = FULL_LIST_LIMIT) -> list[str]:
    args = ["action", "list", flag("connectionId", connection_id)]
    if intent:
        args.append(flag("intent", intent, field="intent"))
    return [*args, flag("limit", str(limit)), "--json"]


def action_run_args(action_id: str, connection_id: str, input: Mapping[str, Any]) -> list[str]:
    try:
        encoded = json.dumps(dict(input), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidArguments.single("input", f"cannot be sent as JSON ({exc})") from None
    return [
        "action",
        "run",
        positional(action_id, "action"),
        flag("connectionId", connection_id),
        flag("input", encoded, field="input"),
        "--json",
    ]


def request_args(connection_id: str, request: ApiRequest) -> list[str]:
    """``membrane request``. ``--json`` is NOT passed: on this command it means "send a JSON body"
    (curl-style, reference §3.6), and whether it would take a value is unknown. The body goes in ``--data``
    with an explicit Content-Type header instead, and stdout is read as the raw upstream body."""
    check_path(request.path)
    headers = dict(request.headers)
    args = ["request", positional(connection_id, "connection_id"), request.path, flag("method", request.method)]
    if request.body is not None:
        args.append(flag("data", _body_text(request.body), field="body"))
        if not isinstance(request.body, str) and not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = "application/json"
    args += [flag("header", _header(name, value), field=f"headers.{name}") for name, value in headers.items()]
    args += [flag("query", _pair(k, v, "query")) for k, vs in request.query.items() for v in _values(vs)]
    args += [flag("pathParam", _pair(k, v, "path_params")) for k, v in request.path_params.items()]
    return args


def positional(value: str, field: str) -> str:
    if not value or value.startswith("-"):
        raise InvalidArguments.single(field, f"{value!r} is not a valid value (empty, or starts with '-')")
    return _checked(value, field)


def flag(name: str, value: str, *, field: str | None = None) -> str:
    return f"--{name}={_checked(value, field or name)}"


def _checked(value: str, field: str) -> str:
    if "\x00" in value:
        raise InvalidArguments.single(field, "must not contain NUL characters")
    if len(value) > MAX_ARG_CHARS:
        raise InvalidArguments.single(field, f"is too large to pass to the Membrane CLI (over {MAX_ARG_CHARS} chars)")
    return value


def _body_text(body: Any) -> str:
    if isinstance(body, str):
        return body
    try:
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidArguments.single("body", f"cannot be sent as JSON ({exc})") from None


def _header(name: str, value: str) -> str:
    if not _HEADER_NAME.match(name) or "\r" in value or "\n" in value:
        raise InvalidArguments.single(f"headers.{name}", "is not a valid HTTP header name or value")
    return f"{name}: {value}"


def _pair(key: str, value: str, field: str) -> str:
    if not key or "=" in key:
        raise InvalidArguments.single(f"{field}.{key}", "names must be non-empty and must not contain '='")
    return f"{key}={value}"


def _values(value: Any) -> list[str]:
    if isinstance(value, str | int | float | bool):
        return [str(value)]
    return [str(v) for v in value]
