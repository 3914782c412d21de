"""Notices: what the agent's user should hear about while a request runs (a retry, a cut answer, a dry run).

Backends and the dispatcher call ``await notify(level, message)`` without knowing about MCP; ``server.py``
installs a sink for the duration of each request that turns a notice into ``notifications/message``.
Outside a request (the ``call`` command, tests without a sink) a notice only reaches the stderr log.
Never pass a secret, a token or raw backend output: a notice is shown to people.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

logger = logging.getLogger(__name__)

Level = Literal["debug", "info", "notice", "warning", "error"]
"""The RFC 5424 levels MCP logging uses that a notice may carry (the alarm levels are not ours to raise)."""

Sink = Callable[[Level, str], Awaitable[None]]

_sink: ContextVar[Sink | None] = ContextVar("faktoora_mcp_notice_sink", default=None)


async def notify(level: Level, message: str) -> None:
    """Tell the user of the current request; a sink that fails never fails the request."""
    logger.info("notice (%s): %s", level, message)
    sink = _sink.get()
    if sink is None:
        return
    try:
        await sink(level, message)
    except Exception:  # a closed stream or a gone client must not turn a good answer into an error
        logger.debug("notice not delivered", exc_info=True)


@contextmanager
def notices_to(sink: Sink) -> Iterator[None]:
    """Send the notices of the code run inside this block (and the tasks it starts) to ``sink``."""
    token = _sink.set(sink)
    try:
        yield
    finally:
        _sink.reset(token)


Progress = Callable[[float, float | None, str | None], Awaitable[None]]
"""``progress(done, total, message)``: the client's progress token's sink for the current request."""

_progress: ContextVar[Progress | None] = ContextVar("faktoora_mcp_progress", default=None)


async def progress(done: float, total: float | None, message: str | None = None) -> None:
    """Report progress of long work (polling a generation, collecting pages) to the current request, if it asked."""
    sink = _progress.get()
    if sink is None:
        return
    try:
        await sink(done, total, message)
    except Exception:  # progress is a courtesy: a gone client must not fail the call
        logger.debug("progress not delivered", exc_info=True)


@contextmanager
def progress_to(sink: Progress) -> Iterator[None]:
    """Send the progress of the code run inside this block to ``sink``."""
    token = _progress.set(sink)
    try:
        yield
    finally:
        _progress.reset(token)
