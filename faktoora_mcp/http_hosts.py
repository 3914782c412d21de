"""Host headers read as hosts, not as text: parsed with ``ipaddress``, lowercased, then checked by the SDK.

The SDK's DNS-rebinding check compares the Host header as a string: ``name:*`` accepts anything that starts
with ``name:`` (``127.0.0.1:8000 evil.com`` passed), case counts (``LOCALHOST:8000`` was refused) and an IPv6
address matched only if written exactly as configured. Here each Host is parsed into a name and a port, a
malformed one is answered 421 as the SDK would, and a valid one reaches the SDK in canonical form
(lowercase, IP addresses compressed, IPv6 in brackets), the same form ``canonical`` gives the allowed list.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

MAX_PORT = 65535
_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?")
_PORT = re.compile(r"[0-9]{1,5}")


def canonical(value: str) -> str | None:
    """``host`` or ``host:port`` in canonical form, or ``None`` when ``value`` is not a valid Host."""
    name, port = _split(value.strip().lower())
    if name is None or (port is not None and not (_PORT.fullmatch(port) and 0 < int(port) <= MAX_PORT)):
        return None
    return name if port is None else f"{name}:{int(port)}"


def _split(value: str) -> tuple[str | None, str | None]:
    if value.startswith("["):
        inside, _, rest = value[1:].partition("]")
        if rest and not rest.startswith(":"):
            return None, None
        return _address(inside, version=6), rest[1:] if rest else None
    if value.count(":") > 1:  # a bare IPv6 address, as --allowed-hosts may give it; never valid in a Host header
        return _address(value, version=6), None
    name, _, port = value.partition(":")
    return _name(name), port if ":" in value else None


def _address(text: str, *, version: int) -> str | None:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return f"[{address.compressed}]" if address.version == 6 == version else None


def _name(text: str) -> str | None:
    try:
        return ipaddress.IPv4Address(text).compressed
    except ValueError:
        return text if _NAME.fullmatch(text) else None


@dataclass(frozen=True)
class CanonicalHost:
    """ASGI middleware: a malformed Host gets 421; a valid one is passed on in canonical form."""

    app: ASGIApp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = list(scope.get("headers", []))
        found = [i for i, (key, _) in enumerate(headers) if key == b"host"]
        fixed = canonical(headers[found[0]][1].decode("latin-1")) if len(found) == 1 else None
        if fixed is None:
            await Response("Invalid Host header", status_code=421)(scope, receive, send)
            return
        headers[found[0]] = (b"host", fixed.encode("latin-1"))
        await self.app({**scope, "headers": headers}, receive, send)
