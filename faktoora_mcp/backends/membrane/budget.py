"""One time budget per tool call: every CLI command the call runs (set-up, listing, the action, retries) shares
``--membrane-timeout``, so a hung read answers after the timeout, not after a multiple of it."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar, Token

_deadline: ContextVar[float | None] = ContextVar("membrane_deadline", default=None)
"""When the tool call being served must have its answer (``clock()`` time)."""


def remaining(clock: Callable[[], float], *, default: float) -> float:
    """Seconds left of the current call's budget; ``default`` outside any call."""
    deadline = _deadline.get()
    return default if deadline is None else deadline - clock()


class Budget:
    """Sets the call's deadline unless an outer call already did (a nested call shares the outer budget)."""

    def __init__(self, deadline: float) -> None:
        self._deadline = deadline
        self._token: Token[float | None] | None = None

    def __enter__(self) -> None:
        if _deadline.get() is None:
            self._token = _deadline.set(self._deadline)

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _deadline.reset(self._token)
