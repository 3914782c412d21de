"""The discovery tools: find any Faktoora action the backend offers, read its schemas, run it, or make a
raw API request. Their names and schemas are fixed, so the tool list never changes at run time.

A discovered action is treated as a write unless its metadata says it is read-only, and as destructive
when it deletes; the same policy as for catalog tools applies (read-only mode, confirm, dryRun). In
read-only mode run-action and api-request stay listed and run reads: ``Tool.writes`` tells the dispatcher
which calls would change data, and those are refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from faktoora_mcp.backends.base import READ_METHODS, ActionInfo, ApiRequest, Backend
from faktoora_mcp.bounds import MAX_FREE_KEYS, MAX_ID, with_bounds
from faktoora_mcp.catalog import Annotations, ArgumentValidator
from faktoora_mcp.errors import InvalidArguments, UpstreamRejected, Violation
from faktoora_mcp.policy import CONFIRM_PROPERTY, DRY_RUN_OUTPUT, DRY_RUN_PROPERTY, require_confirmation, split_guards
from faktoora_mcp.tools import Progress, Tool, dry_run

MAX_INTENT = 200
"""Membrane's own bound on ``intent`` (its OpenAPI maxLength)."""

READ = Annotations(read_only=True, destructive=False, idempotent=True, open_world=False)
WRITE = Annotations(read_only=False, destructive=True, idempotent=False, open_world=False)

ACTION_REF = {
    "type": "string",
    "minLength": 1,
    "maxLength": MAX_ID,
    "description": "Key (e.g. list-customers) or id from search-actions.",
}
QUERY_VALUE = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
"""Not a type array, which single-type schema dialects (Gemini's OpenAPI subset) cannot map."""
SUMMARY = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "description": "Action id: pass it (or the key) to describe-action and run-action."},
        "key": {"type": "string", "description": "Stable action key."},
        "name": {"type": "string", "description": "Human name."},
        "description": {"type": "string", "description": "First sentence of the description."},
        "readOnly": {"type": "boolean", "description": "true when it only reads; otherwise it changes data."},
        "destructive": {"type": "boolean", "description": "true when it deletes; run-action then needs confirm."},
        "requiredInputs": {"type": "array", "items": {"type": "string"}, "description": "Required input fields."},
    },
    "required": ["id", "key", "name", "readOnly", "destructive", "requiredInputs"],
}


def _schema(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _input(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    """An input schema: every value bounded (``faktoora_mcp.bounds``)."""
    return with_bounds(_schema(properties, required))


def labelled(info: ActionInfo, text: str | None = None) -> str:
    """``text`` (default the description) as an agent reads it: saying first when Faktoora's API has no such call.
    The ranking reads the plain description: the label is about where an action runs, not what it does."""
    text = info.description if text is None else text
    if info.sandbox_only is None or text.startswith("Sandbox only"):
        return text
    return f"Sandbox only: in a live account {info.sandbox_only}. {text}"


def summary(info: ActionInfo) -> dict[str, Any]:
    first_sentence = labelled(info, info.description.split(". ")[0].strip())
    required = info.input_schema.get("required", [])
    return {
        "id": info.id,
        "key": info.key,
        "name": info.name,
        "description": first_sentence,
        "readOnly": info.read_only,
        "destructive": info.destructive,
        "requiredInputs": list(required) if isinstance(required, list) else [],
    }


def discovery_tools(backend: Backend) -> list[Tool]:
    """search-actions, describe-action, run-action and api-request. The last two read or write by their
    arguments; each says which through ``Tool.writes``, so that the policy can allow the reads in read-only mode."""
    return [_search(backend), _describe(backend), _run(backend), _api_request(backend)]


def _search(backend: Backend) -> Tool:
    async def run(arguments: dict[str, Any], progress: Progress) -> dict[str, Any]:
        found = await backend.search_actions(arguments["intent"], limit=arguments.get("limit", 10))
        answer: dict[str, Any] = {"actions": [summary(a) for a in found], "count": len(found)}
        return answer | _confidence(arguments["intent"], found)

    return Tool(
        name="search-actions",
        title="Search Faktoora actions",
        description=(
            "Find Faktoora actions beyond the built-in tools by describing what you want in plain words (e.g. "
            "'send an invoice', 'next invoice number', 'import a supplier invoice'), best first. Then "
            "describe-action shows an action's input schema and run-action runs it."
        ),
        toolset="discovery",
        annotations=READ,
        input_schema=_input(
            {
                "intent": {
                    "type": "string",
                    "minLength": 2,
                    "maxLength": MAX_INTENT,
                    "description": "What you want to do, in plain words.",
                },
                "limit": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 50,
                    "default": 10,
                    "description": "How many actions to return, best first.",
                },
            },
            ["intent"],
        ),
        output_schema=_schema(
            {
                "actions": {"type": "array", "items": SUMMARY, "description": "Matching actions, best first."},
                "count": {"type": "integer", "description": "How many actions were returned."},
                "confidence": {
                    "type": "string",
                    "enum": ["high", "low"],
                    "description": "high: an action does what was asked; low: the actions are the nearest guesses.",
                },
                "note": {"type": "string", "description": "Why the confidence is low and what to do about it."},
            },
            ["actions", "count", "confidence"],
        ),
        run=run,
    )


LOW_CONFIDENCE = (
    "No action clearly does what was asked: these are the nearest guesses. Check them with describe-action, or "
    "search again naming the thing (invoice, customer, product, ...) and what should happen to it."
)


def _confidence(intent: str, found: Sequence[ActionInfo]) -> dict[str, str]:
    """``high`` when one of the found actions is about what the request names and does what it asks; ``low``, with
    a note saying so, when they are the nearest guesses."""
    from faktoora_mcp.ranking import answers  # the ranking's index: built on the first search, not at start-up

    if found and answers(intent, found):
        return {"confidence": "high"}
    return {"confidence": "low", "note": LOW_CONFIDENCE}


def _describe(backend: Backend) -> Tool:
    async def run(arguments: dict[str, Any], progress: Progress) -> dict[str, Any]:
        info = await backend.describe_action(arguments["action"])
        return summary(info) | {
            "description": labelled(info),
            "inputSchema": dict(info.input_schema),
            "outputSchema": dict(info.output_schema) if info.output_schema else None,
        }

    output = {
        **SUMMARY["properties"],
        "inputSchema": {"type": "object", "description": "JSON Schema of the input run-action expects."},
        "outputSchema": {"type": ["object", "null"], "description": "JSON Schema of the output, if known."},
    }
    return Tool(
        name="describe-action",
        title="Describe a Faktoora action",
        description=(
            "Get one action's full description, input and output JSON Schemas. Read it before run-action so that "
            "the input is right the first time."
        ),
        toolset="discovery",
        annotations=READ,
        input_schema=_input({"action": ACTION_REF}, ["action"]),
        output_schema={"type": "object", "properties": output, "required": [*SUMMARY["required"], "inputSchema"]},
        run=run,
    )


def _run(backend: Backend) -> Tool:
    async def writes(arguments: Mapping[str, Any]) -> str | None:
        info = await backend.describe_action(arguments["action"])
        return None if info.read_only else info.key

    async def run(arguments: dict[str, Any], progress: Progress) -> dict[str, Any]:
        arguments, confirmed, dry = split_guards(arguments)
        info = await backend.describe_action(arguments["action"])
        input = ArgumentValidator(info.input_schema, tool=info.key, prefix="input")(arguments.get("input", {}))
        if dry and not info.read_only:
            return {"action": info.key, "output": await dry_run(backend, info.id, input), "runId": None}
        if info.destructive and not confirmed:
            raise require_confirmation("run-action", f"data through {info.key} with input {input}")
        result = await backend.run_action(info.id, input)
        return {"action": info.key, "output": result.output, "runId": result.run_id}

    return Tool(
        name="run-action",
        title="Run a Faktoora action",
        description=(
            "Run any action found with search-actions, with an input that matches its schema (see describe-action; "
            "it is checked before anything runs). Deletes need confirm: true; any write can be tried with dryRun. "
            "In read-only mode only reads run."
        ),
        toolset="discovery",
        annotations=WRITE,
        input_schema=_input(
            {
                "action": ACTION_REF,
                "input": {
                    "type": "object",
                    "default": {},
                    "additionalProperties": True,  # bounded by the action's own schema, checked before it runs
                    "description": "The action's input (JSON text of an object is read too).",
                },
                "confirm": CONFIRM_PROPERTY,
                "dryRun": DRY_RUN_PROPERTY,
            },
            ["action"],
        ),
        output_schema=_schema(
            {
                "action": {"type": "string", "description": "The key of the action that ran."},
                "output": {"description": "The action's output (or a dry-run report)."},
                "runId": {"type": ["string", "null"], "description": "The backend's id for this run, if any."},
            },
            ["action", "output"],
        ),
        run=run,
        writes=writes,
    )


RESERVED_HEADERS = frozenset(
    {"host", "authorization", "proxy-authorization", "cookie", "content-length", "transfer-encoding", "connection"}
)
"""Headers the backend sets itself: Membrane sends its credentials to the host it chooses, so a caller's
``Host`` or ``Authorization`` could redirect them or impersonate someone."""


def refuse_unsafe_parts(request: ApiRequest) -> None:
    """Refuse reserved headers and line breaks (CR/LF) in any header or query part, naming the field."""
    found = [
        Violation(f"headers.{name}", "is set by the backend itself (host, credentials, framing); remove it")
        for name in request.headers
        if name.strip().lower() in RESERVED_HEADERS
    ]
    parts = [(f"headers.{k}", k, v) for k, v in request.headers.items()]
    for key, value in request.query.items():
        values = [value] if isinstance(value, str) else list(value)
        parts += [(f"query.{key}", key, str(item)) for item in values]
    found += [
        Violation(field[:200], "contains a line break (CR or LF), which could split the request; remove it")
        for field, key, value in parts
        if any(c in f"{key}{value}" for c in "\r\n")
    ]
    if found:
        raise InvalidArguments(found, tool="api-request")


def _api_request(backend: Backend) -> Tool:
    async def writes(arguments: Mapping[str, Any]) -> str | None:
        method = arguments["method"]
        return None if method in READ_METHODS else f"{method} {arguments['path']}"

    async def run(arguments: dict[str, Any], progress: Progress) -> dict[str, Any]:
        arguments, confirmed, dry = split_guards(arguments)
        method = arguments["method"]
        request = ApiRequest(
            method=method,
            path=arguments["path"],
            query=arguments.get("query", {}),
            headers=arguments.get("headers", {}),
            body=arguments.get("body"),
        )
        refuse_unsafe_parts(request)
        if dry and method not in READ_METHODS:
            return await dry_run(backend, f"{method} {request.path}", arguments, rehearse=False)
        if method == "DELETE" and not confirmed:
            raise require_confirmation("api-request", f"whatever {request.path} names")
        response = await backend.request(request)
        if response.status >= 400:
            raise UpstreamRejected(
                _rejection(method, request.path, response.status, response.body), status=response.status
            )
        return {"status": response.status, "body": response.body, "headers": dict(response.headers)}

    return Tool(
        name="api-request",
        title="Raw Faktoora API request",
        description=(
            "Last resort, when no tool or discovered action fits: a request to the Faktoora REST API, e.g. GET "
            "/customers, GET /invoices/next-number, PATCH /product/{id}. Prefer the tools: they validate input. "
            "DELETE needs confirm; read-only mode allows GET and HEAD only. Answers of 400 and above are errors."
        ),
        toolset="proxy",
        annotations=Annotations(read_only=False, destructive=True, idempotent=False, open_world=False),
        input_schema=_input(
            {
                "method": {
                    "type": "string",
                    "enum": ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
                    "description": "HTTP method.",
                },
                "path": {
                    "type": "string",
                    "pattern": "^/(?!/)",
                    "maxLength": 512,
                    "description": "Path below /api/v1, starting with / (no host).",
                },
                "query": {
                    "type": "object",
                    "description": "Query parameters; a list value repeats the key.",
                    "maxProperties": MAX_FREE_KEYS,
                    "additionalProperties": QUERY_VALUE,
                },
                "headers": {
                    "type": "object",
                    "description": "Extra headers, e.g. Accept: application/xml.",
                    "maxProperties": MAX_FREE_KEYS,
                    "additionalProperties": {"type": "string"},
                },
                "body": {
                    "type": "object",
                    "additionalProperties": True,
                    "description": "JSON body for POST, PUT and PATCH (JSON text of an object is read too).",
                },
                "confirm": CONFIRM_PROPERTY,
                "dryRun": DRY_RUN_PROPERTY,
            },
            ["method", "path"],
        ),
        output_schema={
            "type": "object",
            "anyOf": [
                _schema(
                    {
                        "status": {"type": "integer", "description": "HTTP status."},
                        "body": {"description": "Parsed JSON body, or text."},
                        "headers": {"type": "object", "description": "Response headers."},
                    },
                    ["status", "body"],
                ),
                DRY_RUN_OUTPUT,
            ],
        },
        run=run,
        writes=writes,
    )


def _rejection(method: str, path: str, status: int, body: Any) -> str:
    message = body.get("message", body) if isinstance(body, Mapping) else body
    if isinstance(message, list):
        message = "; ".join(map(str, message))
    return f"{method} {path} answered {status}: {str(message)[:500]}"
