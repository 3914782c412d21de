"""The safety policy: each read-only layer on its own, toolset and tool filters, confirm, dryRun."""

from __future__ import annotations

import pytest

from faktoora_mcp.app import build_app
from faktoora_mcp.backends.base import HandlerBackend
from faktoora_mcp.config import Config
from faktoora_mcp.errors import ConfigError, PolicyRefused
from faktoora_mcp.policy import Policy
from faktoora_mcp.tools import Dispatcher, catalog_tool
from tests.conftest import CUSTOMER
from tests.test_server import text_of

NEW_CUSTOMER = {"isCompany": True, "name": "Neu GmbH", "address": "Hauptstr. 1", "postcode": "10115", "city": "Berlin"}
DELETED = {"succeed": True}


def recording(read_only: bool = False) -> HandlerBackend:
    answers = {"create-customer": CUSTOMER, "delete-customer": DELETED, "get-customer": CUSTOMER}
    return HandlerBackend(lambda action, args: answers[action], read_only=read_only, name="recording")


async def test_read_only_hides_every_write_tool_from_tools_list(make_app, client_for):
    app = make_app(recording(), read_only=True)
    async with client_for(app) as client:
        names = {t.name for t in (await client.list_tools()).tools}
    assert "list-customers" in names and "search-actions" in names
    assert not names & {"create-customer", "update-product", "delete-invoice", "create-webhook"}
    assert {"run-action", "api-request"} <= names  # they read or write by their arguments: the reads stay possible


def test_the_listing_alone_keeps_tools_that_can_read_and_drops_pure_writes(catalog):
    from faktoora_mcp.discovery import discovery_tools

    backend = recording()
    tools = [catalog_tool(catalog.get(key), backend) for key in ("get-customer", "create-customer")]
    dispatcher = Dispatcher(tools + discovery_tools(backend), Policy(read_only=True))
    listed = [t.name for t in dispatcher.listed()]
    assert listed == ["get-customer", "search-actions", "describe-action", "run-action", "api-request"]


async def test_read_only_mode_runs_reads_through_run_action_and_api_request_and_refuses_their_writes(
    make_app, client_for, tmp_path
):
    from faktoora_mcp.backends.sandbox import SandboxBackend

    app = make_app(SandboxBackend(tmp_path / "ro.sqlite3", read_only=True), read_only=True)
    async with client_for(app) as client:
        projects = await client.call_tool("run-action", {"action": "list-projects", "input": {"perPage": 2}})
        customers = await client.call_tool(
            "api-request", {"method": "GET", "path": "/customers", "query": {"perPage": "2"}}
        )
        head = await client.call_tool("api-request", {"method": "HEAD", "path": "/customers"})
        create = await client.call_tool("run-action", {"action": "create-project", "input": {"name": "X"}})
        post = await client.call_tool("api-request", {"method": "POST", "path": "/project", "body": {"name": "X"}})
    assert projects.is_error is False and projects.structured_content["action"] == "list-projects"
    assert customers.is_error is False and len(customers.structured_content["body"]["data"]) == 2
    assert head.is_error is False and head.structured_content["status"] == 200
    assert head.structured_content["body"] is None
    assert create.is_error and "create-project changes data and this server was started read-only" in text_of(create)
    assert post.is_error and "POST /project changes data and this server was started read-only" in text_of(post)


async def test_the_backend_alone_refuses_a_write_request_when_built_read_only():
    from faktoora_mcp.backends.base import ApiRequest

    backend = HandlerBackend(lambda action, args: {}, read_only=True)
    with pytest.raises(PolicyRefused, match="read-only"):
        await backend.request(ApiRequest("POST", "/customer", body={"name": "x"}))
    assert (await backend.request(ApiRequest("HEAD", "/customers"))).status == 200


async def test_the_dispatcher_refuses_a_write_even_when_the_tool_is_registered(catalog):
    backend = recording()  # the backend itself would allow it
    dispatcher = Dispatcher([catalog_tool(catalog.get("create-customer"), backend)], Policy(read_only=True))
    with pytest.raises(PolicyRefused, match="started read-only"):
        await dispatcher.call("create-customer", NEW_CUSTOMER)
    assert backend.calls == []


async def test_the_backend_refuses_a_write_even_when_the_server_allows_it(make_app, client_for):
    backend = recording(read_only=True)
    async with client_for(make_app(backend)) as client:  # the server's policy is not read-only
        result = await client.call_tool("create-customer", NEW_CUSTOMER)
    assert result.is_error and "read-only" in text_of(result)
    assert backend.calls == []


async def test_a_write_called_in_read_only_mode_is_refused_with_how_to_enable_it(make_app, client_for):
    async with client_for(make_app(recording(), read_only=True)) as client:
        result = await client.call_tool("create-customer", NEW_CUSTOMER)
    assert result.is_error and "--read-only" in text_of(result)


async def test_toolsets_limit_what_is_listed_and_callable(make_app, client_for):
    app = make_app(recording(), toolsets="customers")
    async with client_for(app) as client:
        names = [t.name for t in (await client.list_tools()).tools]
        refused = await client.call_tool("list-products", {})
    assert names == ["create-customer", "delete-customer", "get-customer", "list-customers", "update-customer"]
    assert refused.is_error and "toolset 'products', which is not enabled" in text_of(refused)


async def test_tools_limit_what_is_listed_and_callable(make_app, client_for):
    app = make_app(recording(), tools="get-customer,search-actions")
    async with client_for(app) as client:
        names = [t.name for t in (await client.list_tools()).tools]
        refused = await client.call_tool("list-customers", {})
    assert names == ["get-customer", "search-actions"]
    assert refused.is_error and "not enabled" in text_of(refused)


@pytest.mark.parametrize(
    ("setting", "fragment"),
    [
        ({"toolsets": "invoices,billing"}, "unknown toolset(s) billing; valid: invoices, numbering, customers"),
        (
            {"tools": "get-customer,send-invoice"},
            "unknown tool(s) send-invoice; valid: correct-outgoing-invoice, create-outgoing-invoice, delete-invoice",
        ),
    ],
)
def test_unknown_filter_names_fail_start_up_listing_the_valid_ones(catalog, setting, fragment):
    with pytest.raises(ConfigError) as caught:
        build_app(Config(backend="sandbox", **setting), backend=recording(), catalog=catalog)
    assert fragment in caught.value.message


async def test_a_delete_without_confirm_is_refused_and_says_what_it_would_delete(make_app, client_for):
    backend = recording()
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool("delete-customer", {"id": CUSTOMER["id"]})
    assert result.is_error
    assert f"would permanently delete the customer with id {CUSTOMER['id']}" in text_of(result)
    assert "confirm: true" in text_of(result)
    assert backend.calls == []


async def test_a_confirmed_delete_runs_without_passing_confirm_on(make_app, client_for):
    backend = recording()
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool("delete-customer", {"id": CUSTOMER["id"], "confirm": True})
    assert result.structured_content == DELETED
    assert backend.calls == [("delete-customer", {"id": CUSTOMER["id"]})]


async def test_delete_tools_advertise_confirm_and_writes_advertise_dry_run(make_app, client_for):
    async with client_for(make_app(recording())) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    assert "confirm" in tools["delete-invoice"].input_schema["properties"]
    assert "dryRun" in tools["update-product"].input_schema["properties"]
    assert "confirm" not in tools["create-product"].input_schema["properties"]
    assert "dryRun" not in tools["list-products"].input_schema["properties"]


async def test_a_dry_run_validates_reports_the_operation_and_runs_nothing(make_app, client_for):
    backend = recording()
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool("create-customer", {**NEW_CUSTOMER, "dryRun": True})
        invalid = await client.call_tool("create-customer", {**NEW_CUSTOMER, "postcode": True, "dryRun": True})
    assert result.is_error is False
    assert result.structured_content == {
        "dryRun": True,
        "operation": {"backend": "recording", "connection": None, "action": "create-customer", "input": NEW_CUSTOMER},
        "checked": "the input schema only: this backend cannot try a write without making it",
    }
    assert invalid.is_error and "postcode: True is not of type 'string'" in text_of(invalid)
    assert backend.calls == []


async def test_a_dry_run_of_a_delete_needs_no_confirm(make_app, client_for):
    backend = recording()
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool("delete-customer", {"id": CUSTOMER["id"], "dryRun": True})
    assert result.structured_content["operation"]["action"] == "delete-customer"
    assert backend.calls == []


def test_instructions_reflect_read_only_and_the_enabled_toolsets(catalog):
    app = build_app(
        Config(backend="sandbox", read_only=True, toolsets="invoices,discovery"), backend=recording(), catalog=catalog
    )
    assert "READ-ONLY" in app.server.instructions
    assert "run-action runs read actions only" in app.server.instructions
    assert "api-request sends GET and HEAD only" in app.server.instructions
    assert "run-action runs them" not in app.server.instructions
    assert "Enabled toolsets: invoices, discovery" in app.server.instructions
    assert "search-actions" in app.server.instructions


async def test_the_default_toolsets_cover_the_invoicing_jobs_and_the_rest_is_one_flag_away(make_app, client_for):
    async with client_for(make_app(recording(), toolsets=None)) as client:
        default = {t.name for t in (await client.list_tools()).tools}
    async with client_for(make_app(recording(), toolsets="default,products")) as client:
        with_products = {t.name for t in (await client.list_tools()).tools}
    jobs = {"create-outgoing-invoice", "correct-outgoing-invoice", "list-outgoing-invoices", "create-customer"}
    assert jobs | {"import-incoming-invoice", "get-outgoing-invoice-status", "search-actions"} <= default
    assert not default & {"list-products", "api-request", "create-webhook", "get-next-invoice-number"}
    assert with_products - default == {
        "list-products",
        "get-product",
        "create-product",
        "update-product",
        "delete-product",
    }
