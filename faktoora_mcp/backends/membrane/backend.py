"""``MembraneBackend``: Faktoora through Membrane, over one ``Transport`` (the CLI or the REST API).

Construction does no I/O. The first call chooses the transport (``--membrane-transport``: REST when a token
can be had, else the CLI) and finds the Faktoora connection; both are kept for the life of the process.
Reads are retried on transient failures within the call's time budget (a Retry-After included); writes
never are. Catalog actions run with the input their live ``inputSchema`` takes, and their answers are read
into the manifest's shape (``answers/``): a successful run is never turned into an error. A create with an
idempotency key runs once per key (``ledger``): a retry gets the first answer, and is refused when the first
attempt's outcome is unknown.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import anyio

from faktoora_mcp import notices, overdue
from faktoora_mcp.availability import live_refusal
from faktoora_mcp.backends.base import (
    CONFORMS_OUTPUT,
    LIVE_ACCOUNT,
    LIVE_CATALOGUE,
    READ_METHODS,
    ActionInfo,
    ActionResult,
    ApiRequest,
    ApiResponse,
    BackendStatus,
    Rehearsal,
    is_read_only_key,
)
from faktoora_mcp.backends.membrane.answers.cache_file import catalogue_document, write_catalogue
from faktoora_mcp.backends.membrane.answers.conform import NOT_APPLIED, Conformer, as_text, compile_conformer
from faktoora_mcp.backends.membrane.answers.envelope import read_answer
from faktoora_mcp.backends.membrane.answers.inputs import live_input
from faktoora_mcp.backends.membrane.budget import Budget, remaining
from faktoora_mcp.backends.membrane.documented import ENDPOINTS
from faktoora_mcp.backends.membrane.failures import changed_nothing, excerpt, is_transient, with_list_hint
from faktoora_mcp.backends.membrane.ledger import Attempt, Ledger, default_ledger_path
from faktoora_mcp.backends.membrane.protocol import (
    INTENT_MAX_CHARS,
    MAX_LIST_LIMIT,
    WRITE_PREFIXES,
    Connection,
    action_infos,
    action_result,
    check_path,
    find_action,
)
from faktoora_mcp.backends.membrane.setup import (
    LIST_WHAT,
    MembraneAccess,
    TransportChoice,
    choose_connection,
    needs_cli,
    transports_for,
)
from faktoora_mcp.backends.membrane.single_flight import SingleFlightCache
from faktoora_mcp.backends.membrane.transport import Transport, argv
from faktoora_mcp.backends.membrane.transport.cli import INSTALL_ADVICE, CliTransport
from faktoora_mcp.backends.membrane.transport.process import Runner
from faktoora_mcp.errors import BackendTimeout, BackendUnavailable, FaktooraError, NotFound, PolicyRefused, UnknownTool

__all__ = ["INSTALL_ADVICE", "MembraneBackend"]

logger = logging.getLogger(__name__)
T = TypeVar("T")
OUTGOING_LIST = "list-outgoing-invoices"
"""Its statuses are read as of today (``faktoora_mcp.overdue``), like the sandbox's."""

RETRY_DELAYS = (0.2, 0.8)
"""Seconds before the second and third try of a read: rides out a rate-limit blip without stalling a turn."""

Sleep = Callable[[float], Awaitable[None]]


class MembraneBackend:
    """The live backend. ``runner`` replaces the subprocess layer (tests); ``sleep`` the retry back-off;
    ``transport`` picks how Membrane is reached and ``access`` where a REST token may come from."""

    name = "membrane"
    capabilities = frozenset({LIVE_ACCOUNT, LIVE_CATALOGUE, CONFORMS_OUTPUT})
    max_page_size: int | None = None

    def __init__(
        self,
        *,
        binary: str | None = None,
        connection_id: str | None = None,
        read_only: bool = False,
        timeout: float = 60.0,
        max_concurrency: int = 4,
        cache_ttl: float = 300.0,
        runner: Runner | None = None,
        env: Mapping[str, str] | None = None,
        sleep: Sleep = anyio.sleep,
        clock: Callable[[], float] = time.monotonic,
        shapes: Mapping[str, Mapping[str, Any]] | None = None,
        catalogue_cache: Path | None = None,
        transport: TransportChoice = "cli",
        access: MembraneAccess | None = None,
        documented: Sequence[ActionInfo] | Callable[[], Sequence[ActionInfo]] = (),
        today: Callable[[], date] = date.today,
        ledger: Ledger | None = None,
    ) -> None:
        """``shapes`` maps catalog action keys to their manifest output schemas: their answers are read into
        those shapes (lists into ``{data, meta}``). Other actions' outputs pass through unchanged.
        ``catalogue_cache`` is where the live catalogue is written each time it is listed (for the next start).
        ``documented`` describes the actions of ``documented.ENDPOINTS`` (from their manifests): offered by search
        and describe when the connector lacks them, and run through the REST proxy. ``ledger`` keeps idempotency
        keys (default: ``ledger.default_ledger_path()``, opened by the first keyed create)."""
        self._connection_option = connection_id
        self._read_only = read_only
        self._timeout = timeout
        self._sleep = sleep
        self._clock = clock
        self.cli = CliTransport(
            binary=binary, env=env, runner=runner, timeout=timeout, max_concurrency=max_concurrency, clock=clock
        )
        self._candidates = transports_for(
            transport, self.cli, access, timeout=timeout, max_concurrency=max_concurrency, clock=clock
        )
        self.needs_cli = needs_cli(self._candidates, self.cli)
        """Whether the CLI must be installed and logged in (``doctor`` checks it only then)."""
        self._setup: SingleFlightCache[Any] = SingleFlightCache(math.inf)
        self._actions: SingleFlightCache[tuple[ActionInfo, ...]] = SingleFlightCache(cache_ttl, clock=clock)
        self._shapes = dict(shapes or {})
        self._conformers: dict[str, Conformer] = {}
        self._catalogue_cache = catalogue_cache
        self._documented_source = documented
        self._today = today
        self._ledger = ledger
        self._closed = False

    # -- the Backend protocol ---------------------------------------------------------------------------

    async def run_action(self, action: str, input: Mapping[str, Any]) -> ActionResult:
        return await self._run(action, input)

    async def run_idempotent(self, action: str, input: Mapping[str, Any], key: str) -> ActionResult:
        """``run_action`` once per ``key``: a retry with the same key and arguments gets the first call's answer
        and sends nothing; one whose first attempt may have created the record is refused, saying where to look."""
        if self._read_only and action.startswith(WRITE_PREFIXES):
            raise _read_only_refusal(action)
        with self._budget():
            scope = (await self.connection()).id
        ledger = self._ledger = self._ledger or Ledger(default_ledger_path())
        claim = await anyio.to_thread.run_sync(ledger.claim, scope, action, key, dict(input))
        if claim.result is not None:
            await notices.notify("info", f"{action}: this idempotencyKey was answered before; that answer is returned.")
            return ActionResult(output=claim.result)
        attempt = Attempt(ledger, claim)
        try:
            result = await self._run(action, input, attempt)
        except BaseException as exc:
            with anyio.CancelScope(shield=True):
                await attempt.settle_failed(changed_nothing(exc))
            raise
        with anyio.CancelScope(shield=True):
            await attempt.settle(result.output)
        return result

    async def _run(self, action: str, input: Mapping[str, Any], attempt: Attempt | None = None) -> ActionResult:
        argv.positional(action, "action")
        if self._read_only and action.startswith(WRITE_PREFIXES):
            raise _read_only_refusal(action)
        with self._budget():
            conn = await self.connection()
            info = find_action(await self._all_actions(conn), action)
            if info is None and action in ENDPOINTS:
                return await self._run_endpoint(action, input, attempt)
            if info is None and (refusal := live_refusal(action)):
                raise PolicyRefused(refusal)
            read = info.read_only if info else is_read_only_key(action)
            if self._read_only and not read:
                raise _read_only_refusal(action)
            shape = self._shapes.get(action)
            wanted = input.get("status") if action == OUTGOING_LIST else None
            if wanted:
                input = overdue.widened(input, self._today())
            sent, not_applied = live_input(input, info.input_schema if info and shape else None, action)
            action_id = argv.positional(info.id if info else action, "action")
            transport = await self.transport()
            what = f"Action {action}"
            if attempt is not None and not read:
                attempt.sent = True
            try:
                payload = await self._with_retries(
                    lambda: transport.run(conn.id, action_id, sent, what=what, read=read), read=read, what=what
                )
            except NotFound as exc:
                raise with_list_hint(exc, action) from None
        result = action_result(payload)
        logger.debug("membrane action %s ran as %s (actionRunId %s)", action, action_id, result.run_id)
        if shape is None:
            return result
        output = self._read_answer(action, shape, result.output, sent, not_applied)
        if action == OUTGOING_LIST:
            output = self._as_of_today(output, wanted)
        return ActionResult(output=output, run_id=result.run_id)

    def _as_of_today(self, answer: dict[str, Any], wanted: Sequence[str] | None) -> dict[str, Any]:
        """Overdue derived from the due date, as the sandbox does; the amounts when the page holds every match."""
        page = answer.get("data") or []
        data = overdue.kept(page, wanted, self._today())
        meta = dict(answer.get("meta") or {})
        total, first = meta.get("totalItems"), meta.get("page") in (1, None)
        if first and not meta.get("nextCursor") and (total <= len(page) if isinstance(total, int) else True):
            meta["amounts"] = overdue.amounts(data)
        return answer | {"data": data, "meta": meta}

    async def _run_endpoint(self, action: str, input: Mapping[str, Any], attempt: Attempt | None) -> ActionResult:
        """A documented Faktoora call the connector lacks, through Membrane's proxy (``endpoints``)."""
        endpoint = ENDPOINTS[action]
        if self._read_only and not endpoint.read_only:
            raise _read_only_refusal(action)
        output = await endpoint.route(_BackendProxy(self, attempt), input)
        logger.debug("%s ran through the REST proxy", action)
        return ActionResult(output=output)

    def _read_answer(
        self, action: str, shape: Mapping[str, Any], output: Any, sent: Mapping[str, Any], not_applied: list[str]
    ) -> dict[str, Any]:
        """A catalog action's output in its manifest's shape, valid under the tolerant schema advertised."""
        conform = self._conformers.get(action) or self._conformers.setdefault(action, compile_conformer(shape))
        answer = conform(read_answer(output, shape, sent))
        upstream = answer.pop(NOT_APPLIED, None)  # a field of that name from Faktoora itself is kept, as text
        if upstream is not None or not_applied:
            answer[NOT_APPLIED] = [*_texts(upstream), *not_applied]
        return answer

    async def search_actions(self, intent: str, *, limit: int = 10) -> Sequence[ActionInfo]:
        with self._budget():
            return await self._search_actions(intent, limit)

    async def _search_actions(self, intent: str, limit: int) -> Sequence[ActionInfo]:
        conn = await self.connection()
        intent = " ".join(intent.split())[:INTENT_MAX_CHARS]
        limit = max(1, min(limit, MAX_LIST_LIMIT))
        if not intent:
            return (await self._all_actions(conn))[:limit]
        argv.flag("intent", intent)  # the same checks on either transport (no NUL, bounded)
        found = await self._actions.get(
            ("search", conn.id, intent, limit), lambda: self._list_actions(conn, intent=intent, limit=limit)
        )
        from faktoora_mcp.ranking import answers, rank

        if not answers(intent, found):  # nothing about what was asked, or nothing that does it ("stornieren")
            return rank(intent, await self._catalogue(conn), limit) or found[:limit]
        documented = rank(intent, self._missing_documented(found), limit)
        return [*found, *documented][:limit] if documented and len(found) < limit else found[:limit]

    async def describe_action(self, action: str) -> ActionInfo:
        with self._budget():
            info = find_action(await self._catalogue(await self.connection()), action)
        if info is None:
            refusal = live_refusal(action) or f"The Faktoora connection has no action {action!r}."
            raise UnknownTool(f"{refusal} Use search-actions to find one.")
        return info

    async def request(self, request: ApiRequest) -> ApiResponse:
        check_path(request.path)
        if self._read_only and request.method not in READ_METHODS:
            raise PolicyRefused(
                f"{request.method} {request.path} changes data and the server is read-only; "
                "nothing was sent. Only GET and HEAD requests are allowed."
            )
        with self._budget():
            conn = await self.connection()
            transport = await self.transport()
            what = f"{request.method} {request.path}"
            read = request.method in READ_METHODS
            return await self._with_retries(
                lambda: transport.request(conn.id, request, what=what), read=read, what=what
            )

    async def status(self) -> BackendStatus:
        try:
            conn = await self.connection()
            _, how = await self._choice()
        except FaktooraError as exc:
            return BackendStatus(self.name, ready=False, detail=exc.message, connection_id=self._connection_option)
        state = conn.state or "given with --connection-id"
        detail = f"{how}; Faktoora connection {conn.id} {conn.name} ({state})"
        return BackendStatus(self.name, ready=True, detail=" ".join(detail.split()), connection_id=conn.id)

    async def aclose(self) -> None:
        self._closed = True
        self._setup.clear()
        self._actions.clear()
        for transport in self._candidates:
            await transport.aclose()
        if self._ledger is not None:
            await anyio.to_thread.run_sync(self._ledger.close)

    # -- set-up, shared with doctor ---------------------------------------------------------------------

    def binary_path(self) -> str:
        """``binary`` as given, else ``membrane`` on PATH; ``BackendUnavailable`` saying how to install it."""
        return self.cli.binary_path()

    async def verify_cli(self) -> str:
        """The executable's path, once ``membrane --help`` has shown it to be the Membrane CLI."""
        return await self.cli.verify_cli()

    async def login_state(self) -> str:
        """``membrane status`` as text; ``BackendUnavailable`` when it says the CLI is not logged in."""
        return await self.cli.login_state()

    async def transport(self) -> Transport:
        """The transport calls go through, chosen once (see ``transport_choice``)."""
        return (await self._choice())[0]

    async def transport_choice(self) -> str:
        """Which transport is active and why, in words (``doctor`` prints it)."""
        return (await self._choice())[1]

    async def _choice(self) -> tuple[Transport, str]:
        return await self._setup.get("transport", self._choose)

    async def _choose(self) -> tuple[Transport, str]:
        """The first candidate that is ready; why earlier ones were passed over is part of the answer."""
        passed: list[str] = []
        for index, candidate in enumerate(self._candidates):
            try:
                how = await candidate.ready()
            except FaktooraError as exc:
                if index == len(self._candidates) - 1:
                    raise
                passed.append(f"{candidate.name}: {exc.message}")
                continue
            return candidate, how + (f" (not {'; '.join(passed)})" if passed else "")
        raise AssertionError("no transport candidates")  # pragma: no cover - transports_for gives at least one

    async def connection(self) -> Connection:
        """The connection calls go through: ``connection_id`` as given, else the Faktoora one (found once)."""
        if self._closed:
            raise BackendUnavailable("The Membrane backend was closed; start the server again.")
        if self._connection_option:
            argv.positional(self._connection_option, "connection_id")
        await self.transport()
        if self._connection_option:
            return Connection(id=self._connection_option)
        return await self._setup.get("connection", self.check_connection)

    async def check_connection(self) -> Connection:
        """List the connections now and pick the configured or Faktoora one; it must be usable."""
        transport = await self.transport()
        payload = await self._with_retries(transport.connections, read=True, what=LIST_WHAT)
        return choose_connection(payload, self._connection_option)

    async def live_actions(self) -> tuple[ActionInfo, ...]:
        """Every action of the Faktoora connection, as Membrane lists them now (cached)."""
        with self._budget():
            return await self._all_actions(await self.connection())

    async def _catalogue(self, conn: Connection) -> tuple[ActionInfo, ...]:
        """The connector's actions and the documented calls it lacks (run through the proxy)."""
        live = await self._all_actions(conn)
        return (*live, *self._missing_documented(live))

    def _missing_documented(self, live: Sequence[ActionInfo]) -> list[ActionInfo]:
        return [info for info in self._documented() if find_action(live, info.key) is None]

    def _documented(self) -> tuple[ActionInfo, ...]:
        """The descriptions of ``ENDPOINTS``, built on first use (a callable source may import what it needs)."""
        source = self._documented_source
        if callable(source):
            self._documented_source = source = tuple(source())
        return tuple(info for info in source if info.key in ENDPOINTS)

    async def _all_actions(self, conn: Connection) -> tuple[ActionInfo, ...]:
        async def load() -> tuple[ActionInfo, ...]:
            actions = await self._list_actions(conn, intent=None, limit=MAX_LIST_LIMIT)
            if self._catalogue_cache is not None and actions:
                await anyio.to_thread.run_sync(self._write_cache, conn.id, actions)
            return actions

        return await self._actions.get(("all", conn.id), load)

    def _write_cache(self, connection_id: str, actions: tuple[ActionInfo, ...]) -> None:
        try:
            write_catalogue(self._catalogue_cache, catalogue_document(connection_id, actions, ()))  # type: ignore[arg-type]
        except OSError as exc:  # the cache only speeds up the next start; the manifests are the fallback
            logger.warning("cannot write the live catalogue cache %s: %s", self._catalogue_cache, exc)

    async def _list_actions(self, conn: Connection, *, intent: str | None, limit: int) -> tuple[ActionInfo, ...]:
        what = "membrane action list"
        transport = await self.transport()
        payload = await self._with_retries(
            lambda: transport.actions(conn.id, intent=intent, limit=limit), read=True, what=what
        )
        return action_infos(payload, what)

    async def _with_retries(self, once: Callable[[], Awaitable[T]], *, read: bool, what: str) -> T:
        """Reads are tried again after a transient failure while the call's budget lasts (after the wait a
        Retry-After asked for, when longer); a read that timed out has used the budget up, so it is not retried
        into a multiple of the timeout. Writes are never tried twice."""
        delays = RETRY_DELAYS if read else ()
        for attempt, planned in enumerate((*delays, None)):
            try:
                return await once()
            except FaktooraError as exc:
                if planned is None or isinstance(exc, BackendTimeout) or not is_transient(exc):
                    raise
                delay = max(planned, _asked_wait(exc))
                if self._remaining() <= delay:
                    raise
                logger.info("%s failed (%s); retry %d in %.1f s", what, excerpt(exc.message, 120), attempt + 1, delay)
                await notices.notify("warning", f"{what} met a passing error; retry {attempt + 1} in {delay:g} s")
            await self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _budget(self) -> Budget:
        """One ``--membrane-timeout`` for everything a tool call runs (set-up, listing, the action, retries)."""
        return Budget(self._clock() + self._timeout)

    def _remaining(self) -> float:
        return remaining(self._clock, default=self._timeout)

    async def rehearse(self, action: str, input: Mapping[str, Any]) -> Rehearsal:
        """Membrane has no dry-run mode, so a dry run checks the advertised schema only (and says so)."""
        return Rehearsal("the input schema only: Membrane cannot try a write without making it")


class _BackendProxy:
    """What ``endpoints`` routes need, over this backend: the raw proxy, connector actions, the call's clock, and
    for a keyed create the ``attempt`` that learns when the write goes out and what Faktoora acknowledged."""

    def __init__(self, backend: MembraneBackend, attempt: Attempt | None = None) -> None:
        self._backend = backend
        self._attempt = attempt

    async def request(self, request: ApiRequest) -> ApiResponse:
        if self._attempt is not None and request.method not in READ_METHODS:
            self._attempt.sent = True
        return await self._backend.request(request)

    async def acknowledged(self, record: Mapping[str, Any]) -> None:
        if self._attempt is not None:
            await self._attempt.acknowledge(record)

    async def connector(self, action: str, input: Mapping[str, Any]) -> Any:
        return (await self._backend.run_action(action, input)).output

    async def sleep(self, seconds: float) -> None:
        if seconds > 0:
            await self._backend._sleep(seconds)

    def remaining(self) -> float:
        return self._backend._remaining()


def _asked_wait(exc: FaktooraError) -> float:
    wait = exc.details.get("retry_after") if isinstance(exc.details, Mapping) else None
    return float(wait) if isinstance(wait, int | float) and not isinstance(wait, bool) else 0.0


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    return [as_text(v) for v in value] if isinstance(value, list) else [as_text(value)]


def _read_only_refusal(action: str) -> PolicyRefused:
    return PolicyRefused(f"{action} changes data and the server is read-only; nothing was run.")
