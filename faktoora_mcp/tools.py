"""The tools an agent sees, and the dispatcher that runs them: validate -> backend -> output.

No MCP types here: ``server.py`` turns a ``Tool`` into the SDK's wire model and a raised
``FaktooraError`` into an ``isError`` result. Keeping the dispatcher free of the SDK means the
behaviour is tested without a client, and an SDK upgrade touches one file.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from faktoora_mcp.backends.base import Backend
from faktoora_mcp.catalog import ActionSpec, Annotations, Catalog
from faktoora_mcp.errors import BackendProtocolError, UnknownTool

logger = logging.getLogger(__name__)

Progress = Callable[[float, float | None, str | None], Awaitable[None]]
"""``progress(done, total, message)``: reported to the client when it asked for progress, else dropped."""


async def no_progress(done: float, total: float | None, message: str | None) -> None:
    """The progress sink for callers that did not ask for progress."""


class Runner(Protocol):
    async def __call__(self, arguments: Mapping[str, Any], progress: Progress) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Tool:
    """One tool as advertised in tools/list, with the coroutine that serves it."""

    name: str
    title: str
    description: str
    toolset: str
    annotations: Annotations
    input_schema: Mapping[str, Any]
    output_schema: Mapping[str, Any] | None
    validate: Callable[[Mapping[str, Any]], None]
    run: Runner


def catalog_tool(spec: ActionSpec, backend: Backend) -> Tool:
    """A catalog action as a tool: its manifest's schemas, run by key on the backend."""

    async def run(arguments: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        result = await backend.run_action(spec.key, arguments)
        if result.run_id:
            logger.debug("%s ran as %s", spec.key, result.run_id)
        return require_object(spec.key, result.output)

    return Tool(
        name=spec.key,
        title=spec.title,
        description=spec.description,
        toolset=spec.toolset,
        annotations=spec.annotations,
        input_schema=spec.input_schema,
        output_schema=spec.output_schema,
        validate=spec.validate,
        run=run,
    )


def require_object(action: str, output: Any) -> dict[str, Any]:
    """Structured content must be a JSON object; anything else is the backend breaking its promise."""
    if not isinstance(output, dict):
        raise BackendProtocolError(
            f"{action} answered with {type(output).__name__}, not a JSON object; "
            "this is a backend fault, not a problem with the arguments."
        )
    return output


class Dispatcher:
    """The fixed, ordered tool set of one server process."""

    def __init__(self, tools: Iterable[Tool]) -> None:
        self._tools = {tool.name: tool for tool in tools}

    @classmethod
    def for_catalog(cls, catalog: Catalog, backend: Backend) -> Dispatcher:
        return cls(catalog_tool(spec, backend) for spec in catalog)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._tools.values())

    def __len__(self) -> int:
        return len(self._tools)

    def get(self, name: str) -> Tool:
        try:
            return self._tools[name]
        except KeyError:
            raise UnknownTool(f"There is no tool named {name!r}. Call tools/list to see the available tools.") from None

    async def call(self, name: str, arguments: Mapping[str, Any], progress: Progress = no_progress) -> dict[str, Any]:
        """Validate the arguments against the advertised schema, then run the tool."""
        tool = self.get(name)
        tool.validate(arguments)
        return await tool.run(arguments, progress)
