"""``MembraneBackend``: Faktoora through the Membrane CLI (``membrane action run …``), one subprocess per call.

Construction does no I/O. The first call finds the executable, checks that it is ``@membranehq/cli`` and not
the other program called ``membrane`` (reference §2), and finds the Faktoora connection; all three are kept
for the life of the process. Reads are retried on transient failures within the call's time budget; writes
never are. Catalog actions run with the input their live ``inputSchema`` takes, and their answers are read
into the manifest's shape (``answers``, ``shapes``): a successful run is never turned into an error.
"""

from __future__ import annotations

import logging
import math
import re
import shutil
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import anyio

from faktoora_mcp import notices
from faktoora_mcp.backends.base import (
    READ_METHODS,
    ActionInfo,
    ActionResult,
    ApiRequest,
    ApiResponse,
    BackendStatus,
    is_read_only_key,
)
from faktoora_mcp.backends.membrane.answers.cache_file import catalogue_document, write_catalogue
from faktoora_mcp.backends.membrane.answers.conform import NOT_APPLIED, Conformer, as_text, compile_conformer
from faktoora_mcp.backends.membrane.answers.envelope import read_answer
from faktoora_mcp.backends.membrane.answers.inputs import live_input
from faktoora_mcp.backends.membrane.budget import Budget, remaining
from faktoora_mcp.backends.membrane.failures import (
    LOGIN_ADVICE,
    excerpt,
    is_transient,
    not_started_error,
    timeout_error,
    with_list_hint,
)
from faktoora_mcp.backends.membrane.protocol import (
    INTENT_MAX_CHARS,
    MAX_LIST_LIMIT,
    WRITE_PREFIXES,
    Connection,
    action_infos,
    check_path,
    find_action,
)
from faktoora_mcp.backends.membrane.setup import LIST_WHAT, choose_connection
from faktoora_mcp.backends.membrane.single_flight import SingleFlightCache
from faktoora_mcp.backends.membrane.transport import argv as commands
from faktoora_mcp.backends.membrane.transport.printed import action_result, api_response, json_payload
from faktoora_mcp.backends.membrane.transport.process import CompletedRun, Runner, SubprocessRunner
from faktoora_mcp.errors import (
    BackendTimeout,
    BackendUnavailable,
    FaktooraError,
    NotFound,
    PolicyRefused,
    UnknownTool,
)
from faktoora_mcp.redaction import redact, redact_async

logger = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_DELAYS = (0.2, 0.8)
"""Seconds before the second and third try of a read: rides out a rate-limit blip without stalling a turn."""
PROBE_TIMEOUT = 20.0
"""``--help`` and ``status`` only start Node and print; 20 s still covers a cold ``npx`` start."""
INSTALL_ADVICE = "install it: npm install -g @membranehq/cli, then membrane login --tenant; or pass --membrane-bin"
_MEMBRANE_HELP = (re.compile(r"\baction\b", re.I), re.compile(r"\bconnection\b", re.I))
LOGGED_ARGV_CHARS = 500
"""A debug log line shows this much of a command: enough to tell calls apart, never a whole payload."""

Sleep = Callable[[float], Awaitable[None]]


class MembraneBackend:
    """The live backend. ``runner`` replaces the subprocess layer (tests); ``sleep`` the retry back-off."""

    name = "membrane"

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
    ) -> None:
        """``shapes`` maps catalog action keys to their manifest output schemas: their answers are read into
        those shapes (lists into ``{data, meta}``). Other actions' outputs pass through unchanged.
        ``catalogue_cache`` is where the live catalogue is written each time it is listed (for the next start)."""
        self._binary_option = binary
        self._connection_option = connection_id
        self._read_only = read_only
        self._timeout = timeout
        self._env = dict(env) if env is not None else None
        self._runner: Runner = runner or SubprocessRunner(self._env)
        self._limiter = anyio.CapacityLimiter(max_concurrency)
        self._sleep = sleep
        self._clock = clock
        self._setup: SingleFlightCache[Any] = SingleFlightCache(math.inf)
        self._actions: SingleFlightCache[tuple[ActionInfo, ...]] = SingleFlightCache(cache_ttl, clock=clock)
        self._shapes = dict(shapes or {})
        self._conformers: dict[str, Conformer] = {}
        self._catalogue_cache = catalogue_cache
        self._closed = False

    # -- the Backend protocol ---------------------------------------------------------------------------

    async def run_action(self, action: str, input: Mapping[str, Any]) -> ActionResult:
        commands.positional(action, "action")
        if self._read_only and action.startswith(WRITE_PREFIXES):
            raise _read_only_refusal(action)
        with self._budget():
            conn = await self.connection()
            info = find_action(await self._all_actions(conn), action)
            read = info.read_only if info else is_read_only_key(action)
            if self._read_only and not read:
                raise _read_only_refusal(action)
            shape = self._shapes.get(action)
            sent, not_applied = live_input(input, info.input_schema if info and shape else None, action)
            args = commands.action_run_args(info.id if info else action, conn.id, sent)
            try:
                result = action_result(await self._json(args, what=f"Action {action}", read=read, conn=conn))
            except NotFound as exc:
                raise with_list_hint(exc, action) from None
        logger.debug("membrane action %s ran as %s (actionRunId %s)", action, args[2], result.run_id)
        if shape is None:
            return result
        output = self._read_answer(action, shape, result.output, sent, not_applied)
        return ActionResult(output=output, run_id=result.run_id)

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
        args = commands.action_list_args(conn.id, intent=intent, limit=limit)
        found = await self._actions.get(("search", conn.id, intent, limit), lambda: self._list_actions(args, conn))
        from faktoora_mcp.ranking import answers, rank

        if not answers(intent, found):  # nothing about what was asked, or nothing that does it ("stornieren")
            return rank(intent, await self._all_actions(conn), limit) or found[:limit]
        return found[:limit]

    async def describe_action(self, action: str) -> ActionInfo:
        with self._budget():
            info = find_action(await self._all_actions(await self.connection()), action)
        if info is None:
            raise UnknownTool(f"The Faktoora connection has no action {action!r}. Use search-actions to find one.")
        return info

    async def request(self, request: ApiRequest) -> ApiResponse:
        check_path(request.path)
        if self._read_only and request.method not in READ_METHODS:
            raise PolicyRefused(
                f"{request.method} {request.path} changes data and the server is read-only; "
                "nothing was sent. Only GET and HEAD requests are allowed."
            )
        head = request.method == "HEAD"  # the CLI documents GET/POST/PUT/PATCH/DELETE: a HEAD is a GET unread
        with self._budget():
            conn = await self.connection()
            args = commands.request_args(conn.id, replace(request, method="GET") if head else request)
            what = f"{request.method} {request.path}"
            read = request.method in READ_METHODS

            async def once() -> ApiResponse:
                response = api_response(await self._run(args, what=what, read=read), what, conn.id)
                return replace(response, body=None) if head else response

            return await self._with_retries(once, read=read, what=what)

    async def status(self) -> BackendStatus:
        try:
            conn = await self.connection()
        except FaktooraError as exc:
            return BackendStatus(self.name, ready=False, detail=exc.message, connection_id=self._connection_option)
        state = conn.state or "given with --connection-id"
        detail = f"Membrane CLI {self.binary_path()}; Faktoora connection {conn.id} {conn.name} ({state})"
        return BackendStatus(self.name, ready=True, detail=" ".join(detail.split()), connection_id=conn.id)

    async def aclose(self) -> None:
        self._closed = True
        self._setup.clear()
        self._actions.clear()
        close = getattr(self._runner, "close", None)
        if callable(close):
            close()

    # -- set-up, shared with doctor ---------------------------------------------------------------------

    def binary_path(self) -> str:
        """``binary`` as given, else ``membrane`` on PATH; ``BackendUnavailable`` saying how to install it."""
        if self._binary_option:
            return self._binary_option
        path = self._env.get("PATH") if self._env is not None else None
        found = shutil.which("membrane", path=path)
        if not found:
            raise BackendUnavailable(f"The Membrane CLI was not found on PATH; {INSTALL_ADVICE}.")
        return found

    async def verify_cli(self) -> str:
        """The executable's path, once ``membrane --help`` has shown it to be the Membrane CLI."""
        return await self._setup.get("cli", self._verify_cli)

    async def login_state(self) -> str:
        """``membrane status`` as text; ``BackendUnavailable`` when it says the CLI is not logged in."""
        run = await self._probe(commands.status_args(), "membrane status")
        text = _plain(run.stdout + "\n" + run.stderr)
        if run.returncode != 0 or "not logged in" in text.lower() or "logged in" not in text.lower():
            raise BackendUnavailable(LOGIN_ADVICE)
        return excerpt(text, 200)

    async def connection(self) -> Connection:
        """The connection calls go through: ``connection_id`` as given, else the Faktoora one (found once)."""
        if self._closed:
            raise BackendUnavailable("The Membrane backend was closed; start the server again.")
        if self._connection_option:
            commands.positional(self._connection_option, "connection_id")
        await self.verify_cli()
        if self._connection_option:
            return Connection(id=self._connection_option)
        return await self._setup.get("connection", self.check_connection)

    async def check_connection(self) -> Connection:
        """List the connections now and pick the configured or Faktoora one; it must be usable."""
        payload = await self._json(commands.connection_list_args(), what=LIST_WHAT, read=True, conn=None)
        return choose_connection(payload, self._connection_option)

    # -- running commands --------------------------------------------------------------------------------

    async def _verify_cli(self) -> str:
        path = self.binary_path()
        run = await self._probe(commands.help_args(), f"{path} --help")
        text = run.stdout + "\n" + run.stderr
        if not all(word.search(text) for word in _MEMBRANE_HELP):
            raise BackendUnavailable(
                f"{path} is not the Membrane CLI: its --help mentions no 'action' and 'connection' commands "
                f"(another program is also called membrane); {INSTALL_ADVICE}."
            )
        return path

    async def live_actions(self) -> tuple[ActionInfo, ...]:
        """Every action of the Faktoora connection, as ``membrane action list`` shows them now (cached)."""
        with self._budget():
            return await self._all_actions(await self.connection())

    async def _all_actions(self, conn: Connection) -> tuple[ActionInfo, ...]:
        args = commands.action_list_args(conn.id)

        async def load() -> tuple[ActionInfo, ...]:
            actions = await self._list_actions(args, conn)
            if self._catalogue_cache is not None and actions:
                await anyio.to_thread.run_sync(self._write_cache, conn.id, actions)
            return actions

        return await self._actions.get(("all", conn.id), load)

    def _write_cache(self, connection_id: str, actions: tuple[ActionInfo, ...]) -> None:
        try:
            write_catalogue(self._catalogue_cache, catalogue_document(connection_id, actions, ()))  # type: ignore[arg-type]
        except OSError as exc:  # the cache only speeds up the next start; the manifests are the fallback
            logger.warning("cannot write the live catalogue cache %s: %s", self._catalogue_cache, exc)

    async def _list_actions(self, args: list[str], conn: Connection) -> tuple[ActionInfo, ...]:
        what = "membrane action list"
        return action_infos(await self._json(args, what=what, read=True, conn=conn), what)

    async def _json(self, args: list[str], *, what: str, read: bool, conn: Connection | None) -> Any:
        connection_id = conn.id if conn else self._connection_option

        async def once() -> Any:
            return json_payload(await self._run(args, what=what, read=read), what, connection_id)

        return await self._with_retries(once, read=read, what=what)

    async def _with_retries(self, once: Callable[[], Awaitable[T]], *, read: bool, what: str) -> T:
        """Reads are tried again after a transient failure while the call's budget lasts; a read that timed
        out has used the budget up, so it is not retried into a multiple of the timeout."""
        delays = RETRY_DELAYS if read else ()
        for attempt, delay in enumerate((*delays, None)):
            try:
                return await once()
            except FaktooraError as exc:
                if delay is None or isinstance(exc, BackendTimeout) or not is_transient(exc):
                    raise
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

    async def _probe(self, args: list[str], what: str) -> CompletedRun:
        return await self._run(args, what=what, read=True, time_limit=min(self._timeout, PROBE_TIMEOUT))

    async def _run(self, args: list[str], *, what: str, read: bool, time_limit: float | None = None) -> CompletedRun:
        binary = self.binary_path()
        argv = [binary, *args]
        async with self._limiter:
            timeout = min(time_limit or self._timeout, self._remaining())
            if timeout <= 0:
                raise timeout_error(what, self._timeout, read=read)
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug("running %s", redact(" ".join(argv)[:LOGGED_ARGV_CHARS]))
            try:
                run = await self._runner(argv, timeout)
            except TimeoutError:
                raise timeout_error(what, self._timeout if time_limit is None else timeout, read=read) from None
            except OSError as exc:
                raise not_started_error(binary, exc) from None
        logger.debug("%s exited %d", what, run.returncode)
        if run.returncode != 0:  # what a failure printed may quote credentials: redact before anyone reads it
            run = CompletedRun(run.returncode, await redact_async(run.stdout), await redact_async(run.stderr))
        return run

    async def rehearse(self, action: str, input: Mapping[str, Any]) -> str:
        """Membrane has no dry-run mode, so a dry run checks the advertised schema only (and says so)."""
        return "the input schema only: Membrane cannot try a write without making it"


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    return [as_text(v) for v in value] if isinstance(value, list) else [as_text(value)]


def _read_only_refusal(action: str) -> PolicyRefused:
    return PolicyRefused(f"{action} changes data and the server is read-only; nothing was run.")


def _plain(text: str) -> str:
    """Text without terminal colour codes (``membrane status`` prints a green "Logged in")."""
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)
