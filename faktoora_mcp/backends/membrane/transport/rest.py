"""``RestTransport``: Membrane's REST API over one long-lived HTTP client (reference §6, §7).

``GET /connections``, ``GET /actions?connectionId&intent&limit``, ``POST /act`` and the proxy
``/connections/{id}/proxy/{path}``, each with ``Authorization: Bearer <token>`` and ``membrane-api-version``.
Connections are reused (a bounded pool, one per concurrent call at most), every request runs within what is
left of the tool call's budget, and cancelling a call closes its request. A 401 from Membrane gets one new
token and one more try; a token refused again is reported with the source it came from. Retries of reads are
the backend's; this module only says which failures are passing (``transient``) and how long to wait.

The client is httpx2 (already installed with the MCP SDK): on loopback ``http.client`` answers faster (see
``benchmarks/membrane_rest.py``), but it blocks a thread per call and cannot be cancelled, and it has no pool,
no multipart and no per-request deadline; aiohttp would be a new dependency that only runs on asyncio.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import anyio
import httpx2

from faktoora_mcp.backends.base import ApiRequest, ApiResponse
from faktoora_mcp.backends.membrane.budget import remaining
from faktoora_mcp.backends.membrane.failures import error_for_status, error_from_data, excerpt, timeout_error
from faktoora_mcp.backends.membrane.protocol import check_path, error_data
from faktoora_mcp.backends.membrane.transport.tokens import HOW_TO_AUTHENTICATE, Token, TokenKeeper
from faktoora_mcp.errors import (
    BackendProtocolError,
    BackendUnavailable,
    FaktooraError,
    InvalidArguments,
    UpstreamRejected,
)
from faktoora_mcp.redaction import REDACTED

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.getmembrane.com"
API_VERSION = "2025-10-21"
"""The latest ``membrane-api-version`` the SDK sends (reference §6.2): the shapes this package reads."""
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
"""As for the CLI's output: a full page of 1000 Faktoora records is far below this; more is a runaway answer."""
MAX_RETRY_AFTER = 30.0
"""A Retry-After longer than this is not waited for within one tool call; the error says when to try again."""
LIST_LIMIT = 1000
"""``GET /connections`` in one page of the largest size (reference §4.2)."""
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
CONNECTION_KEYS = frozenset({"connection_is_defunct", "access_token_expired", "CONNECTION_DISCONNECTED"})
_PATH_PARAM = re.compile(r"\{([A-Za-z0-9_.-]+)\}")
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_SET_BY_MEMBRANE = frozenset({"authorization", "host", "content-length", "membrane-api-version"})


@dataclass(frozen=True, slots=True)
class Call:
    """One request to Membrane: what it is called in messages, whether it only reads, the connection."""

    what: str
    read: bool
    connection_id: str | None = None
    proxied: bool = False


class RestTransport:
    """Membrane over HTTP. ``http`` replaces the network layer (tests pass an httpx2 transport)."""

    name = "rest"

    def __init__(
        self,
        *,
        tokens: TokenKeeper,
        api_url: str = DEFAULT_API_URL,
        timeout: float = 60.0,
        max_concurrency: int = 4,
        clock: Callable[[], float] = time.monotonic,
        http: httpx2.AsyncBaseTransport | None = None,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.tokens = tokens
        self._timeout = timeout
        self._clock = clock
        self._max_concurrency = max_concurrency
        self._http = http
        self._client: httpx2.AsyncClient | None = None

    def _connection_pool(self) -> httpx2.AsyncClient:
        """The one client, made on first use (construction does no I/O; a TLS context takes milliseconds)."""
        if self._client is None:
            pool = self._max_concurrency  # one connection per call Membrane may be serving at once, no more
            self._client = httpx2.AsyncClient(
                base_url=self.api_url,
                limits=httpx2.Limits(max_connections=pool, max_keepalive_connections=pool),
                timeout=httpx2.Timeout(self._timeout),
                follow_redirects=False,  # a redirect would carry the bearer token elsewhere
                trust_env=False,  # no proxy or netrc from the environment: config.py alone reads it
                headers={"membrane-api-version": API_VERSION, "accept": "application/json"},
                transport=self._http,
            )
        return self._client

    # -- the Transport protocol -------------------------------------------------------------------------

    async def ready(self) -> str:
        token = await self.tokens.get()
        return f"Membrane REST API {self.api_url} (token from {token.source})"

    async def connections(self) -> Any:
        call = Call("GET /connections", read=True)
        return await self._json(call, "GET", "/connections", params={"limit": str(LIST_LIMIT)})

    async def actions(self, connection_id: str, *, intent: str | None, limit: int) -> Any:
        params = {"connectionId": connection_id, "limit": str(limit)} | ({"intent": intent} if intent else {})
        call = Call("GET /actions" + (" (intent search)" if intent else ""), read=True, connection_id=connection_id)
        return await self._json(call, "GET", "/actions", params=params)

    async def run(self, connection_id: str, action_id: str, input: Mapping[str, Any], *, what: str, read: bool) -> Any:
        body = {"id": action_id, "connectionId": connection_id, "input": dict(input)}
        return await self._json(Call(what, read, connection_id), "POST", "/act", json_body=_json_text(body, "input"))

    async def request(self, connection_id: str, request: ApiRequest, *, what: str) -> ApiResponse:
        path = proxy_path(connection_id, request)
        call = Call(what, request.method in ("GET", "HEAD"), connection_id, proxied=True)
        content, files, data = _proxy_body(request)
        response, body = await self._send(
            call, request.method, path, params=_query(request.query), headers=_headers(request),
            json_body=content, files=files, data=data,
        )  # fmt: skip
        found = error_data(body, failed=True) if response.status_code == 401 else None
        if found is not None and found.key in CONNECTION_KEYS:  # Membrane's own word on the connection
            raise error_from_data(found, what, connection_id)
        return ApiResponse(status=response.status_code, body=body, headers=_shown_headers(response))

    async def aclose(self) -> None:
        self.tokens.forget()
        if self._client is not None:
            await self._client.aclose()

    # -- sending -----------------------------------------------------------------------------------------

    async def _json(
        self,
        call: Call,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json_body: bytes | None = None,
    ) -> Any:
        response, body = await self._send(call, method, path, params=params, json_body=json_body)
        if response.is_success:
            return body
        raise self._failure(call, response, body)

    async def _send(
        self,
        call: Call,
        method: str,
        path: str,
        *,
        params: Any = None,
        headers: Mapping[str, str] | None = None,
        json_body: bytes | None = None,
        files: Any = None,
        data: Any = None,
    ) -> tuple[httpx2.Response, Any]:
        """One request, and one more with a new token when Membrane refused the first."""
        token = await self.tokens.get()
        response, body = await self._once(call, method, path, token, params, headers, json_body, files, data)
        if response.status_code == 401 and _token_refused(call, body):
            fresh = await self.tokens.refused(token)
            if fresh is None:
                raise self._refused(call, token, body)
            response, body = await self._once(call, method, path, fresh, params, headers, json_body, files, data)
            if response.status_code == 401 and _token_refused(call, body):
                raise self._refused(call, fresh, body)
        return response, body

    async def _once(
        self,
        call: Call,
        method: str,
        path: str,
        token: Token,
        params: Any,
        headers: Any,
        content: Any,
        files: Any,
        data: Any,
    ) -> tuple[httpx2.Response, Any]:
        budget = remaining(self._clock, default=self._timeout)
        if budget <= 0:
            raise timeout_error(call.what, self._timeout, read=call.read)
        sent = dict(headers or {}) | {"authorization": f"Bearer {token.value}"}
        if content is not None and not _named(sent, "content-type"):
            sent["content-type"] = "application/json"
        started = self._clock()
        try:
            with anyio.fail_after(budget):
                client = self._connection_pool()
                request = client.build_request(
                    method, path, params=params, headers=sent, content=content, files=files, data=data,
                    timeout=httpx2.Timeout(budget),
                )  # fmt: skip
                response = await client.send(request, stream=True)
                try:
                    raw = await _read_capped(response, call.what)
                finally:
                    await response.aclose()
        except (TimeoutError, httpx2.TimeoutException):
            raise timeout_error(call.what, self._timeout, read=call.read) from None
        except httpx2.TransportError as exc:
            raise _unreachable(call, exc) from None
        logger.debug(
            "%s %s -> %d in %.1f ms", method, _logged(path), response.status_code, (self._clock() - started) * 1e3
        )
        if token.value.encode() in raw:  # an answer quoting our credential must not carry it any further
            raw = raw.replace(token.value.encode(), REDACTED.encode())
        return response, _body(raw, response)

    # -- errors ------------------------------------------------------------------------------------------

    def _failure(self, call: Call, response: httpx2.Response, body: Any) -> FaktooraError:
        status = response.status_code
        found = error_data(body, failed=True)
        if found is not None and status not in TRANSIENT_STATUSES:
            return error_from_data(found, call.what, call.connection_id)
        text = found.message if found else (body if isinstance(body, str) else json.dumps(body))
        message = f"{call.what} failed with HTTP {status}: {excerpt(str(text))}"
        if status in TRANSIENT_STATUSES:
            wait = retry_after(response.headers.get("retry-after"))
            details = {"transient": True} | ({"retry_after": wait} if wait is not None else {})
            hint = f"; Membrane asks to wait {wait:g} s" if wait is not None else ""
            return UpstreamRejected(f"{message}{hint}. Retry in a moment.", status=status, details=details)
        return error_for_status(status, message, call.connection_id)

    def _refused(self, call: Call, token: Token, body: Any) -> BackendUnavailable:
        found = error_data(body, failed=True)
        if found is not None and found.key in CONNECTION_KEYS:
            return error_from_data(found, call.what, call.connection_id)  # type: ignore[return-value]
        reason = f" ({excerpt(found.message, 160)})" if found else ""
        return BackendUnavailable(
            f"{call.what}: Membrane refused the token from {token.source} (HTTP 401){reason}. {_fix(token.source)}"
        )


def proxy_path(connection_id: str, request: ApiRequest) -> str:
    """``/connections/{id}/proxy/{path}`` with the path parameters filled in, checked again once filled."""
    check_path(request.path)
    path = _PATH_PARAM.sub(lambda m: _path_value(m[1], request.path_params), request.path)
    check_path(path)
    return f"/connections/{quote(connection_id, safe='')}/proxy{path}"


def retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header given in seconds; an HTTP date or nonsense is ignored."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if 0 <= seconds <= MAX_RETRY_AFTER else None


def _path_value(name: str, params: Mapping[str, str]) -> str:
    if name not in params:
        raise InvalidArguments.single(f"path_params.{name}", "is missing: the path names it in braces")
    return quote(str(params[name]), safe="")


def _proxy_body(request: ApiRequest) -> tuple[bytes | None, Any, Any]:
    """JSON content, or multipart files with the body's fields as form fields."""
    if not request.files:
        return (None if request.body is None else _raw_or_json(request.body)), None, None
    if request.body is not None and not isinstance(request.body, Mapping):
        raise InvalidArguments.single("body", "must be an object of form fields when files are sent (multipart)")
    files = {name: (part[0], part[1], part[2]) for name, part in request.files.items()}
    fields = {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in (request.body or {}).items()}
    return None, files, fields or None


def _raw_or_json(body: Any) -> bytes:
    return body.encode() if isinstance(body, str) else _json_text(body, "body")


def _json_text(value: Any, field: str) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    except (TypeError, ValueError) as exc:
        raise InvalidArguments.single(field, f"cannot be sent as JSON ({exc})") from None


def _query(query: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(k, str(v)) for k, vs in query.items() for v in ([vs] if isinstance(vs, str | int | float | bool) else vs)]


def _headers(request: ApiRequest) -> dict[str, str]:
    headers = {}
    for name, value in request.headers.items():
        if not _HEADER_NAME.match(name) or "\r" in value or "\n" in value or not _latin1(value):
            raise InvalidArguments.single(f"headers.{name}", "is not a valid HTTP header name or value")
        if name.lower() in _SET_BY_MEMBRANE:
            raise InvalidArguments.single(f"headers.{name}", "cannot be set: Membrane's proxy sets it")
        headers[name] = value
    if isinstance(request.body, str) and not request.files and not _named(headers, "content-type"):
        headers["content-type"] = "text/plain"
    return headers


def _latin1(value: str) -> bool:
    """HTTP/1.1 header values are bytes; what Latin-1 cannot encode cannot be sent (RFC 9110 5.5)."""
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _named(headers: Mapping[str, str], name: str) -> bool:
    return any(key.lower() == name for key in headers)


async def _read_capped(response: httpx2.Response, what: str) -> bytes:
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise BackendProtocolError(f"{what}: Membrane's answer exceeded {MAX_RESPONSE_BYTES // 2**20} MiB.")
        chunks.append(chunk)
    return b"".join(chunks)


def _body(raw: bytes, response: httpx2.Response) -> Any:
    """Parsed JSON when the answer is JSON (or looks it), else the text; ``None`` when empty."""
    text = raw.decode(response.encoding or "utf-8", errors="replace")
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _shown_headers(response: httpx2.Response) -> dict[str, str]:
    """The answer's headers a caller may need (type, location, paging), never cookies."""
    keep = ("content-type", "location", "link", "retry-after", "x-total-count", "content-disposition")
    return {k: response.headers[k] for k in keep if k in response.headers}


def _token_refused(call: Call, body: Any) -> bool:
    """Whether a 401 is Membrane refusing our token: not when it is about the connection (re-authorise it), and
    through the proxy only when Membrane's own error shape says so (else it is Faktoora's answer, passed on)."""
    found = error_data(body, failed=True)
    if found is not None and found.key in CONNECTION_KEYS:
        return False
    if not call.proxied:
        return True
    return found is not None and (found.key == "not_authenticated" or found.type == "bad_request")


def _unreachable(call: Call, exc: httpx2.TransportError) -> BackendUnavailable:
    sent = not isinstance(exc, httpx2.ConnectError)  # a cut connection after sending leaves a write's fate unknown
    if sent and not call.read:
        advice = "the change may or may not have been applied; check before retrying (e.g. list or get the record)."
    else:
        advice = "retry in a moment."
    return BackendUnavailable(
        f"{call.what}: Membrane could not be reached ({type(exc).__name__}: {excerpt(str(exc), 120)}); {advice}",
        details={"transient": call.read or not sent},
    )


def _fix(source: str) -> str:
    if source == "MEMBRANE_TOKEN":
        return "Set a fresh MEMBRANE_TOKEN (e.g. from `membrane token`), or unset it to let the Membrane CLI mint one."
    if source.startswith("MEMBRANE_WORKSPACE_KEY"):
        return "Check MEMBRANE_WORKSPACE_KEY, MEMBRANE_WORKSPACE_SECRET and MEMBRANE_TENANT_KEY in Membrane's console."
    return f"{HOW_TO_AUTHENTICATE}."


def _logged(path: str) -> str:
    return path if len(path) <= 200 else path[:199] + "…"
