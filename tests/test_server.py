"""The MCP surface: tools/list, tools/call and resources, in both protocol eras, in memory."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from mcp import MCPError

from faktoora_mcp.errors import NotFound, UpstreamRejected
from tests.conftest import CUSTOMER, scripted

CUSTOMER_ID = CUSTOMER["id"]


def described(schema: dict[str, Any], path: str = "") -> list[str]:
    """Every property path in ``schema`` that lacks a description."""
    missing = []
    for name, prop in schema.get("properties", {}).items():
        if not prop.get("description"):
            missing.append(f"{path}{name}")
        missing += described(prop, f"{path}{name}.")
        if isinstance(prop.get("items"), dict):
            missing += described(prop["items"], f"{path}{name}[].")
    return missing


def text_of(result: Any) -> str:
    return "".join(getattr(block, "text", "") for block in result.content)


DISCOVERY = ["search-actions", "describe-action", "run-action", "api-request"]


async def test_tools_list_advertises_the_twenty_catalog_tools_then_discovery_fully_described(
    make_app, client_for, catalog
):
    async with client_for(make_app(scripted({}))) as client:
        tools = (await client.list_tools()).tools
    assert [t.name for t in tools] == catalog.keys() + DISCOVERY
    assert len(catalog.keys()) == 29  # Membrane's 20 and Faktoora's documented write side
    for tool in tools:
        assert tool.title and len(tool.description) > 80, tool.name
        notes = tool.annotations
        hints = (notes.read_only_hint, notes.destructive_hint, notes.idempotent_hint, notes.open_world_hint)
        assert None not in hints, tool.name
        assert tool.input_schema["type"] == "object" and tool.output_schema["type"] == "object"
        assert described(tool.input_schema) == [], tool.name
        if tool.name.startswith(("list-", "get-")):
            assert notes.read_only_hint and not notes.destructive_hint, tool.name
        if tool.name.startswith("delete-"):
            assert notes.destructive_hint and not notes.read_only_hint, tool.name
        if tool.name.startswith("create-"):
            assert notes.idempotent_hint is False, tool.name


MODEL_READ_BUDGET = 32_000
"""Characters of tools/list a host puts in its model's context: 8k tokens at 4 characters a token (issue 14)."""


async def test_what_a_model_reads_of_tools_list_fits_in_eight_thousand_tokens(make_app, client_for):
    async with client_for(make_app(scripted({}), toolsets=None)) as client:  # the default toolsets
        tools = (await client.list_tools()).tools
    read = [
        {"name": t.name, "title": t.title, "description": t.description, "inputSchema": t.input_schema} for t in tools
    ]
    size = len(json.dumps({"tools": read}, ensure_ascii=False, separators=(",", ":")))
    assert size <= MODEL_READ_BUDGET, f"{size:,} characters for {len(tools)} tools"


async def test_tools_list_order_is_stable_between_calls(make_app, client_for, catalog):
    """The same tools in the same order, after calls and in another process's server built afresh: hosts cache
    the list (and prompt caches key on it), so a reordering would cost every session."""
    async with client_for(make_app(scripted({"get-customer": CUSTOMER}))) as client:
        first = (await client.list_tools()).tools
        await client.call_tool("get-customer", {"id": CUSTOMER_ID})
        after_a_call = (await client.list_tools()).tools
    async with client_for(make_app(scripted({}))) as client:
        rebuilt = (await client.list_tools()).tools
    dumped = [[t.model_dump(mode="json") for t in tools] for tools in (first, after_a_call, rebuilt)]
    assert dumped[0] == dumped[1] == dumped[2]
    names = [t.name for t in first]
    assert names[: len(catalog)] == [spec.key for spec in catalog]  # the catalog first, in its order
    assert names[len(catalog) :] == ["search-actions", "describe-action", "run-action", "api-request"]


async def test_a_successful_call_returns_structured_content_valid_against_the_output_schema(
    make_app, client_for, catalog
):
    app = make_app(scripted({"get-customer": CUSTOMER}))
    async with client_for(app) as client:
        result = await client.call_tool("get-customer", {"id": CUSTOMER_ID})
    assert result.is_error is False
    assert result.structured_content == CUSTOMER
    Draft202012Validator(catalog.get("get-customer").output_schema).validate(result.structured_content)
    assert json.loads(text_of(result)) == CUSTOMER  # the text mirror for clients without structured output


async def test_arguments_reach_the_backend_exactly_as_given(make_app, client_for):
    backend = scripted(
        {"list-customers": {"data": [], "meta": {"page": 2, "perPage": 5, "totalItems": 0, "totalPages": 0}}}
    )
    async with client_for(make_app(backend)) as client:
        await client.call_tool("list-customers", {"page": 2, "perPage": 5, "keywords": ["Müller"]})
    assert backend.calls == [("list-customers", {"page": 2, "perPage": 5, "keywords": ["Müller"]})]


@pytest.mark.parametrize(
    ("tool", "arguments", "expected"),
    [
        ("get-customer", {}, "id: required field is missing"),
        ("list-customers", {"perPage": "ten"}, "perPage: 'ten' is not of type 'integer'"),
        ("list-outgoing-invoices", {"perPage": 5000}, "perPage: 5000 is greater than the maximum of 1000"),
        ("list-customers", {"page": 0}, "page: 0 is less than the minimum of 1"),
        ("get-customer", {"id": CUSTOMER_ID, "verbose": True}, "verbose: unknown field"),
        ("list-outgoing-invoices", {"order": "up"}, 'order: "up" is not one of "asc", "desc"'),
        ("list-outgoing-invoices", {"issueDateFrom": "01.03.2026"}, "issueDateFrom: '01.03.2026' is not a 'date'"),
    ],
)
async def test_bad_arguments_are_a_tool_error_naming_the_field(make_app, client_for, tool, arguments, expected):
    backend = scripted({})
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool(tool, arguments)
    assert result.is_error is True
    assert expected in text_of(result)
    assert backend.calls == []  # nothing ran


async def test_every_violation_is_reported_at_once(make_app, client_for):
    async with client_for(make_app(scripted({}))) as client:
        result = await client.call_tool("list-outgoing-invoices", {"page": 0, "perPage": 5000, "colour": "red"})
    message = text_of(result)
    assert "page:" in message and "perPage:" in message and "colour: unknown field" in message


async def test_an_unknown_tool_is_a_tool_error(make_app, client_for):
    async with client_for(make_app(scripted({}))) as client:
        result = await client.call_tool("send-all-invoices", {})
    assert result.is_error is True
    assert "no tool named 'send-all-invoices'" in text_of(result)


async def test_a_backend_refusal_reaches_the_model_as_written(make_app, client_for):
    refusal = NotFound(f"No customer with id {CUSTOMER_ID}. Use list-customers to find customer ids.")
    async with client_for(make_app(scripted({"get-customer": refusal}))) as client:
        result = await client.call_tool("get-customer", {"id": CUSTOMER_ID})
    assert result.is_error is True
    assert text_of(result) == refusal.message


async def test_an_unexpected_exception_becomes_a_clean_error_without_internals(make_app, client_for):
    boom = RuntimeError("psycopg: password=hunter2 at /srv/secret/path.py line 42")
    async with client_for(make_app(scripted({"get-customer": boom}))) as client:
        result = await client.call_tool("get-customer", {"id": CUSTOMER_ID})
    assert result.is_error is True
    message = text_of(result)
    assert "internal error" in message and "incident" in message
    assert "hunter2" not in message and "/srv" not in message and "RuntimeError" not in message


async def test_a_backend_answer_that_is_not_an_object_is_a_clean_error(make_app, client_for):
    async with client_for(make_app(scripted({"get-customer": ["not", "an", "object"]}))) as client:
        result = await client.call_tool("get-customer", {"id": CUSTOMER_ID})
    assert result.is_error is True
    assert "not a JSON object" in text_of(result)


async def test_a_live_answer_that_breaks_the_output_schema_is_flagged_with_the_raw_data(make_app, client_for):
    odd = {"id": CUSTOMER_ID, "isCompany": "yes"}
    async with client_for(make_app(scripted({"get-customer": odd}))) as client:  # not the sandbox: verified
        result = await client.call_tool("get-customer", {"id": CUSTOMER_ID})
    assert result.is_error is True
    assert "shape this server does not know" in text_of(result)
    assert '"isCompany":"yes"' in text_of(result)


async def test_upstream_rejections_keep_their_message(make_app, client_for):
    no = UpstreamRejected("Faktoora refused: postcode: must be 5 digits for DE.", status=400)
    async with client_for(make_app(scripted({"create-customer": no}))) as client:
        result = await client.call_tool(
            "create-customer", {"isCompany": True, "name": "X GmbH", "address": "A 1", "postcode": "1234", "city": "B"}
        )
    assert result.is_error and "postcode: must be 5 digits for DE" in text_of(result)


async def test_every_action_manifest_is_a_readable_resource(make_app, client_for, catalog):
    offline = UpstreamRejected("Membrane is not logged in", status=401)  # the records part fails: manifests remain
    backend = scripted({"list-outgoing-invoices": offline, "list-customers": offline})
    async with client_for(make_app(backend)) as client:
        listed = (await client.list_resources()).resources
        assert sorted(str(r.uri) for r in listed) == sorted(f"faktoora://actions/{k}" for k in catalog.keys())
        for resource in listed:
            read = await client.read_resource(str(resource.uri))
            manifest = json.loads(read.contents[0].text)
            assert f"faktoora://actions/{manifest['key']}" == str(resource.uri)
            assert read.contents[0].mime_type == "application/json"


async def test_record_templates_are_listed_and_read_through_the_backend(make_app, client_for):
    app = make_app(scripted({"get-customer": CUSTOMER}))
    async with client_for(app) as client:
        templates = {t.uri_template for t in (await client.list_resource_templates()).resource_templates}
        read = await client.read_resource(f"faktoora://customers/{CUSTOMER_ID}")
    assert templates == {
        "faktoora://customers/{id}",
        "faktoora://products/{id}",
        "faktoora://invoices/{faktooraId}",
        "faktoora://invoices/{faktooraId}/status",
        "faktoora://invoices/{faktooraId}/content",
        "faktoora://invoices/{faktooraId}/pdf",
    }
    assert json.loads(read.contents[0].text)["name"] == "Beispiel AG"


@pytest.mark.parametrize("uri", ["faktoora://actions/send-everything", "faktoora://nothing/here"])
async def test_reading_an_unknown_resource_is_a_clean_protocol_error(make_app, client_for, uri):
    async with client_for(make_app(scripted({}))) as client:
        with pytest.raises(MCPError) as caught:
            await client.read_resource(uri)
    assert "Resource not found" in str(caught.value)


async def test_a_record_that_does_not_exist_is_resource_not_found(make_app, client_for):
    app = make_app(scripted({"get-customer": NotFound("No customer with id x.")}))
    async with client_for(app) as client:
        with pytest.raises(MCPError) as caught:
            await client.read_resource("faktoora://customers/x")
    assert "No customer with id x" in str(caught.value)


async def test_instructions_tell_the_model_where_ids_come_from(make_app, client_for, mode):
    app = make_app(scripted({}))
    assert "list-outgoing-invoices" in app.server.instructions
    assert "SANDBOX" in app.server.instructions


@pytest.mark.parametrize("vat_id", ["DE136695976", "ATU13585627", "CHE-116.281.710 MWST", "CHE116281710MWST"])
async def test_customer_vat_ids_of_germany_austria_and_switzerland_pass_the_schema(make_app, client_for, vat_id):
    backend = scripted({"create-customer": CUSTOMER})
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool(
            "create-customer",
            {"isCompany": True, "name": "X AG", "address": "A 1", "postcode": "8001", "city": "Z", "vatId": vat_id},
        )
    assert result.is_error is False, text_of(result)


async def test_arguments_sent_as_text_reach_the_backend_as_their_schema_types(make_app, client_for):
    page = {"data": [], "meta": {"page": 2, "perPage": 5, "totalItems": 0, "totalPages": 0}}
    backend = scripted({"list-outgoing-invoices": page, "create-customer": CUSTOMER})
    stringified = {"page": "2", "perPage": "5", "status": '["overdue", "sent"]', "all": "false"}
    customer = {"isCompany": "true", "name": "Neu GmbH", "address": "Hauptstr. 1", "postcode": 10115, "city": "Berlin"}
    async with client_for(make_app(backend)) as client:
        listed = await client.call_tool("list-outgoing-invoices", stringified)
        created = await client.call_tool("create-customer", customer)
    assert listed.is_error is False and created.is_error is False, text_of(listed) + text_of(created)
    assert backend.calls == [
        ("list-outgoing-invoices", {"page": 2, "perPage": 5, "status": ["overdue", "sent"]}),
        ("create-customer", {**customer, "isCompany": True, "postcode": "10115"}),
    ]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"perPage": "NaN"}, "perPage: 'NaN' is not of type 'integer'"),
        ({"perPage": "1e999"}, "perPage: '1e999' is not of type 'integer'"),
        ({"status": "overdue"}, "status: 'overdue' is not of type 'array'"),
        ({"status": '["overdue"'}, "status: '[\"overdue\"' is not of type 'array'"),
    ],
)
async def test_text_that_cannot_be_read_as_the_type_keeps_the_error_naming_the_field(
    make_app, client_for, arguments, expected
):
    backend = scripted({})
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool("list-outgoing-invoices", arguments)
    assert result.is_error and expected in text_of(result)
    assert backend.calls == []


async def test_json_text_for_api_request_body_and_run_action_input_is_read_as_an_object(make_app, client_for):
    from tests.test_discovery import backend as discovering

    backend = discovering()
    async with client_for(make_app(backend)) as client:
        posted = await client.call_tool(
            "api-request", {"method": "POST", "path": "/product", "body": '{"name": "Beratung", "price": 95}'}
        )
        ran = await client.call_tool(
            "run-action", {"action": "send-outgoing-invoice", "input": '{"faktooraId": "F1"}', "dryRun": "false"}
        )
    assert posted.is_error is False and ran.is_error is False, text_of(posted) + text_of(ran)
    assert backend.calls == [
        ("POST /product", {"query": {}, "body": {"name": "Beratung", "price": 95}}),
        ("act_2", {"faktooraId": "F1"}),
    ]


def portability_problems(schema: Any, path: str) -> list[str]:
    """What host schema converters drop or mangle: type arrays, anyOf/oneOf with null, untyped properties."""
    if not isinstance(schema, dict):
        return []
    problems = [f"{path}: type array {schema['type']}" for _ in [0] if isinstance(schema.get("type"), list)]
    for keyword in ("anyOf", "oneOf"):
        branches = schema.get(keyword, [])
        if any(branch.get("type") == "null" for branch in branches):
            problems.append(f"{path}: {keyword} with null")
        for i, branch in enumerate(branches):
            problems += portability_problems(branch, f"{path}.{keyword}[{i}]")
    for name, prop in schema.get("properties", {}).items():
        if "type" not in prop:
            problems.append(f"{path}.{name}: no type")
        problems += portability_problems(prop, f"{path}.{name}")
    for keyword in ("items", "additionalProperties"):
        child = schema.get(keyword)
        if isinstance(child, dict):
            if "type" not in child and not child.keys() & {"anyOf", "oneOf"}:
                problems.append(f"{path}.{keyword}: no type")
            problems += portability_problems(child, f"{path}.{keyword}")
    return problems


@pytest.mark.parametrize("read_only", [False, True])
async def test_every_advertised_input_schema_is_one_every_host_can_map(make_app, client_for, read_only):
    async with client_for(make_app(scripted({}), read_only=read_only)) as client:
        tools = (await client.list_tools()).tools
    problems = [p for tool in tools for p in portability_problems(tool.input_schema, tool.name)]
    assert problems == []


XML_DOC = "<?xml version='1.0'?><rsm:CrossIndustryInvoice>RE-1</rsm:CrossIndustryInvoice>"
PDF_BYTES = b"%PDF-1.4\n" + bytes(range(256)) * 300  # binary, ~77 KB: more than a text mirror would carry whole


def invoice_file(arguments: dict[str, Any]) -> dict[str, Any]:
    import base64

    pdf = arguments.get("format") == "pdf"
    return {
        "faktooraId": "F45NNA1",
        "invoiceNumber": "2026/03/00043",
        "status": "sent",
        "format": "xrechnung",
        "mimeType": "application/pdf" if pdf else "application/xml",
        "fileName": "F45NNA1.pdf" if pdf else "F45NNA1.xml",
        "encoding": "base64" if pdf else "utf-8",
        "sizeBytes": len(PDF_BYTES) if pdf else len(XML_DOC),
        "document": base64.b64encode(PDF_BYTES).decode() if pdf else XML_DOC,
    }


async def test_an_invoice_file_comes_as_an_embedded_resource_beside_its_metadata(make_app, client_for):
    import base64

    backend = scripted({"get-invoice-by-id": invoice_file, "get-invoice-by-number": invoice_file})
    async with client_for(make_app(backend)) as client:
        xml = await client.call_tool("get-invoice-by-id", {"faktooraId": "F45NNA1"})
        pdf = await client.call_tool("get-invoice-by-number", {"invoiceNumber": "2026/03/00043", "format": "pdf"})
    for result, mime in ((xml, "application/xml"), (pdf, "application/pdf")):
        text, attached = result.content
        metadata = json.loads(text.text.split("\n")[0])
        assert "document" not in metadata and metadata["mimeType"] == mime
        assert attached.type == "resource" and attached.resource.mime_type == mime
        assert result.structured_content["document"]  # the structured answer stays whole and schema-valid
    assert xml.content[1].resource.text == XML_DOC
    assert str(xml.content[1].resource.uri) == "faktoora://invoices/F45NNA1"
    assert base64.b64decode(pdf.content[1].resource.blob) == PDF_BYTES
    assert str(pdf.content[1].resource.uri) == "faktoora://invoices/F45NNA1/pdf"
    assert len(pdf.content[0].text) < 1000  # no base64 in the text


async def test_the_invoice_pdf_resource_is_a_blob_with_its_mime_type(make_app, client_for):
    import base64

    backend = scripted({"get-invoice-by-id": invoice_file})
    async with client_for(make_app(backend)) as client:
        templates = (await client.list_resource_templates()).resource_templates
        pdf = (await client.read_resource("faktoora://invoices/F45NNA1/pdf")).contents[0]
        xml = (await client.read_resource("faktoora://invoices/F45NNA1")).contents[0]
    assert "faktoora://invoices/{faktooraId}/pdf" in [t.uri_template for t in templates]
    assert pdf.mime_type == "application/pdf" and base64.b64decode(pdf.blob) == PDF_BYTES
    assert xml.mime_type == "application/xml" and xml.text == XML_DOC
    assert backend.calls == [
        ("get-invoice-by-id", {"faktooraId": "F45NNA1", "format": "pdf"}),
        ("get-invoice-by-id", {"faktooraId": "F45NNA1"}),
    ]


@pytest.mark.parametrize(
    ("method", "params", "expected"),
    [
        ("tools/call", {"arguments": {}}, "params.name: Field required"),
        ("tools/call", {"name": "list-customers", "arguments": "perPage=2"}, "params.arguments: Input should be"),
        ("prompts/get", {"name": "month-end-overview", "arguments": {"month": 202610}}, "params.arguments.month"),
        ("resources/read", {"uri": 5}, "params.uri: "),
    ],
)
async def test_malformed_request_parameters_are_a_protocol_error_naming_the_field(
    make_app, mode, method, params, expected
):
    import mcp.types as types
    from mcp import Client

    async with Client(make_app(scripted({})).server, mode=mode) as client:
        with pytest.raises(MCPError) as caught:  # the raw request: the SDK's typed calls cannot send malformed ones
            await client.session._dispatcher.send_raw_request(method, params)
    assert caught.value.error.code == types.INVALID_PARAMS and expected in caught.value.error.message


async def test_a_resource_uri_with_an_invalid_id_is_invalid_params_naming_the_uri(make_app, client_for):
    from faktoora_mcp.errors import InvalidArguments

    app = make_app(scripted({"get-customer": InvalidArguments.single("id", "'nope' is not a valid uuid")}))
    async with client_for(app) as client:
        with pytest.raises(MCPError) as caught:
            await client.read_resource("faktoora://customers/nope")
    assert caught.value.error.code == -32602 and "uri: faktoora://customers/nope" in caught.value.error.message


async def test_resources_list_offers_a_few_recent_invoices_and_customers_to_attach(make_app, client_for, tmp_path):
    from faktoora_mcp.backends.sandbox import SandboxBackend

    async with client_for(make_app(SandboxBackend(tmp_path / "r.sqlite3"))) as client:
        listed = (await client.list_resources()).resources
        records = [r for r in listed if not str(r.uri).startswith("faktoora://actions/")]
        invoice = next(r for r in records if str(r.uri).startswith("faktoora://invoices/"))
        read = await client.read_resource(str(invoice.uri))
    kinds = [str(r.uri).split("/")[2] for r in records]
    assert kinds.count("invoices") == 5 and kinds.count("customers") == 5  # bounded: a few of each
    assert invoice.title.startswith("Invoice ") and json.loads(read.contents[0].text)["faktooraId"]


async def test_completions_say_has_more_when_they_cut_the_list(make_app, client_for):
    from mcp.types import PromptReference

    rows = [{"invoiceNumber": f"2026/10/{i:05d}"} for i in range(20)]
    page = {"data": rows, "meta": {"page": 1, "perPage": 20, "totalItems": 57, "totalPages": 3}}
    async with client_for(make_app(scripted({"list-outgoing-invoices": page}))) as client:
        numbers = await client.complete(
            PromptReference(name="explain-invoice-status"), {"name": "invoiceNumber", "value": "2026/10"}
        )
        months = await client.complete(PromptReference(name="month-end-overview"), {"name": "month", "value": ""})
        tones = await client.complete(PromptReference(name="review-overdue-invoices"), {"name": "tone", "value": "f"})
    assert len(numbers.completion.values) == 20 and numbers.completion.has_more is True
    assert len(months.completion.values) == 12 and months.completion.has_more is False
    assert tones.completion.values == ["friendly", "firm", "final"] and tones.completion.has_more is False


async def test_completions_use_the_prompt_s_name_and_refuse_an_argument_it_lacks(make_app, client_for):
    from mcp.types import PromptReference

    async with client_for(make_app(scripted({}))) as client:
        with pytest.raises(MCPError) as wrong_argument:
            await client.complete(PromptReference(name="review-overdue-invoices"), {"name": "month", "value": ""})
        # An unknown prompt completes to nothing: the MCP conformance suite (completion-complete) expects that.
        unknown = await client.complete(PromptReference(name="no-such-prompt"), {"name": "arg1", "value": "x"})
    assert "argument.name: the prompt review-overdue-invoices has no argument 'month'" in str(wrong_argument.value)
    assert unknown.completion.values == [] and unknown.completion.has_more is False


async def test_resource_template_ids_complete_from_the_backend_with_has_more(make_app, client_for, tmp_path):
    from mcp.types import ResourceTemplateReference

    from faktoora_mcp.backends.sandbox import SandboxBackend

    backend = SandboxBackend(tmp_path / "c.sqlite3")
    customers = (await backend.run_action("list-customers", {"perPage": 100})).output
    async with client_for(make_app(backend)) as client:
        ids = await client.complete(
            ResourceTemplateReference(uri="faktoora://customers/{id}"), {"name": "id", "value": ""}
        )
        first = customers["data"][0]["id"]
        one = await client.complete(
            ResourceTemplateReference(uri="faktoora://customers/{id}"), {"name": "id", "value": first[:12]}
        )
        invoices = await client.complete(
            ResourceTemplateReference(uri="faktoora://invoices/{faktooraId}/status"),
            {"name": "faktooraId", "value": "F"},
        )
    all_ids = {row["id"] for row in customers["data"]}
    assert len(ids.completion.values) == 20 and set(ids.completion.values) <= all_ids
    assert ids.completion.has_more is True  # more customers than one completion shows
    assert one.completion.values == [first] and one.completion.has_more is (customers["meta"]["totalItems"] > 100)
    assert invoices.completion.values and all(v.startswith("F") for v in invoices.completion.values)


async def test_api_request_query_numbers_are_sent_as_the_text_a_query_string_carries(make_app, client_for):
    from tests.test_discovery import RestBackend

    backend = RestBackend(200, {"data": []})
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool(
            "api-request", {"method": "GET", "path": "/customers", "query": {"perPage": 2, "keywords": ["a", 7]}}
        )
    assert result.is_error is False, text_of(result)
    assert backend.calls == [("GET /customers", {"query": {"perPage": "2", "keywords": ["a", "7"]}})]
