"""Notices reach the agent's user as notifications/message: a dry run, a cut answer, a Membrane retry."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from mcp import Client, MCPDeprecationWarning

from faktoora_mcp import notices
from tests.conftest import CUSTOMER, scripted
from tests.fixtures.membrane_runner import ScriptedCli, backend_for, fail, ok

DRY_PRODUCT = {"name": "Beratung", "unit": "C62", "tax": 19, "dryRun": True}


class Heard(list[tuple[str, Any]]):
    """Every notifications/message the client received, as (level, data)."""


def client(app: Any, mode: str, heard: Heard, log_level: str | None = "debug") -> Client:
    async def hear(params: Any) -> None:
        heard.append((params.level, params.data))

    # On 2026-07-28 connections log delivery is a per-request opt-in the client stamps on its requests.
    return Client(app.server, mode=mode, logging_callback=hear, log_level=log_level)


async def set_level(session: Client, level: str) -> None:
    with warnings.catch_warnings():  # the client warns that 2026-07-28 drops logging/setLevel
        warnings.simplefilter("ignore", MCPDeprecationWarning)
        await session.set_logging_level(level)


async def test_a_notice_without_a_listener_goes_nowhere_and_a_broken_listener_breaks_nothing():
    await notices.notify("info", "nobody listens")

    async def broken(level: str, message: str) -> None:
        raise ConnectionResetError

    with notices.notices_to(broken):
        await notices.notify("warning", "the client went away")  # no exception


async def test_a_dry_run_tells_the_user_nothing_was_changed(make_app, mode):
    heard = Heard()
    async with client(make_app(scripted({})), mode, heard) as session:
        result = await session.call_tool("create-product", DRY_PRODUCT)
    assert result.is_error is False and result.structured_content["dryRun"] is True
    assert heard == [("info", "create-product: dry run only; nothing was changed.")]


async def test_a_cut_text_mirror_is_announced(make_app, mode):
    many = {"data": [CUSTOMER] * 40, "meta": {"page": 1, "perPage": 40, "totalItems": 40, "totalPages": 1}}
    heard = Heard()
    async with client(make_app(scripted({"list-customers": many}), max_text_chars=1000), mode, heard) as session:
        await session.call_tool("list-customers", {})
    assert heard == [("notice", "list-customers: the answer's text was cut at 1,000 characters.")]


async def test_an_all_pages_list_stopped_by_the_cap_is_announced(make_app, mode):
    def page(arguments: dict) -> dict:
        meta = {"page": arguments.get("page", 1), "perPage": 5, "totalItems": 50, "totalPages": 10}
        return {"data": [CUSTOMER] * 5, "meta": meta}

    heard = Heard()
    async with client(make_app(scripted({"list-customers": page}), max_items=5), mode, heard) as session:
        result = await session.call_tool("list-customers", {"all": True, "perPage": 5})
    assert result.structured_content["truncated"] is True
    assert heard == [("notice", "list-customers: stopped at 5 items; the answer is incomplete.")]


async def test_logging_is_declared_and_set_level_filters_what_the_client_hears(make_app):
    heard = Heard()
    async with client(make_app(scripted({})), "legacy", heard) as session:
        assert session.server_capabilities.logging is not None
        await set_level(session, "warning")
        await session.call_tool("create-product", DRY_PRODUCT)
        assert heard == []  # the dry-run notice is info, below warning
        await set_level(session, "debug")
        await session.call_tool("create-product", DRY_PRODUCT)
    assert [level for level, _ in heard] == ["info"]


async def test_a_modern_client_that_did_not_opt_in_hears_nothing(make_app):
    heard = Heard()
    async with client(make_app(scripted({})), "auto", heard, log_level=None) as session:
        await session.call_tool("create-product", DRY_PRODUCT)
    assert heard == []


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_a_membrane_retry_is_announced_without_the_error_text(make_app, mode):
    cli = ScriptedCli()
    secret = "token=eyJhbGciOiJIUzI1NiJ9.c2VjcmV0"
    cli.answers["action run"] = [
        fail(1, stderr=f"Error: read ECONNRESET {secret}"),
        ok({"output": {"data": [], "meta": {"page": 1, "perPage": 10, "totalItems": 0, "totalPages": 0}}}),
    ]
    heard = Heard()
    async with client(make_app(backend_for(cli)), mode, heard) as session:
        result = await session.call_tool("list-webhooks", {})
    assert result.is_error is False
    assert [level for level, _ in heard] == ["warning"]
    assert "retry 1" in heard[0][1] and "list-webhooks" in heard[0][1] and "eyJ" not in heard[0][1]
