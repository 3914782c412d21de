"""The sandbox's REST surface: Faktoora's paths (reference §4) over the same actions and store.

Routes are served with or without an ``/api/v1`` or ``/api/v2`` prefix. Query values arrive as strings
and are converted by the action's input schema. Errors are answered, not raised, in NestJS style:
``{"statusCode": 400, "message": "...", "error": "Bad Request"}``.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import parse_qsl, quote

from faktoora_mcp.backends.base import ActionResult, ApiRequest, ApiResponse
from faktoora_mcp.backends.sandbox.actions.registry import find
from faktoora_mcp.backends.sandbox.rest.values import body_object, query_input
from faktoora_mcp.errors import FaktooraError, InvalidArguments

PREFIX = re.compile(r"^/api/v[12](?=/)")


class Actions(Protocol):
    """What the routes need of a backend; ``SandboxBackend`` is one, and this module never imports it back."""

    async def run_action(self, action: str, input: Mapping[str, Any]) -> ActionResult: ...

    async def run_batch(self, action: str, inputs: Sequence[Mapping[str, Any]], *, field: str) -> list[Any]: ...


Answer = Callable[[Actions, ApiRequest, dict[str, str]], Awaitable[ApiResponse]]


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    pattern: str
    answer: Answer

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.pattern) + "/?$")


def action(key: str, *, source: str = "query", status: int = 200) -> Answer:
    """An answer that runs one action on the query (reads) or the JSON body (writes) plus path values."""

    async def answer(backend: Actions, request: ApiRequest, values: dict[str, str]) -> ApiResponse:
        schema = find(key).input_schema
        given = query_input(schema, request.query) if source == "query" else body_object(request.body)
        result = await backend.run_action(key, {**given, **values})
        return ApiResponse(status=status, body=result.output, headers={"content-type": "application/json"})

    return answer


async def invoice_file(backend: Actions, request: ApiRequest, values: dict[str, str]) -> ApiResponse:
    """``GET /invoices/{faktooraId}``: the file in the format the Accept header asks for."""
    file_format = _accepted_format(request.headers)
    if file_format is None:
        return error(406, "Accept must be application/xml or application/pdf for an invoice download.")
    result = await backend.run_action("get-invoice-by-id", {"faktooraId": values["faktooraId"], "format": file_format})
    return _file_response(result.output)


async def invoices_list_or_file(backend: Actions, request: ApiRequest, values: dict[str, str]) -> ApiResponse:
    """``GET /invoices`` lists; with ``invoiceNumber`` it downloads that invoice, as Faktoora does."""
    number = request.query.get("invoiceNumber")
    if not number:
        return await action("list-outgoing-invoices")(backend, request, values)
    file_format = _accepted_format(request.headers)
    if file_format is None:
        return error(406, "Accept must be application/xml or application/pdf for an invoice download.")
    number = number if isinstance(number, str) else number[0]
    result = await backend.run_action("get-invoice-by-number", {"invoiceNumber": number, "format": file_format})
    return _file_response(result.output)


def _with_mode(item: Any) -> Any:
    """Faktoora's flags as the action's mode: draftOnly, else reviewMode, else (neither set) delivered at once."""
    if not isinstance(item, dict) or not ({"draftOnly", "reviewMode"} & item.keys()):
        return item
    rest = {k: v for k, v in item.items() if k not in ("draftOnly", "reviewMode")}
    mode = "draft" if item.get("draftOnly") else "review" if item.get("reviewMode") else "deliver"
    return {**rest, "mode": mode}


async def create_invoices(backend: Actions, request: ApiRequest, values: dict[str, str]) -> ApiResponse:
    """``POST /invoices`` with ``{"invoices": [...]}``: 202 with each faktooraId; one bad invoice stops all."""
    body = body_object(request.body)
    items = body.get("invoices")
    if not isinstance(items, list) or not items:
        raise InvalidArguments.single("invoices", "must be a non-empty array of invoices")
    created = await backend.run_batch("create-outgoing-invoice", [_with_mode(i) for i in items], field="invoices")
    summary = [{k: c[k] for k in ("invoiceNumber", "faktooraId", "detailsPage", "status")} for c in created]
    return ApiResponse(status=202, body={"invoices": summary}, headers={"content-type": "application/json"})


async def import_incoming(backend: Actions, request: ApiRequest, values: dict[str, str]) -> ApiResponse:
    """``POST /import/incoming``: the XML as the body text, or ``{"xml": ..., "fileName": ...}``."""
    body = {"xml": request.body} if isinstance(request.body, str) else body_object(request.body)
    result = await backend.run_action("import-incoming-invoice", {**body, "source": body.get("source", "api")})
    return ApiResponse(
        status=202, body={"importId": result.output["importId"]}, headers={"content-type": "application/json"}
    )


def _accepted_format(headers: Mapping[str, str]) -> str | None:
    accept = next((v for k, v in headers.items() if k.lower() == "accept"), "*/*").lower()
    if "application/xml" in accept or "text/xml" in accept:
        return "xml"
    if "application/pdf" in accept or "*/*" in accept:
        return "pdf"  # a download without a preference gets the PDF, like Faktoora's web links
    return None


def _file_response(document: Mapping[str, Any]) -> ApiResponse:
    headers = {
        "content-type": document["mimeType"],
        "content-disposition": f'attachment; filename="{document["fileName"]}"',
    }
    if document["encoding"] == "base64":
        headers["content-transfer-encoding"] = "base64"  # binary bodies travel as base64 text in JSON
    return ApiResponse(status=200, body=document["document"], headers=headers)


def _routes() -> tuple[Route, ...]:
    webhook_routes = []
    for base in ("/webhooks", "/webhook"):  # the docs post to the singular; both spellings are served
        webhook_routes += [
            Route("GET", base, action("list-webhooks")),
            Route("POST", base, action("create-webhook", source="body", status=201)),
            Route("PATCH", base + "/{id}", action("update-webhook", source="body")),
            Route("DELETE", base + "/{id}", action("delete-webhook")),
        ]
    return (
        Route("GET", "/customers", action("list-customers")),
        Route("GET", "/customers/generate-number", action("generate-customer-number")),
        Route("GET", "/customer/verify-customer-number", action("verify-customer-number")),
        Route("POST", "/customer", action("create-customer", source="body", status=201)),
        Route("GET", "/customer/{id}", action("get-customer")),
        Route("PATCH", "/customer/{id}", action("update-customer", source="body")),
        Route("DELETE", "/customer/{id}", action("delete-customer")),
        Route("GET", "/products", action("list-products")),
        Route("GET", "/product/valid-code", action("verify-product-code")),
        Route("POST", "/product", action("create-product", source="body", status=201)),
        Route("GET", "/product/{id}", action("get-product")),
        Route("PATCH", "/product/{id}", action("update-product", source="body")),
        Route("DELETE", "/product/{id}", action("delete-product")),
        Route("GET", "/invoices", invoices_list_or_file),
        Route("POST", "/invoices", create_invoices),
        Route("GET", "/invoices/next-number", action("get-next-invoice-number")),
        Route("GET", "/invoices/verify-number", action("verify-invoice-number")),
        Route("GET", "/invoices/{faktooraId}", invoice_file),
        Route("GET", "/invoices/{faktooraId}/status", action("get-outgoing-invoice-status")),
        Route("DELETE", "/invoices/{faktooraId}", action("delete-invoice")),
        Route("GET", "/import/incoming", action("list-incoming-invoices")),
        Route("POST", "/import/incoming", import_incoming),
        Route("GET", "/import/incoming/{importId}/validation", action("get-incoming-invoice-validation")),
        *webhook_routes,
        Route("GET", "/projects", action("list-projects")),
        Route("POST", "/project", action("create-project", source="body", status=201)),
        Route("GET", "/project/{id}", action("get-project")),
        Route("DELETE", "/project/{id}", action("delete-project")),
        Route("GET", "/settings/invoice-number-template", action("get-invoice-number-template")),
        Route("PUT", "/settings/invoice-number-template", action("update-invoice-number-template", source="body")),
        Route("GET", "/account", action("get-account")),
    )


ROUTES = _routes()
COMPILED = tuple((route, route.regex) for route in ROUTES)


async def serve(backend: Actions, request: ApiRequest) -> ApiResponse:
    path, query = _resolve(request)
    request = ApiRequest(request.method, path, query, request.headers, request.path_params, request.body)
    method = "GET" if request.method == "HEAD" else request.method
    for route, regex in COMPILED:
        match = regex.match(path)
        if match and route.method == method:
            try:
                response = await route.answer(backend, request, match.groupdict())
            except FaktooraError as exc:
                response = error(exc.status, _message(exc))
            return _without_body(response) if request.method == "HEAD" else response
    return error(
        404,
        f"Cannot {request.method} {path}. The sandbox serves: " + ", ".join(f"{r.method} {r.pattern}" for r in ROUTES),
    )


def _without_body(response: ApiResponse) -> ApiResponse:
    """HEAD: the status and headers GET would answer, and no body."""
    return ApiResponse(status=response.status, body=None, headers=response.headers)


def _resolve(request: ApiRequest) -> tuple[str, dict[str, Any]]:
    """The path without prefix, its ``{name}`` placeholders filled, and any ``?query`` merged in."""
    path = request.path
    for name, value in request.path_params.items():
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    path, _, inline = path.partition("?")
    query: dict[str, Any] = dict(request.query)
    for key, value in parse_qsl(inline):
        query[key] = [*_as_list(query[key]), value] if key in query else value
    return PREFIX.sub("", path) or "/", query


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _message(exc: FaktooraError) -> str | list[str]:
    if isinstance(exc, InvalidArguments) and len(exc.violations) > 1:
        return [str(v) for v in exc.violations]
    if isinstance(exc, InvalidArguments):
        return str(exc.violations[0])
    return exc.message


def error(status: int, message: str | list[str]) -> ApiResponse:
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return ApiResponse(
        status=status,
        body={"statusCode": status, "message": message, "error": phrase},
        headers={"content-type": "application/json"},
    )
