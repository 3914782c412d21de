"""Membrane's errors (its ``ErrorDataSchema``, an HTTP status) as the package's error tree, with the next step in every
message. Transport-neutral: the CLI and the REST transport both map their failures here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.membrane.protocol import ErrorData
from faktoora_mcp.errors import (
    BackendBusy,
    BackendError,
    BackendTimeout,
    BackendUnavailable,
    Conflict,
    FaktooraError,
    InvalidArguments,
    NotFound,
    UpstreamRejected,
    Violation,
)
from faktoora_mcp.redaction import redact

EXCERPT_CHARS = 300
"""Enough of a stray line or stack trace to recognise it, short enough for a tool-result message."""
EXCERPT_MARGIN = 512
"""Characters redacted beyond an excerpt's cut, so a secret straddling the cut is still recognised."""
MESSAGE_CHARS = 500
"""Upstream messages are quoted up to this length: a validation message fits, a dumped payload does not."""

LOGIN_ADVICE = "Membrane is not logged in: run `membrane login --tenant` (once), then try again."
CONNECT_ADVICE = "create one with `membrane connect --connectorKey faktoora`"
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
"""Answers that may well succeed on a second try: rate limits and upstream hiccups."""

_NOT_LOGGED_IN_MESSAGE = re.compile(r"not logged in|membrane login", re.I)
_STATUS_CODE = re.compile(r"status(?: code)?[ :]+([1-5]\d\d)\b", re.I)
_TYPE_STATUS = {"internal": 502, "dependency_error": 502, "concurrency": 429, "insufficient_credit": 402}
_KEY_STATUS = {"access_denied": 403, "rate_limit_exceeded": 429}
_VIOLATION_LISTS = ("violations", "errors", "validationErrors")
_PATH_NAMES = ("path", "field", "property", "instancePath", "dataPath")
_CONNECTION_KEYS = frozenset({"connection_is_defunct", "access_token_expired", "CONNECTION_DISCONNECTED"})


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A redacted, single-spaced, length-capped excerpt for messages and logs."""
    flat = " ".join(redact(text[: limit + EXCERPT_MARGIN]).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def is_transient(exc: FaktooraError) -> bool:
    """Whether a read that failed this way is worth repeating."""
    if isinstance(exc, BackendTimeout):
        return True
    if isinstance(exc, UpstreamRejected):
        return exc.status in TRANSIENT_STATUSES
    return isinstance(exc, BackendError) and bool(exc.details.get("transient"))


def changed_nothing(exc: BaseException) -> bool:
    """Whether a write that failed this way certainly changed nothing: refused (a 4xx from Faktoora or Membrane,
    a bad argument, a missing record) or stopped before it was sent. After a 5xx, an unreadable answer, a timeout
    or a cut connection once sent, or a cancel, the change may have happened."""
    if isinstance(exc, BackendTimeout | BackendBusy):
        return exc.safe_to_retry
    if isinstance(exc, UpstreamRejected):
        return exc.status < 500 and exc.status != 408
    if isinstance(exc, BackendUnavailable):
        return exc.details.get("transient") is not False  # False: the REST transport lost a sent write's answer
    return isinstance(exc, FaktooraError) and not isinstance(exc, BackendError)


def timeout_error(what: str, timeout: float, *, read: bool) -> BackendTimeout:
    if read:
        advice = "it only reads data, so it is safe to retry."
    else:
        advice = "the change may or may not have been applied; check before retrying (e.g. list or get the record)."
    return BackendTimeout(
        f"{what} got no answer from Membrane within {timeout:g} s and was stopped; {advice}", safe_to_retry=read
    )


def not_started_error(binary: str, exc: OSError) -> BackendUnavailable:
    return BackendUnavailable(
        f"The Membrane CLI could not be started at {binary} ({exc.strerror or exc}). Check that it is installed "
        "(npm install -g @membranehq/cli, then membrane login --tenant) or pass --membrane-bin."
    )


def error_from_data(error: ErrorData, what: str, connection_id: str | None) -> FaktooraError:
    """Map Membrane's ``type``/``key`` (reference §5) to the error a reader can act on."""
    label = "/".join(part for part in (error.type, error.key) if part) or "error"
    message = f"{what} was refused by Membrane ({label}): {_quote(error.message)}"
    if error.key == "not_authenticated" or _NOT_LOGGED_IN_MESSAGE.search(error.message):
        return BackendUnavailable(LOGIN_ADVICE)
    if error.key in _CONNECTION_KEYS or (error.type == "connection" and error.key != "rate_limit_exceeded"):
        return BackendUnavailable(f"{message}. {reconnect_advice(connection_id)}")
    if error.key == "not_found":
        return NotFound(f"{message}. Check the id, e.g. with a list action.", details=_details(error))
    violations = violations_in(error.data)
    if violations and error.key is None and error.type in (None, "bad_request", "action_run"):
        return InvalidArguments(violations)
    if error.key == "already_exists":
        return Conflict(f"{message}. A record with that number or code exists already.", details=_details(error))
    status = _KEY_STATUS.get(error.key or "") or _TYPE_STATUS.get(error.type or "") or upstream_status(error.data)
    if status in (401, 404, 409):
        return error_for_status(status, message, connection_id)
    return UpstreamRejected(
        message, status=status or 400, error_type=error.type, error_key=error.key, details=_details(error)
    )


def violations_in(data: Mapping[str, Any]) -> list[Violation]:
    """Per-field problems in an error's data: ``violations``/``errors`` items with a path (``field``,
    ``instancePath`` as ajv reports it, …) and a message. Empty when the error is not about fields."""
    items = next((data[k] for k in _VIOLATION_LISTS if isinstance(data.get(k), list)), [])
    found = []
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("message"), str):
            found.append(Violation(_field_path(item), redact(item["message"])))
    return found


def _field_path(item: Mapping[str, Any]) -> str:
    raw = next((item[k] for k in _PATH_NAMES if isinstance(item.get(k), str)), "")
    path = raw.strip("/").replace("/", ".")
    params = item.get("params")
    missing = params.get("missingProperty") if isinstance(params, Mapping) else None
    return ".".join(p for p in (path, missing) if isinstance(p, str) and p)


LIST_TOOLS = {
    "customer": "list-customers",
    "product": "list-products",
    "webhook": "list-webhooks",
    "invoice": "list-outgoing-invoices",
    "outgoing": "list-outgoing-invoices",
    "incoming": "list-incoming-invoices",
}
"""The list tool that hands out the ids an action takes, by the first noun in its key."""


def with_list_hint(exc: NotFound, action: str) -> NotFound:
    """A not-found answer that names the list tool giving valid ids (``get-customer`` -> ``list-customers``)."""
    noun = next((w for w in action.split("-")[1:] if w in LIST_TOOLS), None)
    if noun is None:
        return exc
    hint = f" Find valid ids with {LIST_TOOLS[noun]}."
    return NotFound(exc.message.replace(". Check the id, e.g. with a list action.", ".") + hint, details=exc.details)


def error_for_status(status: int, message: str, connection_id: str | None) -> FaktooraError:
    if status == 401:
        return BackendUnavailable(f"{message}. {reconnect_advice(connection_id)}")
    if status == 404:
        return NotFound(message)
    if status == 409:
        return Conflict(message)
    return UpstreamRejected(message, status=status)


def reconnect_advice(connection_id: str | None) -> str:
    target = f"--connectionId={connection_id}" if connection_id else "--connectorKey faktoora"
    return f"The Faktoora connection needs to be re-authorised: run `membrane connect {target}`, then try again."


def upstream_status(data: Mapping[str, Any]) -> int | None:
    """An HTTP status carried in the error's data (``status``, ``statusCode`` or ``response.status``)."""
    response = data.get("response")
    for candidate in (
        data.get("status"),
        data.get("statusCode"),
        isinstance(response, Mapping) and response.get("status"),
    ):
        if isinstance(candidate, int) and not isinstance(candidate, bool) and 100 <= candidate <= 599:
            return candidate
    return None


def status_in_text(text: str) -> int | None:
    match = _STATUS_CODE.search(text)
    return int(match[1]) if match and int(match[1]) >= 400 else None


def _quote(message: str) -> str:
    flat = " ".join(redact(message).split()).rstrip(".")
    return flat if len(flat) <= MESSAGE_CHARS else flat[: MESSAGE_CHARS - 1] + "…"


def _details(error: ErrorData) -> dict[str, Any]:
    return {"membrane_type": error.type, "membrane_key": error.key}
