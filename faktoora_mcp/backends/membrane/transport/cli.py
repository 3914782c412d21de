"""``CliTransport``: Membrane through its CLI, one child process per call (argv -> runner -> payload).

Set-up finds the executable, checks that it is ``@membranehq/cli`` and not the other program called
``membrane`` (reference §2), and keeps that for the life of the process. The CLI owns login; ``login_state``
asks it. A file part cannot travel in an argv element, so a multipart request is refused with the fix.
"""

from __future__ import annotations

import logging
import math
import re
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import anyio

from faktoora_mcp.backends.base import ApiRequest, ApiResponse
from faktoora_mcp.backends.membrane.budget import remaining
from faktoora_mcp.backends.membrane.failures import LOGIN_ADVICE, excerpt, not_started_error, timeout_error
from faktoora_mcp.backends.membrane.single_flight import SingleFlightCache
from faktoora_mcp.backends.membrane.transport import argv
from faktoora_mcp.backends.membrane.transport.printed import api_response, json_payload
from faktoora_mcp.backends.membrane.transport.process import CompletedRun, Runner, SubprocessRunner
from faktoora_mcp.errors import BackendUnavailable, InvalidArguments
from faktoora_mcp.redaction import redact, redact_async

logger = logging.getLogger(__name__)

PROBE_TIMEOUT = 20.0
"""``--help`` and ``status`` only start Node and print; 20 s still covers a cold ``npx`` start."""
INSTALL_ADVICE = "install it: npm install -g @membranehq/cli, then membrane login --tenant; or pass --membrane-bin"
LIST_CONNECTIONS = "membrane connection list"
LIST_ACTIONS = "membrane action list"
LOGGED_ARGV_CHARS = 500
"""A debug log line shows this much of a command: enough to tell calls apart, never a whole payload."""
FILES_NEED_REST = (
    "cannot be sent by the Membrane CLI transport (a file cannot travel in a command line); "
    "use the REST transport: --membrane-transport rest, with MEMBRANE_TOKEN set or `membrane login` done"
)
_MEMBRANE_HELP = (re.compile(r"\baction\b", re.I), re.compile(r"\bconnection\b", re.I))


class CliTransport:
    """Runs ``membrane …`` per call. ``runner`` replaces the subprocess layer (tests)."""

    name = "cli"

    def __init__(
        self,
        *,
        binary: str | None = None,
        env: Mapping[str, str] | None = None,
        runner: Runner | None = None,
        timeout: float = 60.0,
        max_concurrency: int = 4,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._binary_option = binary
        self._env = dict(env) if env is not None else None
        self._runner: Runner = runner or SubprocessRunner(self._env)
        self._timeout = timeout
        self._clock = clock
        self._limiter = anyio.CapacityLimiter(max_concurrency)
        self._verified: SingleFlightCache[str] = SingleFlightCache(math.inf)

    # -- the Transport protocol -------------------------------------------------------------------------

    async def ready(self) -> str:
        return f"Membrane CLI {await self.verify_cli()}"

    async def connections(self) -> Any:
        return await self._json(argv.connection_list_args(), what=LIST_CONNECTIONS, read=True, connection_id=None)

    async def actions(self, connection_id: str, *, intent: str | None, limit: int) -> Any:
        args = argv.action_list_args(connection_id, intent=intent, limit=limit)
        return await self._json(args, what=LIST_ACTIONS, read=True, connection_id=connection_id)

    async def run(self, connection_id: str, action_id: str, input: Mapping[str, Any], *, what: str, read: bool) -> Any:
        args = argv.action_run_args(action_id, connection_id, input)
        return await self._json(args, what=what, read=read, connection_id=connection_id)

    async def request(self, connection_id: str, request: ApiRequest, *, what: str) -> ApiResponse:
        if request.files:
            raise InvalidArguments.single("files", FILES_NEED_REST)
        head = request.method == "HEAD"  # the CLI documents GET/POST/PUT/PATCH/DELETE: a HEAD is a GET unread
        args = argv.request_args(connection_id, replace(request, method="GET") if head else request)
        read = request.method in ("GET", "HEAD")
        response = api_response(await self._run(args, what=what, read=read), what, connection_id)
        return replace(response, body=None) if head else response

    async def aclose(self) -> None:
        self._verified.clear()
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
        return await self._verified.get("cli", self._verify_cli)

    async def login_state(self) -> str:
        """``membrane status`` as text; ``BackendUnavailable`` when it says the CLI is not logged in."""
        run = await self._probe(argv.status_args(), "membrane status")
        text = _plain(run.stdout + "\n" + run.stderr)
        if run.returncode != 0 or "not logged in" in text.lower() or "logged in" not in text.lower():
            raise BackendUnavailable(LOGIN_ADVICE)
        return excerpt(text, 200)

    async def token(self) -> str:
        """What ``membrane token --json`` printed: a bearer token minted from the CLI's login, for the REST
        transport (``tokens.CliToken`` reads it). Never logged, never quoted in a message."""
        run = await self._probe(["token", "--json"], "membrane token", quiet=True)
        if run.returncode != 0:
            raise BackendUnavailable(f"`membrane token` failed (exit {run.returncode}). {LOGIN_ADVICE}")
        return run.stdout

    async def _verify_cli(self) -> str:
        path = self.binary_path()
        run = await self._probe(argv.help_args(), f"{path} --help")
        text = run.stdout + "\n" + run.stderr
        if not all(word.search(text) for word in _MEMBRANE_HELP):
            raise BackendUnavailable(
                f"{path} is not the Membrane CLI: its --help mentions no 'action' and 'connection' commands "
                f"(another program is also called membrane); {INSTALL_ADVICE}."
            )
        return path

    # -- running commands --------------------------------------------------------------------------------

    async def _json(self, args: list[str], *, what: str, read: bool, connection_id: str | None) -> Any:
        return json_payload(await self._run(args, what=what, read=read), what, connection_id)

    async def _probe(self, args: list[str], what: str, *, quiet: bool = False) -> CompletedRun:
        limit = min(self._timeout, PROBE_TIMEOUT)
        return await self._run(args, what=what, read=True, time_limit=limit, quiet=quiet)

    async def _run(
        self, args: list[str], *, what: str, read: bool, time_limit: float | None = None, quiet: bool = False
    ) -> CompletedRun:
        binary = self.binary_path()
        command = [binary, *args]
        async with self._limiter:
            timeout = min(time_limit or self._timeout, remaining(self._clock, default=self._timeout))
            if timeout <= 0:
                raise timeout_error(what, self._timeout, read=read)
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug("running %s", redact(" ".join(command)[:LOGGED_ARGV_CHARS]))
            try:
                run = await self._runner(command, timeout)
            except TimeoutError:
                raise timeout_error(what, self._timeout if time_limit is None else timeout, read=read) from None
            except OSError as exc:
                raise not_started_error(binary, exc) from None
        logger.debug("%s exited %d", what, run.returncode)
        if quiet:  # what `membrane token` printed is the secret itself: never redacted into a message, dropped
            return run if run.returncode == 0 else CompletedRun(run.returncode, "", "")
        if run.returncode != 0:  # what a failure printed may quote credentials: redact before anyone reads it
            run = CompletedRun(run.returncode, await redact_async(run.stdout), await redact_async(run.stderr))
        return run


def _plain(text: str) -> str:
    """Text without terminal colour codes (``membrane status`` prints a green "Logged in")."""
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)
