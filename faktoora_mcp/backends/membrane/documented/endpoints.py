"""Faktoora's documented calls that Membrane's connector does not publish, by action key (reference §4, §5).

The connector only reads: writing and correcting invoices (``invoicing``), the invoice numbers, the validation
report and a few more exist in Faktoora's REST API, which the live backend reaches through Membrane's authenticated
proxy (``membrane request``) with the input the sandbox takes, answering in the same shape.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from faktoora_mcp.backends.base import ApiRequest
from faktoora_mcp.backends.membrane.documented.calls import (
    Proxy,
    json_object,
    ok,
    pick,
    rejected,
    segment,
    size_of,
    template_of,
)
from faktoora_mcp.backends.membrane.documented.invoicing import correct_outgoing_invoice, create_outgoing_invoice
from faktoora_mcp.errors import BackendProtocolError, InvalidArguments

Route = Callable[[Proxy, Mapping[str, Any]], Awaitable[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One documented call: its route, and whether it only reads (reads may be retried, writes never)."""

    route: Route
    read_only: bool


async def get_next_invoice_number(proxy: Proxy, input: Mapping[str, Any]) -> dict[str, Any]:
    query = {"template": input["template"]} if input.get("template") else {}
    body = json_object(await ok(proxy, ApiRequest("GET", "/invoices/next-number", query=query)), "next-number")
    number = body.get("invoiceNumber") or body.get("value")
    if not isinstance(number, str) or not number:
        raise BackendProtocolError("Faktoora's next-number answer has no invoiceNumber.")
    template = body.get("template") or input.get("template")
    return {"invoiceNumber": number, **pick(body, "counter")} | ({"template": template} if template else {})


async def verify_invoice_number(proxy: Proxy, input: Mapping[str, Any]) -> dict[str, Any]:
    query = {"invoiceNumber": input["invoiceNumber"]}
    body = json_object(await ok(proxy, ApiRequest("GET", "/invoices/verify-number", query=query)), "verify-number")
    free = next((body[k] for k in ("succeed", "available", "free", "valid") if isinstance(body.get(k), bool)), None)
    if free is None:
        raise BackendProtocolError("Faktoora's verify-number answer did not say whether the number is free.")
    return {"invoiceNumber": input["invoiceNumber"], "succeed": free}


async def get_invoice_number_template(proxy: Proxy, input: Mapping[str, Any]) -> dict[str, Any]:
    body = json_object(await ok(proxy, ApiRequest("GET", "/settings/invoice-number-template")), "number template")
    return template_of(body)


async def update_invoice_number_template(proxy: Proxy, input: Mapping[str, Any]) -> dict[str, Any]:
    request = ApiRequest("PUT", "/settings/invoice-number-template", body=dict(input))
    return template_of(json_object(await ok(proxy, request), "number template"))


async def get_invoice_validation_report(proxy: Proxy, input: Mapping[str, Any]) -> dict[str, Any]:
    """The validation block of the invoice's status, plus whether Faktoora has a PDF report (404: none yet)."""
    faktoora_id = input["faktooraId"]
    status = json_object(await ok(proxy, ApiRequest("GET", f"/invoices/{segment(faktoora_id)}/status")), "status")
    report_request = ApiRequest(
        "GET", f"/invoices/{segment(faktoora_id)}/validation-report", headers={"Accept": "application/pdf"}
    )
    answer = await proxy.request(report_request)
    report = {"available": False, "mimeType": None, "sizeBytes": None}
    if 200 <= answer.status < 300:
        report = {"available": True, "mimeType": "application/pdf", "sizeBytes": size_of(answer.body)}
    elif answer.status != 404:
        raise rejected(answer, "validation-report")
    validation = dict(status.get("validation") or {"status": "pending"})
    validation.setdefault("failedRules", [])
    return {
        "faktooraId": faktoora_id,
        "invoiceNumber": status.get("invoiceNumber"),
        "validation": validation,
        "report": report,
    }


async def import_incoming_invoice(proxy: Proxy, input: Mapping[str, Any]) -> dict[str, Any]:
    """``POST /import/incoming``, a multipart upload (field ``file``): 202 with an ``importId``; then its validation
    (404 while Faktoora has not validated it yet: pending). Needs the REST transport: the CLI cannot upload."""
    if input.get("pdf"):
        name = input.get("fileName") or "e-invoice.pdf"
        upload = {"file": (name, _pdf_bytes(input["pdf"]), "application/pdf")}
    elif input.get("xml"):
        name = input.get("fileName") or "e-invoice.xml"
        upload = {"file": (name, input["xml"].encode("utf-8"), "application/xml")}
    else:
        raise InvalidArguments.single("xml", NO_FILE)
    answer = await proxy.request(ApiRequest("POST", "/import/incoming", files=upload))
    if not 200 <= answer.status < 300:
        raise rejected(answer, "POST /import/incoming")
    import_id = answer.body.get("importId") if isinstance(answer.body, Mapping) else None
    if not isinstance(import_id, str) or not import_id:
        raise BackendProtocolError(
            "Faktoora accepted the upload but named no importId; it may have been imported: check "
            "list-incoming-invoices before uploading it again."
        )
    validation = await proxy.request(ApiRequest("GET", f"/import/incoming/{segment(import_id)}/validation"))
    status = validation.body.get("status") if isinstance(validation.body, Mapping) else None
    return {"importId": import_id, "fileName": name, "validationStatus": status or "pending"}


NO_FILE = "is missing; send the XML file's text as xml, or a ZUGFeRD PDF as pdf"


def _pdf_bytes(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise InvalidArguments.single("pdf", "is not base64; send the PDF file's bytes base64-encoded") from None


@dataclass(frozen=True, slots=True)
class Passthrough:
    """A documented call whose answer is already the action's shape (``{succeed}``, ``{data, meta}``, a record):
    the path's ``{field}`` and the query take input fields, the rest of the input is the JSON body of a write."""

    method: str
    path: str
    query: tuple[str, ...] = ()

    async def __call__(self, proxy: Proxy, input: Mapping[str, Any]) -> dict[str, Any]:
        fields = {name for name in input if "{" + name + "}" in self.path}
        path = self.path.format(**{name: segment(str(input[name])) for name in fields})
        query = {name: _query_value(input[name]) for name in self.query if input.get(name) is not None}
        rest = {k: v for k, v in input.items() if k not in fields and k not in self.query}
        body = rest if self.method in ("POST", "PUT", "PATCH") else None
        answer = await ok(proxy, ApiRequest(self.method, path, query=query, body=body))  # type: ignore[arg-type]
        return {"succeed": True} if answer.body in (None, "") else json_object(answer, f"{self.method} {path}")


LIST_QUERY = ("page", "perPage", "sort", "order", "keyword", "status", "customerId")


def _query_value(value: Any) -> str | list[str]:
    return (
        [str(v) for v in value]
        if isinstance(value, list)
        else str(value).lower()
        if isinstance(value, bool)
        else str(value)
    )


ENDPOINTS: dict[str, Endpoint] = {
    "create-outgoing-invoice": Endpoint(create_outgoing_invoice, read_only=False),
    "correct-outgoing-invoice": Endpoint(correct_outgoing_invoice, read_only=False),
    "get-next-invoice-number": Endpoint(get_next_invoice_number, read_only=True),
    "verify-invoice-number": Endpoint(verify_invoice_number, read_only=True),
    "get-invoice-number-template": Endpoint(get_invoice_number_template, read_only=True),
    "update-invoice-number-template": Endpoint(update_invoice_number_template, read_only=False),
    "get-invoice-validation-report": Endpoint(get_invoice_validation_report, read_only=True),
    "import-incoming-invoice": Endpoint(import_incoming_invoice, read_only=False),
    # Documented, reached through run-action (discovery describes them from the sandbox's action table):
    "delete-webhook": Endpoint(Passthrough("DELETE", "/webhooks/{id}"), read_only=False),
    "generate-customer-number": Endpoint(Passthrough("GET", "/customers/generate-number"), read_only=True),
    "verify-customer-number": Endpoint(
        Passthrough("GET", "/customer/verify-customer-number", ("customerId",)), read_only=True
    ),
    "verify-product-code": Endpoint(Passthrough("GET", "/product/valid-code", ("code",)), read_only=True),
    "get-incoming-invoice-validation": Endpoint(
        Passthrough("GET", "/import/incoming/{importId}/validation"), read_only=True
    ),
    "list-projects": Endpoint(Passthrough("GET", "/projects", LIST_QUERY), read_only=True),
    "get-project": Endpoint(Passthrough("GET", "/project/{id}"), read_only=True),
    "create-project": Endpoint(Passthrough("POST", "/project"), read_only=False),
    "delete-project": Endpoint(Passthrough("DELETE", "/project/{id}"), read_only=False),
}
"""Documented Faktoora calls that the live connector lacks, by the key the tool and the sandbox use."""
