"""Reading a finished run as a result: the JSON payload, an action's output, or a raw API response."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.base import ActionResult, ApiResponse
from faktoora_mcp.backends.membrane.failures import error_from_data, run_failure, status_in_text, upstream_status
from faktoora_mcp.backends.membrane.output import NotJson, error_data, error_in_output, excerpt, parse_json
from faktoora_mcp.backends.membrane.process import CompletedRun
from faktoora_mcp.errors import BackendProtocolError, BackendUnavailable


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


def action_result(payload: Any) -> ActionResult:
    """``{"output": …, "actionRunId": …}`` (reference §4.6); anything else is taken as the output itself."""
    if isinstance(payload, Mapping) and "output" in payload:
        run_id = payload.get("actionRunId")
        return ActionResult(output=payload["output"], run_id=run_id if isinstance(run_id, str) else None)
    return ActionResult(output=payload)


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
