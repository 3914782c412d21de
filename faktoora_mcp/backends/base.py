"""The narrow async interface between the MCP server and whatever serves Faktoora.

The server never knows which backend runs. A backend takes plain Python values and returns the value
objects below; none of them carries an MCP type. Failures are raised as ``faktoora_mcp.errors``
exceptions whose message says what to do.

``HandlerBackend`` is the test double: it takes a plain function, like httpx's ``MockTransport``.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from faktoora_mcp.errors import PolicyRefused, UnknownTool

HttpMethod = Literal["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
READ_METHODS = ("GET", "HEAD")
"""The HTTP methods that only read: the ones a read-only server sends."""

READ_PREFIXES = ("list-", "get-", "search-", "find-", "verify-", "preview-", "download-", "check-")
"""Action keys that name a read. Anything else is treated as a write unless its metadata says otherwise."""


@dataclass(frozen=True, slots=True)
class ActionInfo:
    """An action a backend can run: what discovery returns and what ``describe_action`` tells."""

    id: str
    key: str
    name: str
    description: str = ""
    input_schema: Mapping[str, Any] = field(default_factory=lambda: {"type": "object"})
    output_schema: Mapping[str, Any] | None = None
    read_only: bool = False
    destructive: bool = False
    sandbox_only: str | None = None
    """Set on an action Faktoora's API does not have: what a live account does instead (the sandbox offers it
    so that a demo can go from draft to paid; a live backend never offers it)."""


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """What a dry run checked, in words for the report, and what the write would have returned, if known."""

    checked: str
    preview: Any = None


@dataclass(frozen=True, slots=True)
class ActionResult:
    """The output of one action run; ``run_id`` identifies the run in the backend's own logs."""

    output: Any
    run_id: str | None = None


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """A raw Faktoora REST request, relative to the API base (``/customers``, ``/product/{id}``)."""

    method: HttpMethod
    path: str
    query: Mapping[str, str | Sequence[str]] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    path_params: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    files: Mapping[str, tuple[str, bytes, str]] = field(default_factory=dict)
    """Multipart file parts by form field: ``(filename, content, media type)``, e.g. ``{"file": ("r.xml", …,
    "application/xml")}`` for ``POST /import/incoming``. The body, an object, then travels as form fields. Only
    the Membrane REST transport sends files; the CLI transport refuses them with the fix."""


@dataclass(frozen=True, slots=True)
class ApiResponse:
    """What the REST API answered; ``body`` is parsed JSON when the answer was JSON, else text."""

    status: int
    body: Any
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BackendStatus:
    """Whether the backend is ready, in words a person can act on."""

    backend: str
    ready: bool
    detail: str
    connection_id: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@runtime_checkable
class Backend(Protocol):
    """Everything the server needs from a backend."""

    name: str
    """``"sandbox"``, ``"membrane"`` or a test double's name; shown in the server instructions."""

    capabilities: frozenset[str]
    """What this backend can do beyond the protocol, from ``CAPABILITIES``; the server asks these, never the name."""

    max_page_size: int | None
    """The largest page a list action serves whole (``all: true`` collects in pages this big); ``None``: unknown."""

    async def run_action(self, action: str, input: Mapping[str, Any]) -> ActionResult:
        """Run an action by key or id. Writes are refused when the backend was built read-only."""
        ...

    async def search_actions(self, intent: str, *, limit: int = 10) -> Sequence[ActionInfo]:
        """Actions ranked by how well they match a natural-language intent, best first."""
        ...

    async def describe_action(self, action: str) -> ActionInfo:
        """One action by key or id, with its full schemas; ``UnknownTool`` when there is none."""
        ...

    async def rehearse(self, action: str, input: Mapping[str, Any]) -> Rehearsal:
        """Check a write as the real call would, without changing anything (a dry run).

        Raises the error the real call would raise; returns what was checked, in words for the report
        (``"the sandbox's rules, in a transaction that was rolled back"``, or ``"the input schema only"``), and
        the answer the write would have given when the backend can compute it without making it.
        """
        ...

    async def request(self, request: ApiRequest) -> ApiResponse:
        """A raw REST request. Non-2xx answers are returned, not raised."""
        ...

    async def status(self) -> BackendStatus:
        """Readiness, for ``doctor`` and the server's instructions."""
        ...

    async def aclose(self) -> None:
        """Release processes, files and caches. Safe to call twice."""
        ...


LIVE_ACCOUNT = "live-account"
"""The backend serves someone's real Faktoora account: changes are real, and sandbox-only actions are refused."""
LIVE_CATALOGUE = "live-catalogue"
"""Tools are advertised with the live catalogue's tolerant output schemas (answers are read, never refused)."""
CONFORMS_OUTPUT = "conforms-output"
"""Every structured answer already matches the advertised output schema, so the server need not check it again."""
DEMO_DATA = "demo-data"
"""The backend serves a fictional demo company (the sandbox): every surface says so."""
CAPABILITIES = frozenset({LIVE_ACCOUNT, LIVE_CATALOGUE, CONFORMS_OUTPUT, DEMO_DATA})


def is_read_only_key(key: str) -> bool:
    """Whether an action key names a read by Faktoora's and Membrane's naming convention."""
    return key.startswith(READ_PREFIXES)


SCHEMA_ONLY = "the input schema only: this backend cannot try a write without making it"
"""What a dry run checked on a backend that has no way to rehearse a write."""

Handler = Callable[[str, Mapping[str, Any]], Any | Awaitable[Any]]


class HandlerBackend:
    """A backend whose actions are answered by one plain function ``handler(action, input) -> output``.

    The handler may be sync or async and may raise any ``FaktooraError``. ``actions`` feeds discovery.
    """

    capabilities: frozenset[str] = frozenset()
    max_page_size: int | None = None

    def __init__(
        self,
        handler: Handler,
        *,
        actions: Sequence[ActionInfo] = (),
        read_only: bool = False,
        name: str = "handler",
    ) -> None:
        self.name = name
        self._handler = handler
        self._actions = {a.key: a for a in actions} | {a.id: a for a in actions}
        self._read_only = read_only
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.closed = False

    async def run_action(self, action: str, input: Mapping[str, Any]) -> ActionResult:
        info = self._actions.get(action)
        read_only = info.read_only if info else is_read_only_key(action)
        if self._read_only and not read_only:
            raise PolicyRefused(f"{action} changes data and this backend is read-only; nothing was run.")
        self.calls.append((action, dict(input)))
        output = self._handler(action, input)
        if inspect.isawaitable(output):
            output = await output
        return ActionResult(output=output)

    async def search_actions(self, intent: str, *, limit: int = 10) -> Sequence[ActionInfo]:
        words = intent.lower().split()
        unique = {a.id: a for a in self._actions.values()}.values()
        scored = [(sum(w in f"{a.key} {a.name} {a.description}".lower() for w in words), a) for a in unique]
        return [a for score, a in sorted(scored, key=lambda s: -s[0]) if score > 0][:limit]

    async def describe_action(self, action: str) -> ActionInfo:
        if action not in self._actions:
            raise UnknownTool(f"No action {action!r}. Use search-actions to find one.")
        return self._actions[action]

    async def rehearse(self, action: str, input: Mapping[str, Any]) -> Rehearsal:
        return Rehearsal(SCHEMA_ONLY)

    async def request(self, request: ApiRequest) -> ApiResponse:
        if self._read_only and request.method not in READ_METHODS:
            raise PolicyRefused(f"{request.method} {request.path} changes data and this backend is read-only.")
        self.calls.append((f"{request.method} {request.path}", {"query": dict(request.query), "body": request.body}))
        body = self._handler(f"{request.method} {request.path}", {"query": request.query, "body": request.body})
        if inspect.isawaitable(body):
            body = await body
        return ApiResponse(status=200, body=body)

    async def status(self) -> BackendStatus:
        return BackendStatus(backend=self.name, ready=not self.closed, detail="handler test double")

    async def aclose(self) -> None:
        self.closed = True
