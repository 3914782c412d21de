"""Assembly: ``Config`` -> backend, catalog, dispatcher and MCP server; and serving them.

Heavy imports (the sandbox, the Membrane adapter, the HTTP stack) happen only on the path that needs
them, so that a stdio start-up pays for nothing it does not use.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import anyio

from faktoora_mcp.backends.base import CONFORMS_OUTPUT, LIVE_CATALOGUE, ActionInfo, Backend
from faktoora_mcp.catalog import ActionSpec, Catalog
from faktoora_mcp.config import Config, membrane_access, require_membrane, resolve_backend
from faktoora_mcp.errors import ConfigError
from faktoora_mcp.policy import TOOLSETS, Policy, check_tool_names, parse_names, parse_toolsets
from faktoora_mcp.tools import Dispatcher, Limits, Tool, catalog_tool
from faktoora_mcp.warmup import WarmUp

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class App:
    """Everything one server process runs on."""

    config: Config
    catalog: Catalog
    backend: Backend
    dispatcher: Dispatcher
    server: Any  # mcp.server.Server; typed loosely so this module does not import mcp
    asked: Config | None = None  # the config as given, before `auto` was resolved: says why the sandbox serves
    warm_up: WarmUp | None = None  # what the first call would do, done after the first tools/list


def build_backend(config: Config, catalog: Catalog | None = None) -> Backend:
    """The backend the (resolved) config names. Construction does no I/O; the first call does."""
    if config.backend == "sandbox":
        try:
            from faktoora_mcp.backends.sandbox import SandboxBackend, default_sandbox_path
        except ImportError as exc:  # pragma: no cover - only on a broken installation
            raise ConfigError(f"The sandbox backend cannot be loaded ({exc}); reinstall faktoora-mcp.") from exc
        from faktoora_mcp.backends.sandbox.store.database import check_location

        path = config.sandbox_db or default_sandbox_path()
        check_location(path, read_only=config.read_only)
        return SandboxBackend(
            path,
            read_only=config.read_only,
            reset=config.sandbox_reset,
            allow_private_webhook_targets=config.sandbox_private_webhooks,
            import_quota_bytes=config.sandbox_import_quota_mb * 1_000_000,
        )
    if config.backend == "membrane":
        from faktoora_mcp.backends.membrane import MembraneAccess, MembraneBackend
        from faktoora_mcp.backends.membrane.ledger import Ledger

        require_membrane(config)  # asked for a live account: never the demo data instead, never a silent failure
        return MembraneBackend(
            binary=config.membrane_bin,
            connection_id=config.connection_id,
            read_only=config.read_only,
            timeout=config.membrane_timeout,
            max_concurrency=config.membrane_concurrency,
            shapes={spec.key: spec.output_schema for spec in catalog or ()},
            catalogue_cache=catalogue_cache_path(config),
            transport=config.membrane_transport,
            access=MembraneAccess(**membrane_access()),
            documented=lambda: documented_actions(catalog),
            ledger=Ledger(Path(config.idempotency_ledger).expanduser()) if config.idempotency_ledger else None,
        )
    raise ConfigError(f"--backend {config.backend!r} was not resolved; use auto, membrane or sandbox.")


def action_info(spec: ActionSpec) -> ActionInfo:
    """A catalog action as discovery describes it (the live backend offers the documented calls this way)."""
    return ActionInfo(
        id=spec.key,
        key=spec.key,
        name=spec.title,
        description=spec.description,
        input_schema=spec.input_schema,
        output_schema=spec.output_schema,
        read_only=spec.annotations.read_only,
        destructive=spec.annotations.destructive,
        sandbox_only=spec.sandbox_only,
    )


def documented_actions(catalog: Catalog | None) -> list[ActionInfo]:
    """How the live backend describes Faktoora's documented calls that Membrane's connector lacks: from their
    manifests, and the rest (delete-webhook, projects, number checks) from the sandbox's action table, which
    describes the same REST API. Built on the first search or describe, never at start-up."""
    from faktoora_mcp.backends.membrane.documented import ENDPOINTS
    from faktoora_mcp.backends.sandbox.actions.discovery import action_info as sandbox_info
    from faktoora_mcp.backends.sandbox.actions.registry import all_actions

    described = {spec.key: action_info(spec) for spec in catalog or () if spec.key in ENDPOINTS}
    table = all_actions()
    return [
        described.get(key) or replace(sandbox_info(table[key]), id=key)
        for key in ENDPOINTS
        if key in described or key in table
    ]


def build_policy(config: Config) -> Policy:
    """``--tools`` alone names every tool wanted, so the default toolsets do not narrow it further."""
    tools = parse_names(config.tools)
    toolsets = parse_toolsets(config.toolsets) if config.toolsets or tools is None else None
    return Policy(read_only=config.read_only, toolsets=toolsets, tools=tools)


def catalogue_cache_path(config: Config) -> Path | None:
    """Where the live Membrane catalogue is cached: ``--catalogue-cache``, ``off`` for nowhere, else the user
    cache directory."""
    if config.catalogue_cache and config.catalogue_cache.lower() in ("off", "none"):
        return None
    if config.catalogue_cache:
        return Path(config.catalogue_cache).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("faktoora-mcp") / "live-catalogue.json"


def build_tools(catalog: Catalog, backend: Backend, config: Config) -> list[Tool]:
    """Every tool of this process, in a stable order: the catalog, then discovery and the raw API."""
    from faktoora_mcp.discovery import discovery_tools

    limits = Limits(max_items=config.max_items)
    specs = list(catalog)
    if LIVE_CATALOGUE in backend.capabilities:
        specs = live_specs(specs, config)
    return [catalog_tool(spec, backend, limits) for spec in specs] + discovery_tools(backend)


def live_specs(specs: list[ActionSpec], config: Config) -> list[ActionSpec]:
    """The catalog as the live backend advertises it: tolerant output schemas (a live answer is never refused
    for its shape), ``cursor`` on lists, and the input fields the cached live catalogue adds. Reading the
    cache is a small local file: tools/list never waits for Membrane."""
    from faktoora_mcp.backends.membrane.answers.cache_file import read_catalogue
    from faktoora_mcp.backends.membrane.answers.live import live_input_schema, live_output_schema
    from faktoora_mcp.backends.membrane.protocol import find_action

    cached = read_catalogue(catalogue_cache_path(config), config.connection_id)
    return [
        replace(
            spec,
            input_schema=live_input_schema(spec.input_schema, spec.key, find_action(cached, spec.key)),
            output_schema=live_output_schema(spec.output_schema),
        )
        for spec in specs
    ]


def instructions(config: Config, policy: Policy, tools: list[Tool]) -> str:
    """What a model should know about this server before its first call; it reflects the mode."""
    if config.backend == "sandbox":
        where = (
            "This server runs on the OFFLINE SANDBOX: a built-in demo company with seeded customers, products and "
            "invoices. Nothing here is anyone's real bookkeeping; say so when you report figures."
        )
    else:
        where = (
            "This server is set up for a live Faktoora account through the Membrane CLI, not yet verified: the "
            "first call checks the login and the connection, and an error then says what to fix. Once calls "
            "succeed, changes are real."
        )
    mode = (
        " It is READ-ONLY: tools that change data are hidden and refused; run-action runs read actions only "
        "(readOnly: true in search-actions) and api-request sends GET and HEAD only."
        if config.read_only
        else " Deletes need confirm: true (ask the person first); any write can be tried with dryRun: true. "
        "Give each create, correction or import a new idempotencyKey (e.g. a UUID) and resend the same key if you "
        "retry it with the same arguments, after an error, a timeout or a lost answer: you get the first result, "
        "never a duplicate. If the first attempt's outcome is unknown the retry is refused and says where to check; "
        "a new key forces a new attempt."
    )
    toolsets = [t for t in TOOLSETS if any(tool.toolset == t for tool in tools)]
    invoicing = (
        "Invoicing: create-outgoing-invoice writes a complete invoice in one call, as a draft unless mode is review "
        "or deliver (deliver sends it: only when the person asked); correct-outgoing-invoice cancels or fixes an "
        'issued invoice with a credit note or corrected invoice; list-outgoing-invoices with status ["overdue"] '
        "lists what is overdue today and meta.amounts adds it up.\n"
        if any(tool.name == "create-outgoing-invoice" for tool in tools) and not config.read_only
        else ""
    )
    discovery = (
        " For anything the tools do not cover, search-actions finds more Faktoora actions, describe-action shows "
        f"their inputs and run-action runs {'the read-only ones' if config.read_only else 'them'}."
        if "discovery" in toolsets
        else ""
    )
    return (
        "faktoora-mcp gives access to Faktoora, German invoicing and e-invoicing (XRechnung, ZUGFeRD) for "
        f"freelancers and small businesses. {where}{mode}\n"
        f"{invoicing}"
        "Finding ids: customer and product ids (uuid) come from list-customers / list-products (filter with "
        "keyword); outgoing invoice faktooraIds come from list-outgoing-invoices (filter by status, "
        "keyword, invoiceNumber or date range); incoming invoices are listed by list-incoming-invoices. "
        "Lists are paged: page starts at 1, perPage is at most 1000, meta.totalPages says how many pages exist, "
        "and all: true collects every page up to a cap. Amounts are net/VAT/gross in the invoice currency (EUR "
        f"unless stated).{discovery}\n"
        f"Enabled toolsets: {', '.join(toolsets)} ({len(tools)} tools)."
    )


WARM_UP_CALLS: tuple[tuple[str, Mapping[str, Any]], ...] = (
    ("list-customers", {"perPage": 1}),
    ("search-actions", {"intent": "Rechnung an den Kunden senden"}),
)
"""The calls the warm-up makes through the dispatcher (each that is listed): a read, and a search, whose argument
and answer checks a first call would otherwise compile (the backend's own ``warm`` readies the ranking)."""


def warm_calls(backend: Backend, dispatcher: Dispatcher, max_text_chars: int) -> Callable[[], Awaitable[None]] | None:
    """What warms the first call on a backend that can be warmed (a local one: warming Membrane would start its
    CLI): the backend's own warm-up, then one read and one search through the dispatcher and the text mirror,
    which compiles their argument validators and imports what every call's path needs."""
    warm = getattr(backend, "warm", None)
    listed = {tool.name for tool in dispatcher.listed()}
    if warm is None or "list-customers" not in listed:
        return warm

    async def run() -> None:
        from faktoora_mcp.text_mirror import text_mirror

        await warm()
        for tool, arguments in WARM_UP_CALLS:
            if tool in listed:
                output = await dispatcher.call(tool, dict(arguments))
                text_mirror(output, max_text_chars, tool=tool, arguments=dict(arguments))

    return run


def build_app(config: Config, *, backend: Backend | None = None, catalog: Catalog | None = None) -> App:
    """Assemble the server for ``config``; ``backend`` and ``catalog`` may be injected (tests)."""
    from faktoora_mcp.server import build_server

    asked, config = config, resolve_backend(config)
    catalog = catalog or Catalog.load()
    policy = build_policy(config)
    backend = backend or build_backend(config, catalog)
    tools = build_tools(catalog, backend, config)
    check_tool_names(policy.tools, (t.name for t in tools))
    dispatcher = Dispatcher(tools, policy)
    warm_up = WarmUp(warm_calls(backend, dispatcher, config.max_text_chars))
    server = build_server(
        dispatcher,
        catalog,
        backend,
        instructions=instructions(config, policy, dispatcher.listed()),
        # Both built-in backends emit valid content by construction: the sandbox produces the shapes, and the
        # Membrane backend reads every answer into the tolerant schema it advertises (property-tested). Checking
        # again would cost ~80 ms on a 200-row page, fifty times the reading itself.
        verify_output=CONFORMS_OUTPUT not in backend.capabilities,
        max_text_chars=config.max_text_chars,
        on_tools_listed=warm_up.listed,
    )
    return App(config, catalog, backend, dispatcher, server, asked=asked, warm_up=warm_up)


@asynccontextmanager
async def running(app: App) -> AsyncIterator[App]:
    """Close the backend (subprocesses, database) however serving ends."""
    try:
        yield app
    finally:
        await app.backend.aclose()


def check_transport(config: Config) -> None:
    """Refuse an unsafe or incomplete transport set-up before anything starts (HTTP: the token, the hosts)."""
    if config.transport == "http":
        from faktoora_mcp.http import check_http

        check_http(config)


def freeze_startup_heap() -> None:
    """Keep what start-up built (the SDK's and pydantic's models, the manifests, the tools: ~90,000 objects) out
    of every later full collection of the cyclic garbage collector, which then scans only what requests made.
    A 1,000-row answer allocates enough to set off a full collection every ten calls or so, and scanning the
    start-up heap made each one a pause of ~130 ms on two busy cores (benchmarks/text_mirror.py).
    No ``gc.collect()`` first: it found ~10 unreachable objects and cost 51-57 ms of every cold start."""
    gc.freeze()


async def serve(app: App) -> None:
    """Serve over the configured transport until the client goes away or the process is stopped."""
    freeze_startup_heap()
    async with running(app), anyio.create_task_group() as group:
        if app.warm_up is not None:
            group.start_soon(app.warm_up.run)
        if app.config.transport == "http":
            await _serve_http(app)
        else:
            await _serve_stdio(app)
        group.cancel_scope.cancel()


async def _serve_stdio(app: App) -> None:
    from faktoora_mcp.stdio_transport import checked_stdio_server

    async with checked_stdio_server() as (read_stream, write_stream):
        await app.server.run(read_stream, write_stream, app.server.create_initialization_options())


async def _serve_http(app: App) -> None:
    from faktoora_mcp.http import serve_http

    await serve_http(app.server, app.config)
