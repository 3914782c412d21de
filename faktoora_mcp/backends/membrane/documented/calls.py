"""What a route to Faktoora's REST API needs from the live backend (``Proxy``), and reading what it answers.

Shared by ``invoicing`` (writing invoices) and ``endpoints`` (the table of documented calls the connector lacks).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol
from urllib.parse import quote

from faktoora_mcp.backends.base import ApiRequest, ApiResponse
from faktoora_mcp.errors import BackendProtocolError, FaktooraError, NotFound, UpstreamRejected


class Proxy(Protocol):
    """What a route needs from the live backend."""

    async def request(self, request: ApiRequest) -> ApiResponse: ...

    async def connector(self, action: str, input: Mapping[str, Any]) -> Any: ...

    async def sleep(self, seconds: float) -> None: ...

    def remaining(self) -> float: ...

    async def acknowledged(self, record: Mapping[str, Any]) -> None:
        """Faktoora accepted a new record (this is the answer so far): a keyed create keeps it, so that a retry
        returns it instead of writing again, whatever happens to the rest of the call."""


async def ok(proxy: Proxy, request: ApiRequest) -> ApiResponse:
    answer = await proxy.request(request)
    if answer.status == 404:
        raise NotFound(f"Faktoora has no such record ({request.method} {request.path}); check the id or number.")
    if not 200 <= answer.status < 300:
        raise rejected(answer, f"{request.method} {request.path}")
    return answer


def json_object(answer: ApiResponse, what: str) -> dict[str, Any]:
    if not isinstance(answer.body, Mapping):
        raise BackendProtocolError(f"Faktoora's {what} answer is not a JSON object.")
    return dict(answer.body)


def template_of(body: Mapping[str, Any]) -> dict[str, Any]:
    template = body.get("template")
    if not isinstance(template, str):
        raise BackendProtocolError("Faktoora's invoice number template answer has no template.")
    return {"template": template, **pick(body, "padLength", "counter")}


def pick(body: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {name: body[name] for name in names if isinstance(body.get(name), int) and not isinstance(body[name], bool)}


def rejected(answer: ApiResponse, what: str) -> FaktooraError:
    return UpstreamRejected(f"Faktoora answered {answer.status} to {what}: {message(answer)}", status=answer.status)


def message(answer: ApiResponse) -> str:
    body = answer.body
    if isinstance(body, Mapping):
        for name in ("message", "error", "detail"):
            value = body.get(name)
            if isinstance(value, list):
                value = "; ".join(map(str, value))
            if isinstance(value, str) and value:
                return value[:300]
    return (body[:300] if isinstance(body, str) else "") or "no reason given"


def size_of(body: Any) -> int | None:
    if isinstance(body, bytes):
        return len(body)
    if isinstance(body, str):
        return len(body.encode("utf-8", "surrogateescape"))
    return None


def segment(value: str) -> str:
    return quote(value, safe="")


def yyyymmdd(day: str | None) -> str | None:
    """``2026-03-15`` -> ``20260315``: the date form ``POST /invoices`` takes (reference §6.3)."""
    return day.replace("-", "") if isinstance(day, str) else None
