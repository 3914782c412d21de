"""``SandboxBackend``: the offline Faktoora, a seeded SQLite file served through the Backend protocol.

Construction is free: the file is opened, migrated and seeded by the first call that needs it, under an
async lock, and every database call runs in a worker thread so that the event loop never waits on disk.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_thread

from faktoora_mcp.backends.base import (
    CONFORMS_OUTPUT,
    DEMO_DATA,
    ActionInfo,
    ActionResult,
    ApiRequest,
    ApiResponse,
    BackendStatus,
    Rehearsal,
)
from faktoora_mcp.backends.sandbox.store.context import IMPORT_QUOTA_BYTES
from faktoora_mcp.backends.sandbox.store.database import BUSY_TIMEOUT_MS, Store, utc_now
from faktoora_mcp.errors import FaktooraError, InvalidArguments, PolicyRefused, Violation

if TYPE_CHECKING:
    from faktoora_mcp.backends.sandbox.actions.definition import ActionDef

# The action table, the rules and the listing are imported by the first call (or ``warm``), not at start-up:
# a server that is only asked for tools/list never pays for them (~16 ms of a cold start, issue 26).
MAX_PER_PAGE = 1000
"""Faktoora's page-size cap, as ``store.listing`` enforces it (a test keeps the two equal)."""
WARM_UP_ACTION = ("list-customers", {"perPage": 1})
"""A read that opens the file and imports what calls need: the rules, the schemas, the listing."""

DEFAULT_SEED = 2026
COUNTED_TABLES = {
    "customers": "customers WHERE deletedAt IS NULL",
    "products": "products WHERE deletedAt IS NULL",
    "outgoingInvoices": "invoices",
    "incomingInvoices": "incoming_invoices",
    "webhooks": "webhooks",
    "projects": "projects",
}


def default_sandbox_path() -> Path:
    """``sandbox.sqlite3`` in the user's data directory for faktoora-mcp."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("faktoora-mcp")) / "sandbox.sqlite3"


def _seeder(seed: int) -> Any:
    def run(conn: Any) -> None:
        from faktoora_mcp.backends.sandbox.seed.company import seed as fill

        fill(conn, seed)

    return run


class SandboxBackend:
    """Faktoora's actions and REST routes over a local demo company; nothing leaves the machine."""

    name = "sandbox"
    capabilities = frozenset({CONFORMS_OUTPUT, DEMO_DATA})
    max_page_size = MAX_PER_PAGE
    """The largest page served whole; ``all: true`` collects in pages this big (``paging.collect_pages``)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        reset: bool = False,
        seed: int = DEFAULT_SEED,
        allow_private_webhook_targets: bool = False,
        today: date | None = None,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        import_quota_bytes: int = IMPORT_QUOTA_BYTES,
    ) -> None:
        self.path = os.fspath(path)
        self.read_only = read_only
        self.allow_private_webhook_targets = allow_private_webhook_targets
        self.import_quota_bytes = import_quota_bytes
        self._today = today
        self._store = Store(
            self.path, seeder=_seeder(seed), reset=reset, read_only=read_only, busy_timeout_ms=busy_timeout_ms
        )
        self._open_lock: anyio.Lock | None = None

    async def run_action(self, action: str, input: Mapping[str, Any]) -> ActionResult:
        definition = _find(action)
        self._refuse_write(definition)
        from faktoora_mcp.backends.sandbox.actions.schemas import check

        checked = check(definition.key, definition.input_schema, input)
        return ActionResult(output=await self._execute(definition, checked))

    async def run_idempotent(self, action: str, input: Mapping[str, Any], key: str) -> ActionResult:
        """``run_action``, once per ``key``: a retry with the same key and arguments returns the first result."""
        definition = _find(action)
        self._refuse_write(definition)
        from faktoora_mcp.backends.sandbox.actions.schemas import check

        checked = check(definition.key, definition.input_schema, input)
        return ActionResult(output=await self._execute(definition, checked, key=key))

    async def rehearse(self, action: str, input: Mapping[str, Any]) -> Rehearsal:
        """The write with every rule, in a transaction that is rolled back: a dry run checks what the call would,
        and shows what it would have answered (the invoice with its number and totals, say)."""
        definition = _find(action)
        self._refuse_write(definition)
        from faktoora_mcp.backends.sandbox.actions.schemas import check

        checked = check(definition.key, definition.input_schema, input)
        preview = None
        if not definition.read_only:
            preview = await self._execute(definition, checked, rehearse=True)
        return Rehearsal(
            "the sandbox's own rules, by running the write in a transaction that was rolled back",
            preview if isinstance(preview, dict) else None,
        )

    async def run_batch(self, action: str, inputs: Sequence[Mapping[str, Any]], *, field: str) -> list[Any]:
        """Run one write action on several inputs in a single transaction: all of them happen, or none.

        Violations are reported as ``field[i].path``, e.g. ``invoices[1].lines[0].unitCode``.
        """
        definition = _find(action)
        self._refuse_write(definition)
        from faktoora_mcp.backends.sandbox.actions.schemas import check

        checked = [
            _prefixed(field, i, lambda i=i, item=item: check(definition.key, definition.input_schema, item))
            for i, item in enumerate(inputs)
        ]
        await self._ready()

        def run_all(conn: Any) -> list[Any]:
            return [
                _prefixed(field, i, partial(self._in_context, definition, item, conn)) for i, item in enumerate(checked)
            ]

        return await anyio.to_thread.run_sync(self._store.write, run_all)

    async def search_actions(self, intent: str, *, limit: int = 10) -> Sequence[ActionInfo]:
        from faktoora_mcp.ranking import rank

        return rank(intent, await self.list_actions(), limit)

    async def list_actions(self) -> list[ActionInfo]:
        """Every action, in catalogue order (the 20 first)."""
        from faktoora_mcp.backends.sandbox.actions.discovery import action_info
        from faktoora_mcp.backends.sandbox.actions.registry import all_actions

        return [action_info(a) for a in all_actions().values()]

    async def describe_action(self, action: str) -> ActionInfo:
        from faktoora_mcp.backends.sandbox.actions.discovery import action_info

        return action_info(_find(action))

    async def request(self, request: ApiRequest) -> ApiResponse:
        from faktoora_mcp.backends.sandbox.rest.routes import serve

        return await serve(self, request)

    async def status(self) -> BackendStatus:
        try:
            counts = await self._read(_counts)
        except FaktooraError as exc:
            return BackendStatus(backend=self.name, ready=False, detail=exc.message, extra={"path": self.path})
        detail = f"offline sandbox at {self.path} — demo data, not your Faktoora account"
        if self.read_only:
            detail += " (read-only)"
        return BackendStatus(backend=self.name, ready=True, detail=detail, extra={"path": self.path, "counts": counts})

    async def warm(self) -> None:
        """Do now what the first call would: open (and seed) the file, import the rules and schemas, and make the
        ranking ready for the first search. The server runs this after the first tools/list, while the host is
        still thinking, so the first call costs what later ones do."""
        from faktoora_mcp import ranking

        action, input = WARM_UP_ACTION
        await self.run_action(action, input)
        # search-actions' first search: the ranking's data, the catalogue's index, rapidfuzz (~20 ms together)
        await anyio.to_thread.run_sync(ranking.warm, await self.list_actions())

    async def aclose(self) -> None:
        await anyio.to_thread.run_sync(self._store.close)

    async def _execute(
        self, definition: ActionDef, checked: dict[str, Any], *, rehearse: bool = False, key: str | None = None
    ) -> Any:
        from faktoora_mcp.backends.sandbox.rules.validation import stateless_rules

        found = stateless_rules(checked)  # checked before the write lock: no store waits on slow input
        if found:
            raise InvalidArguments(found, tool=definition.key)
        await self._ready()
        run = partial(self._in_context, definition, checked)
        if key is not None and not definition.read_only:
            run = partial(_keyed, key, definition.key, checked, run)
        transaction = self._store.read if definition.read_only else self._store.write
        try:
            return await anyio.to_thread.run_sync(self._store.rehearse if rehearse else transaction, run)
        except InvalidArguments as exc:
            if exc.tool is None:  # handlers raise without the action name; the message should carry it
                raise InvalidArguments(exc.violations, tool=definition.key) from None
            raise
        except (OverflowError, ArithmeticError) as exc:  # bounds keep these out; a stored legacy value may not
            raise InvalidArguments.single("", f"a number is out of the range the sandbox stores ({exc})") from None

    def _in_context(self, definition: ActionDef, checked: dict[str, Any], conn: Any) -> Any:
        from faktoora_mcp.backends.sandbox.store.context import Context

        today = self._today or date.today()
        context = Context(conn, today, utc_now(), self.allow_private_webhook_targets, self.import_quota_bytes)
        return definition.handler(context, checked)

    def _refuse_write(self, definition: ActionDef) -> None:
        if self.read_only and not definition.read_only:
            raise PolicyRefused(
                f"{definition.key} changes data, and the sandbox was started read-only; nothing was changed. "
                "Restart without --read-only to allow writes."
            )

    async def _ready(self) -> None:
        if self._store.is_open:
            return
        if self._open_lock is None:
            self._open_lock = anyio.Lock()
        async with self._open_lock:
            if not self._store.is_open:
                await anyio.to_thread.run_sync(self._store.open)

    async def _read(self, operation: Any) -> Any:
        await self._ready()
        return await anyio.to_thread.run_sync(self._store.read, operation)


def _find(action: str) -> ActionDef:
    from faktoora_mcp.backends.sandbox.actions.registry import find

    return find(action)


def _keyed(key: str, action: str, checked: dict[str, Any], run: Any, conn: Any) -> Any:
    from faktoora_mcp.backends.sandbox.store.idempotency import run_once

    return run_once(conn, key, action, checked, run, utc_now())


def _prefixed(field: str, index: int, call: Any) -> Any:
    try:
        return call()
    except InvalidArguments as exc:
        violations = [
            Violation(f"{field}[{index}]" + (f".{v.path}" if v.path else ""), v.message) for v in exc.violations
        ]
        raise InvalidArguments(violations, tool=exc.tool) from None


def _counts(conn: Any) -> dict[str, int]:
    return {
        name: int(conn.execute(f"SELECT COUNT(*) FROM {source}").fetchone()[0])  # noqa: S608 - names from code
        for name, source in COUNTED_TABLES.items()
    }
