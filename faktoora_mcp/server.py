"""The MCP wiring: the SDK's low-level ``Server`` over a ``Dispatcher``, a ``Catalog`` and a ``Backend``.

This is the only module that imports ``mcp``. The low-level tier emits our schemas exactly but
validates nothing and does not turn handler exceptions into tool errors (on handshake-era connections
it would send ``str(exc)`` to the client), so every tool call ends here in a ``CallToolResult``:
structured content plus a compact JSON mirror on success, ``isError`` with one clear sentence on a
``FaktooraError``, and a generic sentence with an incident id for anything unexpected.
"""

from __future__ import annotations

import json
import logging
import uuid
import warnings
from collections.abc import Callable, Mapping
from typing import Any, get_args

import mcp.types as types
from mcp import MCPDeprecationWarning, MCPError
from mcp.server import Server, ServerRequestContext
from pydantic import ValidationError

from faktoora_mcp import __version__
from faktoora_mcp.backends.base import Backend
from faktoora_mcp.catalog import Catalog
from faktoora_mcp.config import DEFAULT_MAX_TEXT_CHARS
from faktoora_mcp.documents import Document, attachment_note, split_document
from faktoora_mcp.errors import FaktooraError, InvalidArguments, NotFound, UnknownTool
from faktoora_mcp.notices import Level, Sink, notices_to, notify
from faktoora_mcp.prompts import PROMPTS
from faktoora_mcp.prompts import complete as complete_prompt
from faktoora_mcp.prompts import render as render_prompt
from faktoora_mcp.records import complete_template, recent_resources
from faktoora_mcp.resources import ACTION_URI, JSON, RECORD_TEMPLATES
from faktoora_mcp.text_mirror import CUT_MARK, compact_json, text_mirror
from faktoora_mcp.tools import Dispatcher, Progress, Tool

logger = logging.getLogger(__name__)

SERVER_NAME = "faktoora-mcp"
LOG_LEVELS: tuple[str, ...] = get_args(types.LoggingLevel)  # least to most severe
DEFAULT_CLIENT_LOG_LEVEL = "info"
"""What a client hears before it calls logging/setLevel: every notice (they are few and meant for people)."""
_LOG_LEVEL_STATE = "faktoora_mcp.log_level"


def build_server(
    dispatcher: Dispatcher,
    catalog: Catalog,
    backend: Backend,
    *,
    instructions: str,
    verify_output: bool = False,
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    on_tools_listed: Callable[[], None] | None = None,
) -> Server[Any]:
    """The MCP server. ``verify_output`` checks structured content against the output schema (for
    backends whose answers the server does not produce itself, such as a live Faktoora account);
    ``max_text_chars`` bounds the text mirror of a result (structured content is never cut)."""
    handlers = _Handlers(dispatcher, catalog, backend, verify_output, max_text_chars)
    handlers.on_tools_listed = on_tools_listed  # the warm-up starts once the host has the tools (warmup.py)
    with warnings.catch_warnings():
        # The SDK warns that the 2026-07-28 protocol drops logging/setLevel; the clients of today's protocol
        # versions use it, and the SDK routes newer clients to per-request log opt-in by itself.
        warnings.simplefilter("ignore", MCPDeprecationWarning)
        server = _server(handlers, instructions)
    server.middleware.append(name_the_field)
    return server


def _server(handlers: _Handlers, instructions: str) -> Server[Any]:
    return Server(
        SERVER_NAME,
        version=__version__,
        title="Faktoora",
        description="Faktoora invoicing and e-invoicing: invoices, customers, products, webhooks.",
        instructions=instructions,
        on_list_tools=handlers.list_tools,
        # The runner passes a handler's dict on as the wire form (``mcp.server.runner._dump_result``); the
        # low-level signature names only the model. ``wire_result`` says why the dict.
        on_call_tool=handlers.call_tool,  # type: ignore[arg-type]
        on_list_resources=handlers.list_resources,
        on_list_resource_templates=handlers.list_resource_templates,
        on_read_resource=handlers.read_resource,
        on_list_prompts=handlers.list_prompts,
        on_get_prompt=handlers.get_prompt,
        on_completion=handlers.complete,
        on_set_logging_level=handlers.set_logging_level,
    )


async def name_the_field(ctx: ServerRequestContext[Any], call_next: Any) -> Any:
    """Malformed request parameters are INVALID_PARAMS naming each field and what is wrong with it, where the
    SDK alone says only "Invalid request parameters". The values sent are not echoed back."""
    try:
        return await call_next(ctx)
    except ValidationError as exc:
        raise MCPError(code=types.INVALID_PARAMS, message=params_problem(ctx.method, exc)) from None


def params_problem(method: str, exc: ValidationError) -> str:
    problems = {f"{_location(e['loc'])}: {e['msg']}" for e in exc.errors(include_url=False)}
    return f"Invalid parameters for {method}: {'; '.join(sorted(problems))}."


def _location(loc: tuple[Any, ...]) -> str:
    """``("params", "arguments")`` -> ``params.arguments``; pydantic's union branch tags are left out."""
    parts = [str(p) for p in loc if not (isinstance(p, str) and ("[" in p or p[:1].isupper()))]
    return ".".join(parts) or "params"


class _Handlers:
    def __init__(
        self, dispatcher: Dispatcher, catalog: Catalog, backend: Backend, verify_output: bool, max_text_chars: int
    ) -> None:
        self.dispatcher = dispatcher
        self.catalog = catalog
        self.backend = backend
        self.verify_output = verify_output
        self.max_text_chars = max_text_chars
        self._output_validators: dict[str, Any] = {}
        self._tools = types.ListToolsResult(tools=[wire_tool(tool) for tool in dispatcher.listed()])
        self.on_tools_listed: Callable[[], None] | None = None

    async def list_tools(self, ctx: ServerRequestContext[Any], params: Any) -> types.ListToolsResult:
        if self.on_tools_listed is not None:
            self.on_tools_listed()
        return self._tools

    async def call_tool(self, ctx: ServerRequestContext[Any], params: types.CallToolRequestParams) -> dict[str, Any]:
        name, arguments = params.name, params.arguments or {}
        with notices_to(_notice_sink(ctx)):
            return wire_result(await self._call_tool(ctx, name, arguments))

    async def _call_tool(
        self, ctx: ServerRequestContext[Any], name: str, arguments: dict[str, Any]
    ) -> types.CallToolResult:
        try:
            output = await self.dispatcher.call(name, arguments, _progress_sink(ctx))
        except FaktooraError as exc:
            logger.info("%s refused: %s", name, exc.message)
            return error_result(exc.message)
        except Exception:
            incident = uuid.uuid4().hex[:8]
            logger.exception("%s failed unexpectedly (incident %s)", name, incident)
            return error_result(
                f"{name} failed because of an internal error in faktoora-mcp (incident {incident}); "
                "the server log has the details. Retrying will not help unless the cause is fixed."
            )
        if self.verify_output and (problem := self._output_problem(name, output)):
            return error_result(
                f"{name} succeeded, but Faktoora answered in a shape this server does not know ({problem}). "
                f"The raw answer follows:\n{compact_json(output)}"
            )
        metadata, document = split_document(output)
        text = text_mirror(metadata, self.max_text_chars, tool=name, arguments=arguments)
        if CUT_MARK in text:  # compact JSON escapes newlines, so only the cut note holds one
            await notify("notice", f"{name}: the answer's text was cut at {self.max_text_chars:,} characters.")
        if document is None:
            return types.CallToolResult(content=[text_block(text)], structured_content=output)
        content = [text_block(f"{text}\n{attachment_note(metadata, document)}"), embedded(document)]
        return types.CallToolResult(content=content, structured_content=output)

    async def set_logging_level(
        self, ctx: ServerRequestContext[Any], params: types.SetLevelRequestParams
    ) -> types.EmptyResult:
        _connection_state(ctx)[_LOG_LEVEL_STATE] = params.level
        return types.EmptyResult()

    def _output_problem(self, name: str, output: Mapping[str, Any]) -> str | None:
        from jsonschema.exceptions import best_match

        validator = self._output_validator(name)
        error = best_match(validator.iter_errors(output)) if validator else None
        return f"{'.'.join(map(str, error.absolute_path)) or 'result'}: {error.message}" if error else None

    def _output_validator(self, name: str) -> Any:
        """Compiled once per tool: compiling costs far more than validating."""
        if name not in self._output_validators:
            from jsonschema import Draft202012Validator

            schema = self.dispatcher.get(name).output_schema
            self._output_validators[name] = Draft202012Validator(schema) if schema else None
        return self._output_validators[name]

    async def list_prompts(self, ctx: ServerRequestContext[Any], params: Any) -> types.ListPromptsResult:
        return types.ListPromptsResult(
            prompts=[
                types.Prompt(
                    name=p.name,
                    title=p.title,
                    description=p.description,
                    arguments=[
                        types.PromptArgument(name=a.name, description=a.description, required=a.required)
                        for a in p.arguments
                    ],
                )
                for p in PROMPTS
            ]
        )

    async def get_prompt(
        self, ctx: ServerRequestContext[Any], params: types.GetPromptRequestParams
    ) -> types.GetPromptResult:
        try:
            prompt, text = render_prompt(params.name, params.arguments or {})
        except FaktooraError as exc:
            raise MCPError(code=types.INVALID_PARAMS, message=exc.message) from None
        message = types.PromptMessage(role="user", content=text_block(text))
        return types.GetPromptResult(description=prompt.description, messages=[message])

    async def complete(
        self, ctx: ServerRequestContext[Any], params: types.CompleteRequestParams
    ) -> types.CompleteResult:
        argument, value = params.argument.name, params.argument.value
        try:
            if isinstance(params.ref, types.PromptReference):
                found = await complete_prompt(params.ref.name, argument, value, self.backend)
            else:
                found = await complete_template(params.ref.uri, argument, value, self.backend)
        except FaktooraError as exc:
            raise MCPError(code=types.INVALID_PARAMS, message=exc.message) from None
        completion = types.Completion(values=found.values, total=found.total, has_more=found.has_more)
        return types.CompleteResult(completion=completion)

    async def list_resources(self, ctx: ServerRequestContext[Any], params: Any) -> types.ListResourcesResult:
        records = [
            types.Resource(uri=r.uri, name=r.name, title=r.title, description=r.description, mime_type=JSON)
            for r in await recent_resources(self.backend)
        ]
        actions = [
            types.Resource(
                uri=f"faktoora://actions/{spec.key}",
                name=spec.key,
                title=f"Action: {spec.title}",
                description=f"The manifest of {spec.key}: description, input and output schemas, annotations.",
                mime_type=JSON,
            )
            for spec in self.catalog
        ]
        return types.ListResourcesResult(resources=records + actions)

    async def list_resource_templates(
        self, ctx: ServerRequestContext[Any], params: Any
    ) -> types.ListResourceTemplatesResult:
        return types.ListResourceTemplatesResult(
            resource_templates=[
                types.ResourceTemplate(
                    uri_template=t.uri_template, name=t.name, description=t.description, mime_type=t.mime_type
                )
                for t in RECORD_TEMPLATES
            ]
        )

    async def read_resource(
        self, ctx: ServerRequestContext[Any], params: types.ReadResourceRequestParams
    ) -> types.ReadResourceResult:
        uri = str(params.uri)
        try:
            with notices_to(_notice_sink(ctx)):
                contents = await self._read(uri)
        except (NotFound, UnknownTool) as exc:
            raise MCPError(code=types.INVALID_PARAMS, message=f"Resource not found: {uri}. {exc.message}") from None
        except InvalidArguments as exc:
            message = f"uri: {uri} names no valid record. {exc.message}"
            raise MCPError(code=types.INVALID_PARAMS, message=message) from None
        except FaktooraError as exc:
            raise MCPError(code=types.INTERNAL_ERROR, message=f"Cannot read {uri}: {exc.message}") from None
        return types.ReadResourceResult(contents=[contents])

    async def _read(self, uri: str) -> types.TextResourceContents | types.BlobResourceContents:
        if match := ACTION_URI.match(uri):
            spec = self.catalog.get(match[1])
            return text_contents(uri, json.dumps(spec.manifest, ensure_ascii=False, indent=2), JSON)
        for template in RECORD_TEMPLATES:
            if match := template.pattern.match(uri):
                result = await self.backend.run_action(template.action, {template.argument: match[1], **template.input})
                _, document = split_document(result.output) if isinstance(result.output, Mapping) else ({}, None)
                if document is None:
                    return text_contents(uri, compact_json(result.output), JSON)
                return resource_contents(Document(uri, document.mime_type, document.text, document.blob))
        raise NotFound(
            "Known resources are faktoora://actions/{key}, faktoora://customers/{id}, faktoora://products/{id} "
            "and faktoora://invoices/{faktooraId}[/status|/content|/pdf]."
        )


def wire_tool(tool: Tool) -> types.Tool:
    notes = tool.annotations
    return types.Tool(
        name=tool.name,
        title=tool.title,
        description=tool.description,
        input_schema=dict(tool.input_schema),
        output_schema=dict(tool.output_schema) if tool.output_schema else None,
        annotations=types.ToolAnnotations(
            title=tool.title,
            read_only_hint=notes.read_only,
            destructive_hint=notes.destructive,
            idempotent_hint=notes.idempotent,
            open_world_hint=notes.open_world,
        ),
    )


def wire_result(result: types.CallToolResult) -> dict[str, Any]:
    """The wire form of a tool result, its structured content handed over as the JSON data it already is.

    pydantic dumps ``structuredContent`` (typed ``Any``) by inspecting every value, and the SDK validates and
    dumps the wire form once more on its way out (``serialize_server_result``), so dumping the model here too
    walked a 1,000-row answer twice: about a fifth of its cost (``benchmarks/text_mirror.py``)."""
    wire = result.model_dump(by_alias=True, mode="json", exclude_none=True, exclude={"structured_content"})
    if result.structured_content is not None:
        wire["structuredContent"] = result.structured_content
    return wire


def _progress_sink(ctx: ServerRequestContext[Any]) -> Progress:
    async def progress(done: float, total: float | None, message: str | None) -> None:
        await ctx.session.report_progress(done, total, message)

    return progress


def _connection_state(ctx: ServerRequestContext[Any]) -> dict[str, Any]:
    """The SDK's per-connection scratch state (``Connection.state``), which outlives one request. A low-level
    handler context has no public path to it yet; without one (a future SDK) the level lasts one request."""
    connection = getattr(ctx.session, "_connection", None)
    state = getattr(connection, "state", None)
    return state if isinstance(state, dict) else {}


def _notice_sink(ctx: ServerRequestContext[Any]) -> Sink:
    """Notices of this request as ``notifications/message`` at or above the level the client set."""
    state = _connection_state(ctx)

    async def send(level: Level, message: str) -> None:
        wanted = state.get(_LOG_LEVEL_STATE, DEFAULT_CLIENT_LOG_LEVEL)
        if LOG_LEVELS.index(level) < LOG_LEVELS.index(wanted):
            return
        with warnings.catch_warnings():  # see build_server; the call only builds the coroutine
            warnings.simplefilter("ignore", MCPDeprecationWarning)
            pending = ctx.session.send_log_message(
                level, message, logger=SERVER_NAME, related_request_id=ctx.request_id
            )
        await pending

    return send


def text_contents(uri: str, text: str, mime_type: str) -> types.TextResourceContents:
    return types.TextResourceContents(uri=uri, text=text, mime_type=mime_type)


def resource_contents(document: Document) -> types.TextResourceContents | types.BlobResourceContents:
    if document.blob is not None:
        return types.BlobResourceContents(uri=document.uri, blob=document.blob, mime_type=document.mime_type)
    return text_contents(document.uri, document.text or "", document.mime_type)


def embedded(document: Document) -> types.EmbeddedResource:
    """A file inside a tool result, with its MIME type: text for XML, a base64 blob for PDF."""
    return types.EmbeddedResource(type="resource", resource=resource_contents(document))


def text_block(text: str) -> types.TextContent:
    return types.TextContent(type="text", text=text)


def error_result(message: str) -> types.CallToolResult:
    return types.CallToolResult(content=[text_block(message)], is_error=True)
