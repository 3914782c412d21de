"""search-actions -> describe-action -> run-action, and api-request, on a scripted backend."""

from __future__ import annotations

import pytest

from faktoora_mcp.backends.base import ActionInfo, ApiResponse, HandlerBackend
from tests.test_server import text_of

NEXT_NUMBER = ActionInfo(
    id="act_1",
    key="get-next-invoice-number",
    name="Get next invoice number",
    description="Preview the next invoice number. Nothing is reserved.",
    input_schema={
        "type": "object",
        "properties": {"template": {"type": "string", "pattern": "id$"}},
        "additionalProperties": False,
    },
    read_only=True,
)
SEND = ActionInfo(
    id="act_2",
    key="send-outgoing-invoice",
    name="Send outgoing invoice",
    description="Sends an invoice by e-mail.",
    input_schema={"type": "object", "properties": {"faktooraId": {"type": "string"}}, "required": ["faktooraId"]},
)
DROP = ActionInfo(
    id="act_3",
    key="delete-webhook",
    name="Delete webhook",
    description="Deletes a webhook subscription.",
    input_schema={"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
    destructive=True,
)


def backend(read_only: bool = False) -> HandlerBackend:
    outputs = {
        "act_1": {"invoiceNumber": "2026/11/00043", "counter": 42},
        "act_2": {"status": "sent"},
        "act_3": {"succeed": True},
    }
    return HandlerBackend(
        lambda action, args: outputs.get(action, {"echo": dict(args)}),
        actions=[NEXT_NUMBER, SEND, DROP],
        read_only=read_only,
        name="discovering",
    )


async def test_search_describe_run_round_trip(make_app, client_for):
    app = make_app(backend())
    async with client_for(app) as client:
        found = (await client.call_tool("search-actions", {"intent": "next invoice number"})).structured_content
        described = (
            await client.call_tool("describe-action", {"action": found["actions"][0]["id"]})
        ).structured_content
        ran = (
            await client.call_tool("run-action", {"action": "get-next-invoice-number", "input": {}})
        ).structured_content
    assert found["actions"][0] == {
        "id": "act_1",
        "key": "get-next-invoice-number",
        "name": "Get next invoice number",
        "description": "Preview the next invoice number",
        "readOnly": True,
        "destructive": False,
        "requiredInputs": [],
    }
    assert described["inputSchema"]["properties"]["template"]["pattern"] == "id$"
    assert ran == {
        "action": "get-next-invoice-number",
        "output": {"invoiceNumber": "2026/11/00043", "counter": 42},
        "runId": None,
    }


async def test_run_action_validates_input_against_the_actions_own_schema_before_running(make_app, client_for):
    app = make_app(b := backend())
    async with client_for(app) as client:
        result = await client.call_tool("run-action", {"action": "send-outgoing-invoice", "input": {"id": "F1"}})
    assert result.is_error and "input.faktooraId: required field is missing" in text_of(result)
    assert b.calls == []


async def test_run_action_refuses_a_discovered_write_in_read_only_mode(make_app, client_for, catalog):
    from faktoora_mcp.discovery import discovery_tools
    from faktoora_mcp.policy import Policy
    from faktoora_mcp.tools import Dispatcher

    b = backend()  # the backend itself would allow it: the dispatcher alone refuses
    dispatcher = Dispatcher(discovery_tools(b), Policy(read_only=True))
    with pytest.raises(Exception, match="send-outgoing-invoice changes data and this server was started read-only"):
        await dispatcher.call("run-action", {"action": "send-outgoing-invoice", "input": {"faktooraId": "F1"}})
    assert b.calls == []
    answer = await dispatcher.call("run-action", {"action": "get-next-invoice-number"})
    assert answer["output"] == {"invoiceNumber": "2026/11/00043", "counter": 42}


async def test_run_action_needs_confirm_for_a_discovered_delete(make_app, client_for):
    app = make_app(b := backend())
    async with client_for(app) as client:
        refused = await client.call_tool("run-action", {"action": "delete-webhook", "input": {"id": "w1"}})
        done = await client.call_tool(
            "run-action", {"action": "delete-webhook", "input": {"id": "w1"}, "confirm": True}
        )
    assert refused.is_error and "confirm: true" in text_of(refused)
    assert done.structured_content["output"] == {"succeed": True}
    assert b.calls == [("act_3", {"id": "w1"})]


async def test_run_action_dry_run_reports_the_operation(make_app, client_for):
    app = make_app(b := backend())
    async with client_for(app) as client:
        result = await client.call_tool(
            "run-action", {"action": "send-outgoing-invoice", "input": {"faktooraId": "F1"}, "dryRun": True}
        )
    assert result.structured_content["output"]["operation"]["input"] == {"faktooraId": "F1"}
    assert b.calls == []


async def test_describe_action_of_an_unknown_action_points_to_search(make_app, client_for):
    async with client_for(make_app(backend())) as client:
        result = await client.call_tool("describe-action", {"action": "fly-to-the-moon"})
    assert result.is_error and "search-actions" in text_of(result)


class RestBackend(HandlerBackend):
    def __init__(self, status: int, body: object) -> None:
        super().__init__(lambda action, args: None, name="rest")
        self.answer = ApiResponse(status=status, body=body)

    async def request(self, request):
        self.calls.append((f"{request.method} {request.path}", {"query": dict(request.query)}))
        return self.answer


async def test_api_request_returns_status_and_body(make_app, client_for):
    app = make_app(b := RestBackend(200, {"value": "026"}))
    async with client_for(app) as client:
        result = await client.call_tool("api-request", {"method": "GET", "path": "/customers/generate-number"})
    assert result.structured_content == {"status": 200, "body": {"value": "026"}, "headers": {}}
    assert b.calls == [("GET /customers/generate-number", {"query": {}})]


async def test_api_request_error_statuses_are_tool_errors_with_faktooras_message(make_app, client_for):
    body = {"statusCode": 404, "message": "Customer not found", "error": "Not Found"}
    async with client_for(make_app(RestBackend(404, body))) as client:
        result = await client.call_tool("api-request", {"method": "GET", "path": "/customer/x"})
    assert result.is_error and text_of(result) == "GET /customer/x answered 404: Customer not found"


@pytest.mark.parametrize("path", ["https://evil.example/steal", "//evil.example/x", "customers"])
async def test_api_request_accepts_relative_paths_only(make_app, client_for, path):
    async with client_for(make_app(b := RestBackend(200, {}))) as client:
        result = await client.call_tool("api-request", {"method": "GET", "path": path})
    assert result.is_error and "path:" in text_of(result)
    assert b.calls == []


async def test_api_request_delete_needs_confirm_and_read_only_allows_get_only(catalog):
    from faktoora_mcp.discovery import discovery_tools
    from faktoora_mcp.errors import PolicyRefused
    from faktoora_mcp.policy import Policy
    from faktoora_mcp.tools import Dispatcher

    b = RestBackend(200, {"succeed": True})
    writable = Dispatcher(discovery_tools(b))
    with pytest.raises(PolicyRefused, match="confirm: true"):
        await writable.call("api-request", {"method": "DELETE", "path": "/product/p1"})
    read_only = Dispatcher(discovery_tools(b), Policy(read_only=True))
    with pytest.raises(PolicyRefused, match="POST /product changes data and this server was started read-only"):
        await read_only.call("api-request", {"method": "POST", "path": "/product", "body": {"name": "x"}})
    assert (await read_only.call("api-request", {"method": "GET", "path": "/products"}))["status"] == 200
    assert (await read_only.call("api-request", {"method": "HEAD", "path": "/products"}))["status"] == 200
    assert b.calls == [("GET /products", {"query": {}}), ("HEAD /products", {"query": {}})]


async def test_search_says_when_its_actions_are_only_guesses(make_app, client_for):
    app = make_app(backend())
    async with client_for(app) as client:
        sure = (await client.call_tool("search-actions", {"intent": "next invoice number"})).structured_content
        vague = (await client.call_tool("search-actions", {"intent": "cancel the invoice"})).structured_content
    assert sure["confidence"] == "high" and "note" not in sure
    # Actions share a word with it, and none cancels anything: guesses, and said to be
    assert vague["count"] >= 1
    assert vague["confidence"] == "low" and "describe-action" in vague["note"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"headers": {"Host": "evil.example"}}, "headers.Host"),
        ({"headers": {"authorization": "Bearer someone-else"}}, "headers.authorization"),
        ({"query": {"q": "a\r\nX-Injected: 1"}}, "query.q"),
        ({"query": {"q": ["ok", "b\nc"]}}, "query.q"),
    ],
)
async def test_api_request_refuses_reserved_headers_and_line_breaks_naming_the_field(
    make_app, client_for, extra, field
):
    async with client_for(make_app(b := RestBackend(200, {}))) as client:
        result = await client.call_tool("api-request", {"method": "GET", "path": "/customers", **extra})
    assert result.is_error and field in text_of(result)
    assert b.calls == []  # nothing reached the backend
