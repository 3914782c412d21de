"""How the Membrane backend reaches Membrane, behind one small seam.

``cli`` runs the Membrane CLI as a child process (with ``argv`` building its commands, ``process`` guarding
the child, ``printed`` reading what it printed); ``rest`` speaks Membrane's REST API over one long-lived HTTP
client (with ``tokens`` finding its bearer token). What comes back is read the same way whatever transport
brought it (``answers/``), and every failure is mapped by ``failures`` into the package's error tree.

Every method runs within the current tool call's time budget (``budget``) and raises ``FaktooraError``s only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from faktoora_mcp.backends.base import ApiRequest, ApiResponse


class Transport(Protocol):
    """What the backend needs from a way of reaching Membrane. Payloads are Membrane's JSON, unchanged."""

    name: str
    """``"cli"`` or ``"rest"``: shown by ``doctor`` and ``status``."""

    async def ready(self) -> str:
        """Check once that calls can be made (the CLI found and verified, a token obtained); what was found."""
        ...

    async def connections(self) -> Any:
        """``GET /connections``: ``{items: Connection[], cursor?}``."""
        ...

    async def actions(self, connection_id: str, *, intent: str | None, limit: int) -> Any:
        """``GET /actions?connectionId&intent&limit``: ``{items: Action[], cursor?}``."""
        ...

    async def run(self, connection_id: str, action_id: str, input: Mapping[str, Any], *, what: str, read: bool) -> Any:
        """Run an action once: ``{output, actionRunId?}``. ``read`` says whether a timeout left data unchanged."""
        ...

    async def request(self, connection_id: str, request: ApiRequest, *, what: str) -> ApiResponse:
        """One request through the connection's proxy; upstream non-2xx answers are returned, not raised."""
        ...

    async def aclose(self) -> None:
        """Release processes and connections. Safe to call twice."""
        ...
