"""Backends: what actually serves Faktoora actions (the Membrane CLI, or the offline sandbox)."""

from faktoora_mcp.backends.base import (
    ActionInfo,
    ActionResult,
    ApiRequest,
    ApiResponse,
    Backend,
    BackendStatus,
    HandlerBackend,
)

__all__ = ["ActionInfo", "ActionResult", "ApiRequest", "ApiResponse", "Backend", "BackendStatus", "HandlerBackend"]
