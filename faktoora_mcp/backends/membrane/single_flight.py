"""A time-to-live cache whose concurrent misses for one key share a single load (single-flight)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import anyio

T = TypeVar("T")


@dataclass(slots=True)
class _Flight(Generic[T]):
    done: anyio.Event = field(default_factory=anyio.Event)
    value: T | None = None
    error: Exception | None = None
    finished: bool = False


class SingleFlightCache(Generic[T]):
    """``await cache.get(key, load)``: a fresh value, the result of a load already running, or a new load.

    Failed loads are not cached; every caller waiting on one gets its error. A load cancelled with its caller
    is started again by the next waiter.
    """

    def __init__(self, ttl: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._values: dict[Hashable, tuple[float, T]] = {}
        self._flights: dict[Hashable, _Flight[T]] = {}

    async def get(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        while True:
            hit = self._values.get(key)
            if hit and self._clock() < hit[0]:
                return hit[1]
            flight = self._flights.get(key)
            if flight is None:
                return await self._load(key, load)
            await flight.done.wait()
            if flight.error is not None:
                raise flight.error
            if flight.finished:
                return flight.value  # type: ignore[return-value]  # set together with finished

    async def _load(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        flight: _Flight[T] = _Flight()
        self._flights[key] = flight
        try:
            value = await load()
            flight.value, flight.finished = value, True
            self._values[key] = (self._clock() + self._ttl, value)
            return value
        except Exception as exc:
            flight.error = exc
            raise
        finally:
            del self._flights[key]
            flight.done.set()

    def clear(self) -> None:
        self._values.clear()
