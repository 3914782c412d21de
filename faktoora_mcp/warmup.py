"""Warm the backend while the host is still thinking, so the first tool call costs what the later ones do.

The first call used to pay for opening the database, jsonschema and ~68 modules (138 ms against 7 ms for the
second, issue 26). Once the host has listed the tools (every protocol era does), the backend's optional
``warm()`` does that work: off the event loop where it touches the disk, and after the answer has gone out.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import anyio

logger = logging.getLogger(__name__)

ANSWER_FIRST = 0.05
"""Seconds between the tools/list answer and the warm-up, so the answer is written before the CPU is taken."""
UNLISTED_FALLBACK = 2.0
"""Seconds after start-up to warm anyway when no tools/list came (a client that calls straight away)."""


class WarmUp:
    """Calls ``warm`` once, after the first tools/list (or after ``UNLISTED_FALLBACK`` seconds)."""

    def __init__(self, warm: Callable[[], Awaitable[None]] | None) -> None:
        self._warm = warm
        self._listed = False
        self._event: anyio.Event | None = None

    def listed(self) -> None:
        """Told by the server when it has answered tools/list."""
        self._listed = True
        if self._event is not None:
            self._event.set()

    async def run(self) -> None:
        if self._warm is None:
            return
        self._event = anyio.Event()
        if self._listed:
            self._event.set()
        with anyio.move_on_after(UNLISTED_FALLBACK):
            await self._event.wait()
        await anyio.sleep(ANSWER_FIRST)
        try:
            await self._warm()
        except Exception as exc:
            logger.debug("warm-up skipped: %s", exc)
