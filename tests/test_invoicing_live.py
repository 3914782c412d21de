"""The invoicing jobs on a live account: the first-class tools reach Faktoora's documented REST calls through
Membrane's proxy (``membrane request``), against a stand-in CLI that answers the way Faktoora documents, in shapes
unlike the sandbox's (202 bodies with only an id, statuses that are still processing, fields missing, PDF bytes).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from mcp import Client

from faktoora_mcp.app import build_app, documented_actions
from faktoora_mcp.backends.base import ApiRequest, ApiResponse
from faktoora_mcp.backends.membrane.documented import ENDPOINTS
from faktoora_mcp.config import Config
from faktoora_mcp.errors import InvalidArguments
from tests.fixtures.membrane_runner import ScriptedCli, backend_for, fail, ok

CUSTOMER = {
    "id": "cus_7f3a",
    "name": "Donau Software GmbH",
    "address": "Praterstraße 1",
    "postcode": "1020",
    "city": "Wien",
    "country": "AT",
    "vatId": "ATU13585627",
    "email": "rechnung@donau.example",
    "isCompany": True,
}
ORIGINAL = {  # get-outgoing-invoice-content as Faktoora might answer it: no totals, lines with strings
    "faktooraId": "FORIG01",
    "invoiceNumber": "RE-2026-0040",
    "issueDate": "2026-11-02",
    "currency": "EUR",
    "format": "zf:2",
    "buyer": {"name": "Inland GmbH", "street": "Hauptstraße 1", "postcode": "04109", "city": "Leipzig"},
    "lines": [{"name": "Beratung", "quantity": "8", "unitCode": "HUR", "unitPrice": "120", "vatRate": 19}],
}


class Faktoora:
    """Faktoora's REST API behind ``membrane request``: records every call and answers as documented."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, Any, dict[str, str]]] = []
        self.statuses = [{"status": "processing"}, {"status": "draft", "invoiceNumber": "RE-2026-0042"}]

    def __call__(self, argv: Sequence[str]) -> Any:
        options = dict(arg[2:].split("=", 1) for arg in argv[4:] if arg.startswith("--") and "=" in arg)
        path, method = argv[3], options.get("method", "GET")
        body = json.loads(options["data"]) if "data" in options else None
        query = dict(a.split("=", 1)[1].split("=", 1) for a in argv if a.startswith("--query="))
        self.requests.append((method, path, body, query))
        if (method, path) == ("POST", "/invoices"):
            return ok({"faktooraId": "FLIVE42", "detailsPage": "https://app.faktoora.com/invoices/FLIVE42"})
        if path.endswith("/status"):
            answer = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
            return ok(answer | {"validation": {"status": "completed", "validity": "invalid"}})
        if path.endswith("/validation-report"):
            return fail(1, stderr="Request failed with status code 404")
        if path == "/invoices/next-number":
            return ok({"invoiceNumber": "2026/12/00043", "counter": 42})
        if path == "/invoices/verify-number":
            return ok({"succeed": False})
        if (method, path) == ("DELETE", "/webhooks/wh-1"):
            return ok({"succeed": True})
        if path == "/customer/verify-customer-number":
            return ok({"succeed": True})
        if path == "/settings/invoice-number-template":
            return ok({"template": body.get("template", "YYYY/MM/id") if body else "YYYY/MM/id", "padLength": 5})
        return fail(1, stderr=f"Request failed with status code 404 ({method} {path})")


def connector(argv: Sequence[str]) -> Any:
    """``membrane action run``: the connector's read actions the routes use."""
    action = argv[3]
    if action == "get-customer":
        return ok({"output": CUSTOMER})
    if action == "get-outgoing-invoice-content":
        return ok({"output": ORIGINAL})
    if action == "get-product":
        return ok({"output": {"id": "prod-1", "name": "Wartung", "unit": "MON", "price": 99, "tax": 19}})
    return ok({"output": {"data": []}})


@pytest.fixture
def faktoora() -> Faktoora:
    return Faktoora()


@pytest.fixture
def cli() -> ScriptedCli:
    return ScriptedCli()


@pytest.fixture
def live_app(cli: ScriptedCli, faktoora: Faktoora, catalog: Any) -> Any:
    cli.answers["request"] = faktoora
    cli.answers["action run"] = connector
    shapes = {spec.key: spec.output_schema for spec in catalog}
    backend = backend_for(cli, documented=lambda: documented_actions(catalog), shapes=shapes)
    return build_app(Config(backend="membrane", catalogue_cache="off"), backend=backend, catalog=catalog)


async def call(app: Any, tool: str, arguments: dict[str, Any]) -> Any:
    async with Client(app.server) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        result = await client.call_tool(tool, arguments)
    if not result.is_error:  # what reaches the agent honours the schema advertised for the live account
        errors = list(Draft202012Validator(tools[tool].output_schema).iter_errors(result.structured_content))
        assert errors == [], errors
    return result


async def test_creating_an_invoice_live_posts_the_documented_body_and_waits_for_the_file(live_app, faktoora):
    lines = [
        {"name": "Schnittstelle", "quantity": 3, "unitCode": "DAY", "unitPrice": 950},
        {"productId": "prod-1", "quantity": 12},
    ]
    result = await call(
        live_app,
        "create-outgoing-invoice",
        {"customerId": "cus_7f3a", "lines": lines, "issueDate": "2026-12-07", "servicePeriod": SEPTEMBER},
    )
    assert not result.is_error, result.content[0].text
    method, path, body, _ = next(r for r in faktoora.requests if r[0] == "POST")
    (invoice,) = body["invoices"]
    assert (method, path) == ("POST", "/invoices")
    assert (invoice["draftOnly"], invoice["reviewMode"]) == (True, False)  # creating never sends by default
    assert invoice["issueDate"] == "20261207" and invoice["servicePeriod"] == {"start": "20260901", "end": "20260930"}
    assert invoice["buyer"].items() >= {"name": "Donau Software GmbH", "country": "AT", "vatId": "ATU13585627"}.items()
    first, second = invoice["invoiceItems"]
    assert first["product"]["taxes"] == [{"typeCode": "VAT", "categoryCode": "AE", "rate": 0}]  # reverse charge
    assert (first["product"]["quantity"], first["product"]["price"]) == ("3", 950)
    assert (second["product"]["name"], second["product"]["unitCode"], second["product"]["price"]) == (
        "Wartung",
        "MON",
        99,
    )
    polls = [r for r in faktoora.requests if r[1] == "/invoices/FLIVE42/status"]
    assert len(polls) == 2  # processing, then generated
    answer = result.structured_content
    assert (answer["faktooraId"], answer["invoiceNumber"], answer["status"]) == ("FLIVE42", "RE-2026-0042", "draft")
    assert answer["documents"]["pdf"] == "faktoora://invoices/FLIVE42/pdf"


SEPTEMBER = {"start": "2026-09-01", "end": "2026-09-30"}


@pytest.mark.parametrize(("mode", "flags"), [("review", (False, True)), ("deliver", (False, False))])
async def test_the_mode_becomes_faktooras_flags(live_app, faktoora, mode, flags):
    lines = [{"name": "Beratung", "quantity": 1, "unitPrice": 100}]
    await call(live_app, "create-outgoing-invoice", {"customerId": "cus_7f3a", "lines": lines, "mode": mode})
    invoice = next(r for r in faktoora.requests if r[0] == "POST")[2]["invoices"][0]
    assert (invoice["draftOnly"], invoice["reviewMode"]) == flags


async def test_a_dry_run_live_sends_nothing(live_app, faktoora):
    lines = [{"name": "Beratung", "quantity": 1, "unitPrice": 100}]
    result = await call(live_app, "create-outgoing-invoice", {"customerId": "c", "lines": lines, "dryRun": True})
    assert result.structured_content["dryRun"] is True and faktoora.requests == []


async def test_correcting_an_invoice_live_reads_the_original_and_posts_a_credit_note_referencing_it(live_app, faktoora):
    result = await call(
        live_app, "correct-outgoing-invoice", {"faktooraId": "FORIG01", "kind": "credit-note", "reason": "Storno"}
    )
    assert not result.is_error, result.content[0].text
    invoice = next(r for r in faktoora.requests if r[0] == "POST")[2]["invoices"][0]
    assert invoice["invoiceTypeCode"] == "381"
    assert invoice["precedingInvoice"] == {"invoiceNumber": "RE-2026-0040", "issueDate": "20261102"}
    product = invoice["invoiceItems"][0]["product"]  # the original's lines, read as numbers, sent as documented
    assert (product["name"], product["quantity"], product["price"], product["unitCode"]) == (
        "Beratung",
        "8",
        120,
        "HUR",
    )
    assert invoice["notes"] == ["Storno"] and invoice["buyer"]["name"] == "Inland GmbH"


async def test_invoice_numbers_live(live_app, catalog, faktoora):
    app = build_app(
        Config(backend="membrane", catalogue_cache="off", toolsets="all"),
        backend=live_app.backend,
        catalog=catalog,
    )
    nxt = await call(app, "get-next-invoice-number", {"template": "RE-YYYY-id"})
    assert nxt.structured_content == {"invoiceNumber": "2026/12/00043", "counter": 42, "template": "RE-YYYY-id"}
    free = await call(app, "verify-invoice-number", {"invoiceNumber": "2026/12/00001"})
    assert free.structured_content == {"invoiceNumber": "2026/12/00001", "succeed": False}
    changed = await call(app, "update-invoice-number-template", {"template": "RE-YYYY-id"})
    assert changed.structured_content["template"] == "RE-YYYY-id"
    assert [(m, p, q) for m, p, _, q in faktoora.requests] == [
        ("GET", "/invoices/next-number", {"template": "RE-YYYY-id"}),
        ("GET", "/invoices/verify-number", {"invoiceNumber": "2026/12/00001"}),
        ("PUT", "/settings/invoice-number-template", {}),
    ]


async def test_the_validation_report_live_says_invalid_and_that_no_pdf_report_exists_yet(live_app):
    result = await call(live_app, "get-invoice-validation-report", {"faktooraId": "FLIVE42"})
    answer = result.structured_content
    assert answer["validation"]["validity"] == "invalid" and answer["report"]["available"] is False


async def test_recording_a_payment_live_says_what_to_do_instead(live_app, faktoora):
    result = await call(live_app, "mark-invoice-paid", {"faktooraId": "FLIVE42"})
    assert result.is_error
    assert "not available on a live Faktoora account" in result.content[0].text
    assert "web app" in result.content[0].text and faktoora.requests == []


async def test_a_sandbox_only_action_run_live_is_refused_naming_the_live_way(live_app):
    result = await call(live_app, "run-action", {"action": "cancel-outgoing-invoice", "input": {"faktooraId": "F1"}})
    assert result.is_error and "correct-outgoing-invoice" in result.content[0].text


async def test_live_discovery_offers_the_documented_calls_and_never_a_sandbox_only_one(live_app):
    async with Client(live_app.server) as client:
        found = await client.call_tool("search-actions", {"intent": "Gutschrift für eine Rechnung schreiben"})
        described = await client.call_tool("describe-action", {"action": "correct-outgoing-invoice"})
    keys = [a["key"] for a in found.structured_content["actions"]]
    assert "correct-outgoing-invoice" in keys and "cancel-outgoing-invoice" not in keys
    assert not described.is_error


LIVE_INVOICES = [  # Faktoora's own statuses: its daily job has not reached the first one yet
    {"faktooraId": "F1", "invoiceNumber": "A-1", "status": "sent", "dueDate": "2026-11-20", "currency": "EUR",
     "totalGross": "119.00", "amountDue": "119.00"},
    {"faktooraId": "F2", "invoiceNumber": "A-2", "status": "overdue", "dueDate": "2026-10-01", "currency": "EUR",
     "totalGross": 238, "amountDue": 238},
    {"faktooraId": "F3", "invoiceNumber": "A-3", "status": "sent", "dueDate": "2026-12-31", "currency": "EUR",
     "totalGross": 50, "amountDue": 50},
]  # fmt: skip


async def test_overdue_live_is_derived_from_the_due_date_as_in_the_sandbox(catalog):
    from datetime import date

    cli = ScriptedCli()
    cli.answers["action run"] = ok({"output": {"items": LIVE_INVOICES}})
    shapes = {spec.key: spec.output_schema for spec in catalog}
    backend = backend_for(cli, today=lambda: date(2026, 12, 7), shapes=shapes)
    app = build_app(Config(backend="membrane", catalogue_cache="off"), backend=backend, catalog=catalog)
    result = await call(app, "list-outgoing-invoices", {"status": ["overdue"]})
    sent = json.loads(cli.commands("action run")[0][5].removeprefix("--input="))
    assert sent["status"] == ["overdue", "sent"] and sent["dueDateTo"] == "2026-12-06"
    answer = result.structured_content
    assert [(i["faktooraId"], i["status"]) for i in answer["data"]] == [("F1", "overdue"), ("F2", "overdue")]
    assert answer["meta"]["amounts"] == [
        {"currency": "EUR", "invoices": 2, "totalNet": 0.0, "totalGross": 357.0, "amountDue": 357.0}
    ]


async def test_a_202_in_the_batch_envelope_and_a_pdf_report_are_read_too(live_app, cli, faktoora):
    real = faktoora.__call__

    def answers(argv: Sequence[str]) -> Any:
        if argv[3] == "/invoices":
            return ok({"invoices": [{"faktooraId": "FBATCH1", "invoiceNumber": "RE-9", "status": "processing"}]})
        if argv[3].endswith("/validation-report"):
            return ok("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
        return real(argv)

    cli.answers["request"] = answers
    lines = [{"name": "Beratung", "quantity": 1, "unitPrice": 100}]
    created = await call(live_app, "create-outgoing-invoice", {"customerId": "cus_7f3a", "lines": lines})
    assert created.structured_content["faktooraId"] == "FBATCH1"
    report = await call(live_app, "get-invoice-validation-report", {"faktooraId": "FBATCH1"})
    assert report.structured_content["report"]["available"] is True
    assert report.structured_content["report"]["sizeBytes"] > 20


async def test_an_accepted_invoice_without_an_id_says_it_may_exist_and_how_to_check(live_app, cli):
    cli.answers["request"] = ok({"message": "queued"})
    lines = [{"name": "Beratung", "quantity": 1, "unitPrice": 100}]
    result = await call(live_app, "create-outgoing-invoice", {"customerId": "cus_7f3a", "lines": lines})
    assert result.is_error and "check list-outgoing-invoices before creating it again" in result.content[0].text


async def test_documented_calls_without_a_tool_run_live_through_run_action(live_app, faktoora):
    described = await call(live_app, "describe-action", {"action": "delete-webhook"})
    assert described.structured_content["key"] == "delete-webhook"
    deleted = await call(live_app, "run-action", {"action": "delete-webhook", "input": {"id": "wh-1"}, "confirm": True})
    assert not deleted.is_error, deleted.content[0].text
    free = await call(live_app, "run-action", {"action": "verify-customer-number", "input": {"customerId": "042"}})
    assert free.structured_content["output"] == {"succeed": True}
    assert [(m, p, q) for m, p, _, q in faktoora.requests] == [
        ("DELETE", "/webhooks/wh-1", {}),
        ("GET", "/customer/verify-customer-number", {"customerId": "042"}),
    ]


class RecordingProxy:
    """The proxy as the REST transport gives it: every request recorded, answered from a table."""

    def __init__(self, answers: dict[tuple[str, str], ApiResponse]) -> None:
        self.answers = answers
        self.requests: list[ApiRequest] = []

    async def request(self, request: ApiRequest) -> ApiResponse:
        self.requests.append(request)
        return self.answers.get((request.method, request.path), ApiResponse(404, {"message": "not found"}))

    async def connector(self, action: str, input: Any) -> Any:
        raise AssertionError(f"no connector action expected, got {action}")

    async def sleep(self, seconds: float) -> None:
        """Polling does not wait in a test."""

    def remaining(self) -> float:
        return 60.0


async def test_importing_live_uploads_the_file_as_multipart_and_reads_its_validation():
    proxy = RecordingProxy(
        {
            ("POST", "/import/incoming"): ApiResponse(202, {"importId": "IMP456789"}),
            ("GET", "/import/incoming/IMP456789/validation"): ApiResponse(200, {"status": "rejected"}),
        }
    )
    answer = await ENDPOINTS["import-incoming-invoice"].route(proxy, {"xml": "<Invoice/>", "fileName": "in.xml"})
    upload = proxy.requests[0]
    assert (upload.method, upload.path, upload.body) == ("POST", "/import/incoming", None)
    assert upload.files == {"file": ("in.xml", b"<Invoice/>", "application/xml")}
    assert answer == {"importId": "IMP456789", "fileName": "in.xml", "validationStatus": "rejected"}


async def test_importing_over_the_cli_transport_says_to_use_rest_and_sends_nothing(live_app, faktoora):
    result = await call(live_app, "import-incoming-invoice", {"xml": "<Invoice/>"})
    assert result.is_error and "--membrane-transport rest" in result.content[0].text
    assert faktoora.requests == []


async def test_importing_live_without_a_file_names_the_field_and_sends_nothing():
    proxy = RecordingProxy({})
    with pytest.raises(InvalidArguments, match="is missing; send the XML file's text as xml"):
        await ENDPOINTS["import-incoming-invoice"].route(proxy, {"fileName": "leer.xml"})
    assert proxy.requests == []
