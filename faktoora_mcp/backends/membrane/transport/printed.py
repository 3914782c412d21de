"""Reading what a finished CLI run printed: lenient JSON, the error in it, an action's output or a raw API response.

Nothing about the CLI's output format is verified (reference §5), so every reader here tolerates update
notices before the JSON, pretty or compact JSON, unknown fields and empty output.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.base import ApiResponse
from faktoora_mcp.backends.membrane.failures import (
    LOGIN_ADVICE,
    error_for_status,
    error_from_data,
    excerpt,
    status_in_text,
    upstream_status,
)
from faktoora_mcp.backends.membrane.protocol import ErrorData, error_data
from faktoora_mcp.backends.membrane.transport.process import CompletedRun
from faktoora_mcp.errors import BackendProtocolError, BackendUnavailable, FaktooraError

_NOT_LOGGED_IN = re.compile(r"not logged in|not authenticated|\blog ?in\b", re.I)
_NETWORK = re.compile(r"ECONNRESET|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|socket hang up|network error", re.I)


def json_payload(run: CompletedRun, what: str, connection_id: str | None) -> Any:
    """The JSON a successful run printed (``None`` for no output); the mapped error otherwise."""
    if run.returncode != 0:
        raise run_failure(run, what, connection_id)
    try:
        payload = parse_json(run.stdout)
    except NotJson:
        raise BackendProtocolError(
            f"{what}: the Membrane CLI answered with something that is not JSON: {excerpt(run.stdout)}"
        ) from None
    error = error_data(payload, failed=False)
    if error:
        raise error_from_data(error, what, connection_id)
    return payload


def api_response(run: CompletedRun, what: str, connection_id: str | None) -> ApiResponse:
    """stdout is the raw upstream body. Upstream non-2xx answers are returned; Membrane's own failures raise."""
    if run.returncode == 0:
        body = raw_body(run.stdout)
        return ApiResponse(status=claimed_status(body) or 200, body=body)
    failure = run_failure(run, what, connection_id)
    if isinstance(failure, BackendUnavailable):
        raise failure
    body = raw_body(run.stdout)
    status = status_in_text(run.stderr) or claimed_status(body) or _error_status(run)
    if status is None:
        raise failure
    return ApiResponse(status=status, body=body if body is not None else excerpt(run.stderr))


def _error_status(run: CompletedRun) -> int | None:
    """The upstream status inside an error object without Membrane's own type/key (those are Membrane's)."""
    error = error_in_output(run.stdout, run.stderr)
    return upstream_status(error.data) if error and not (error.type or error.key) else None


def raw_body(stdout: str) -> Any:
    """Parsed JSON when the body is JSON (notices before it skipped), else the text; ``None`` when empty."""
    try:
        return parse_json(stdout)
    except NotJson:
        return stdout.strip()


def claimed_status(body: Any) -> int | None:
    """An error status the body states about itself: ``{"statusCode": 404, "message": …}``."""
    if not isinstance(body, Mapping) or not ("error" in body or "message" in body):
        return None
    for name in ("statusCode", "status"):
        value = body.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and 400 <= value <= 599:
            return value
    return None


def run_failure(run: CompletedRun, what: str, connection_id: str | None) -> FaktooraError:
    """The error for a run that exited non-zero."""
    found = error_in_output(run.stdout, run.stderr)
    if found:
        return error_from_data(found, what, connection_id)
    text = run.stderr.strip() or run.stdout.strip()
    if _NOT_LOGGED_IN.search(text):
        return BackendUnavailable(LOGIN_ADVICE)
    if _NETWORK.search(text):
        return BackendUnavailable(
            f"{what}: Membrane could not be reached ({excerpt(text, 120)}); retry in a moment.",
            details={"transient": True},
        )
    status = status_in_text(text)
    if status:
        return error_for_status(status, f"{what} failed with HTTP {status}: {excerpt(text)}", connection_id)
    return BackendProtocolError(
        f"{what}: the Membrane CLI failed (exit {run.returncode}) without a machine-readable error: "
        f"{excerpt(text) or '(no output)'}"
    )


def error_in_output(stdout: str, stderr: str) -> ErrorData | None:
    """The first error object found on stdout, then stderr, after a failed exit."""
    for text in (stdout, stderr):
        found = error_data(try_json(text), failed=True)
        if found:
            return found
    return None


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
