"""The tools an agent sees, and the dispatcher that runs them: policy -> validate -> backend -> output.

No MCP types here: ``server.py`` turns a ``Tool`` into the SDK's wire model and a raised
``FaktooraError`` into an ``isError`` result. Keeping the dispatcher free of the SDK means the
behaviour is tested without a client, and an SDK upgrade touches one file.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

from faktoora_mcp.availability import live_refusal
from faktoora_mcp.backends.base import LIVE_ACCOUNT, Backend, Rehearsal
from faktoora_mcp.catalog import ActionSpec, Annotations, ArgumentValidator
from faktoora_mcp.errors import BackendProtocolError, InvalidArguments, PolicyRefused, UnknownTool
from faktoora_mcp.notices import notify, progress_to
from faktoora_mcp.overdue import amounts
from faktoora_mcp.paging import collect_pages, paged_input_schema, paged_output_schema
from faktoora_mcp.policy import (
    Policy,
    creates,
    guarded_input_schema,
    guarded_output_schema,
    require_confirmation,
    split_guards,
    split_idempotency_key,
)
from faktoora_mcp.textcheck import problems

logger = logging.getLogger(__name__)

Progress = Callable[[float, float | None, str | None], Awaitable[None]]
"""``progress(done, total, message)``: reported to the client when it asked for progress, else dropped."""


async def no_progress(done: float, total: float | None, message: str | None) -> None:
    """The progress sink for callers that did not ask for progress."""


class Runner(Protocol):
    async def __call__(self, arguments: dict[str, Any], progress: Progress) -> dict[str, Any]: ...


WriteCheck = Callable[[Mapping[str, Any]], Awaitable[str | None]]
"""For a tool that reads or writes by its arguments: what this call would change (``"POST /product"``,
``"create-customer"``), or ``None`` when it only reads. Given validated arguments."""


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
    run: Runner
    writes: WriteCheck | None = None
    """Set on tools whose calls may read or write; ``None``: the annotations say which it is."""

    @property
    def can_read(self) -> bool:
        """Whether some call of this tool only reads, so that a read-only server lists it."""
        return self.annotations.read_only or self.writes is not None

    @cached_property
    def _validator(self) -> ArgumentValidator:
        return ArgumentValidator(self.input_schema, tool=self.name)

    def validate(self, arguments: Mapping[str, Any]) -> dict[str, Any]:
        """The arguments read as their schema types (``"5"`` for an integer), or ``InvalidArguments``."""
        return dict(self._validator(arguments))


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on how much one call may collect."""

    max_items: int = 1000
    """Items an ``all: true`` list collects before it stops and reports ``truncated``."""


RAW_REQUEST_CHECKS = "the request's form only: raw API requests are not rehearsed"


async def dry_run(backend: Backend, action: str, input: Mapping[str, Any], *, rehearse: bool = True) -> dict[str, Any]:
    """The report of a write that was checked as the real call would be (as far as the backend can), not run.

    A write the backend would refuse raises that refusal here, so the agent learns it before the real call.
    """
    rehearsal = await backend.rehearse(action, input) if rehearse else Rehearsal(RAW_REQUEST_CHECKS)
    status = await backend.status()
    operation = {"backend": backend.name, "connection": status.connection_id, "action": action, "input": dict(input)}
    report = {"dryRun": True, "operation": operation, "checked": rehearsal.checked}
    if rehearsal.preview is not None:
        report["preview"] = rehearsal.preview
    return report


def catalog_tool(spec: ActionSpec, backend: Backend, limits: Limits = Limits()) -> Tool:
    """A catalog action as a tool: its manifest's schemas plus the guards, run by key on the backend."""
    notes = spec.annotations
    write = not notes.read_only
    paged = spec.key.startswith("list-") and "page" in spec.input_schema.get("properties", {})
    creating = write and creates(spec.key)
    adds_up = "amounts" in spec.output_schema.get("properties", {}).get("meta", {}).get("properties", {})

    async def run_once(arguments: Mapping[str, Any], key: str | None = None) -> dict[str, Any]:
        keyed = getattr(backend, "run_idempotent", None) if key is not None else None
        if key is not None and keyed is None:
            await notify("notice", f"{spec.key}: this backend cannot honour idempotencyKey; the call ran unkeyed.")
        result = await (keyed(spec.key, arguments, key) if keyed else backend.run_action(spec.key, arguments))
        if result.run_id:
            logger.debug("%s ran as %s", spec.key, result.run_id)
        return require_object(spec.key, result.output)

    async def run(arguments: dict[str, Any], progress: Progress) -> dict[str, Any]:
        if spec.sandbox_only and LIVE_ACCOUNT in backend.capabilities:
            raise PolicyRefused(live_refusal(spec.key) or f"{spec.key}: {spec.sandbox_only}.")
        arguments, confirmed, dry = split_guards(arguments)
        arguments, key = split_idempotency_key(arguments) if creating else (arguments, None)
        if write and dry:
            await notify("info", f"{spec.key}: dry run only; nothing was changed.")
            return await dry_run(backend, spec.key, arguments)
        if notes.destructive and not confirmed:
            raise require_confirmation(spec.key, _target(spec, arguments))
        if paged and arguments.pop("all", False):
            collected = await collect_pages(
                run_once, arguments, progress, max_items=limits.max_items, page_limit=backend.max_page_size
            )
            if collected.get("truncated"):
                await notify("notice", f"{spec.key}: stopped at {limits.max_items:,} items; the answer is incomplete.")
            elif adds_up and "amounts" not in collected["meta"]:  # every match is here: what they add up to
                collected["meta"]["amounts"] = amounts(collected["data"])
            return collected
        return await run_once(arguments, key)

    input_schema = guarded_input_schema(spec.input_schema, write=write, destructive=notes.destructive, creates=creating)
    output_schema = guarded_output_schema(spec.output_schema, write=write)
    if paged:
        input_schema, output_schema = paged_input_schema(input_schema), paged_output_schema(output_schema)
    return Tool(
        name=spec.key,
        title=spec.title,
        description=spec.description,
        toolset=spec.toolset,
        annotations=notes,
        input_schema=input_schema,
        output_schema=output_schema,
        run=run,
    )


def _target(spec: ActionSpec, arguments: Mapping[str, Any]) -> str:
    """Words for what a delete would remove: ``customer 3f1e…``."""
    noun = spec.key.removeprefix("delete-")
    ids = ", ".join(f"{k} {v}" for k, v in arguments.items())
    return f"the {noun} with {ids}" if ids else f"a {noun}"


def require_object(action: str, output: Any) -> dict[str, Any]:
    """Structured content must be a JSON object; anything else is the backend breaking its promise."""
    if not isinstance(output, dict):
        raise BackendProtocolError(
            f"{action} answered with {type(output).__name__}, not a JSON object; "
            "this is a backend fault, not a problem with the arguments."
        )
    return output


class Dispatcher:
    """The fixed, ordered tool set of one server process and the policy that guards it."""

    def __init__(self, tools: Iterable[Tool], policy: Policy | None = None) -> None:
        self._tools = {tool.name: tool for tool in tools}
        self.policy = policy or Policy()

    def __iter__(self) -> Iterator[Tool]:
        return iter(self._tools.values())

    def __len__(self) -> int:
        return len(self._tools)

    def listed(self) -> list[Tool]:
        """The tools tools/list shows: those the policy allows."""
        return [t for t in self._tools.values() if self.policy.lists(t.name, t.toolset, t.can_read)]

    def get(self, name: str) -> Tool:
        try:
            return self._tools[name]
        except KeyError:
            raise UnknownTool(f"There is no tool named {name!r}. Call tools/list to see the available tools.") from None

    async def call(self, name: str, arguments: Mapping[str, Any], progress: Progress = no_progress) -> dict[str, Any]:
        """Check the policy, validate against the advertised schema, then run the tool."""
        tool = self.get(name)
        self.policy.check(name, tool.toolset, tool.can_read)
        checked = tool.validate(arguments)
        if found := problems(checked):  # on the arguments as coerced: "NaN" read as a number is caught here
            raise InvalidArguments(found, tool=name)
        if tool.writes is not None and self.policy.read_only:
            self.policy.check_call(await tool.writes(checked))
        with progress_to(progress):  # a backend polling long work reports through it (notices.progress)
            return await tool.run(checked, progress)
