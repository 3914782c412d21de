"""One action as the sandbox runs it: its key and id, schemas, handler and read/delete facts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from faktoora_mcp.backends.sandbox.store.context import Context

Handler = Callable[[Context, Mapping[str, Any]], Any]
ID_PREFIX = "sbx_"
"""Action ids are the key with this prefix, so that ids and keys can never be confused."""


@dataclass(frozen=True, slots=True)
class ActionDef:
    key: str
    name: str
    description: str
    handler: Handler
    input_schema: Mapping[str, Any]
    output_schema: Mapping[str, Any] | None = None
    read_only: bool = False
    destructive: bool = False
    sandbox_only: str | None = None
    """What a live account does instead, for an action Faktoora's API does not have (reference §4)."""

    @property
    def id(self) -> str:
        return ID_PREFIX + self.key


def key_of(action: str) -> str:
    return action.removeprefix(ID_PREFIX)
