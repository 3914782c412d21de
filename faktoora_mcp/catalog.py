"""Manifests -> validated ``ActionSpec`` objects, and argument validation against the advertised schema.

A manifest file is the single source of truth for a tool: adding a Faktoora action means adding one
JSON file. A broken manifest fails start-up with the file and the reason; call arguments are checked
against exactly the ``inputSchema`` that tools/list advertises, and every violation is reported with
its JSON path ("perPage: 5000 is greater than the maximum of 1000").
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from faktoora_mcp.coercion import coerce
from faktoora_mcp.errors import InvalidArguments, ManifestError, UnknownTool, Violation
from faktoora_mcp.textcheck import excerpt, schema_message

TOOLSETS = ("invoices", "numbering", "customers", "products", "webhooks")
"""The toolsets a catalog action belongs to; discovery and proxy are added by the server."""


def manifest_dir() -> Path:
    """Where the manifests live: inside the installed wheel, or at the top of a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "manifests"
    return installed if installed.is_dir() else package.parent / "manifests"


@dataclass(frozen=True, slots=True)
class Annotations:
    read_only: bool
    destructive: bool
    idempotent: bool
    open_world: bool


@dataclass(frozen=True)
class ActionSpec:
    """One Faktoora action as a tool: everything tools/list advertises, loaded from its manifest."""

    key: str
    title: str
    description: str
    toolset: str
    annotations: Annotations
    input_schema: Mapping[str, Any]
    output_schema: Mapping[str, Any]
    source: Path
    manifest: Mapping[str, Any] = field(repr=False)
    sandbox_only: str | None = None
    """Set when Faktoora's API has no such call: what a live account does instead (a live backend refuses it)."""

    @cached_property
    def validator(self) -> ArgumentValidator:
        return ArgumentValidator(self.input_schema, tool=self.key)

    def validate(self, arguments: Mapping[str, Any]) -> Any:
        """``arguments`` read as the schema's types, or ``InvalidArguments`` listing every violation."""
        return self.validator(arguments)


class ArgumentValidator:
    """Checks arguments against one JSON Schema and reports every violation with its path.

    Arguments are first read as the schema's types where that is certain (``coercion.coerce``: ``"5"``
    for an integer, a JSON text for an object), because real hosts send them as text."""

    def __init__(self, schema: Mapping[str, Any], *, tool: str | None = None, prefix: str = "") -> None:
        self.schema = schema
        self.tool = tool
        self.prefix = prefix

    @cached_property
    def _compiled(self) -> Any:
        # Compiled on first use: jsonschema's import and compile cost stays off the start-up path.
        from faktoora_mcp.bounds import exact_validator

        return exact_validator(self.schema)

    def __call__(self, arguments: Any) -> Any:
        """The coerced arguments when they are valid; else ``InvalidArguments`` with every violation."""
        coerced = coerce(self.schema, arguments)
        violations = sorted(_violations(self._compiled, coerced), key=lambda v: v.path)
        if violations:
            if self.prefix:
                violations = [Violation(json_path([self.prefix]) + _join(v.path), v.message) for v in violations]
            raise InvalidArguments(violations, tool=self.tool)
        return coerced


def _join(path: str) -> str:
    return "" if not path else (path if path.startswith("[") else f".{path}")


class Catalog:
    """The ordered set of catalog actions. Order is stable: toolset, then key."""

    def __init__(self, specs: Mapping[str, ActionSpec]) -> None:
        ordered = sorted(specs.values(), key=lambda s: (TOOLSETS.index(s.toolset), s.key))
        self._specs = {s.key: s for s in ordered}

    @classmethod
    def load(cls, directory: Path | None = None) -> Catalog:
        """Load and check every ``actions/*.json`` under ``directory`` (default: ``manifest_dir()``)."""
        root = directory or manifest_dir()
        files = sorted((root / "actions").glob("*.json"))
        if not files:
            raise ManifestError(f"No manifests found in {root / 'actions'}; the installation is incomplete.")
        return cls({spec.key: spec for spec in map(load_manifest, files)})

    def __iter__(self) -> Iterator[ActionSpec]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    def __contains__(self, key: object) -> bool:
        return key in self._specs

    def get(self, key: str) -> ActionSpec:
        try:
            return self._specs[key]
        except KeyError:
            raise UnknownTool(f"There is no tool named {key!r}. Call tools/list to see the available tools.") from None

    def keys(self) -> list[str]:
        return list(self._specs)


def load_manifest(path: Path) -> ActionSpec:
    """Parse and check one manifest; a ``ManifestError`` names the file and what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"Manifest {path} cannot be read: {exc}") from exc
    problems = _manifest_problems(data, path)
    if problems:
        raise ManifestError(f"Manifest {path} is invalid: {'; '.join(problems)}")
    notes = data["annotations"]
    return ActionSpec(
        key=data["key"],
        title=data["title"],
        description=data["description"],
        toolset=data["toolset"],
        annotations=Annotations(
            read_only=notes["readOnlyHint"],
            destructive=notes["destructiveHint"],
            idempotent=notes["idempotentHint"],
            open_world=notes["openWorldHint"],
        ),
        input_schema=data["inputSchema"],
        output_schema=data["outputSchema"],
        source=path,
        manifest=data,
        sandbox_only=data.get("sandboxOnly"),
    )


def _manifest_problems(data: Any, path: Path) -> list[str]:
    """The cheap structural checks run at every start-up (the full meta-schema check is a test)."""
    if not isinstance(data, dict):
        return ["the top level must be a JSON object"]
    required = ("key", "title", "description", "toolset", "annotations", "inputSchema", "outputSchema")
    problems = [f"{name}: required field is missing" for name in required if name not in data]
    if problems:
        return problems
    if data["key"] != path.stem:
        problems.append(f"key: {data['key']!r} must match the file name {path.stem!r}")
    if data["toolset"] not in TOOLSETS:
        problems.append(f"toolset: {data['toolset']!r} is not one of {', '.join(TOOLSETS)}")
    hints = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")
    notes = data["annotations"] if isinstance(data["annotations"], dict) else {}
    problems += [f"annotations.{h}: must be true or false" for h in hints if not isinstance(notes.get(h), bool)]
    for name in ("inputSchema", "outputSchema"):
        schema = data[name]
        if not isinstance(schema, dict) or schema.get("type") != "object":
            problems.append(f'{name}: the root must be {{"type": "object"}} (MCP requires it)')
    return problems


def _violations(validator: Any, arguments: Mapping[str, Any]) -> Iterator[Violation]:
    for error in validator.iter_errors(arguments):
        yield from _explain(error)


def _explain(error: Any) -> Iterator[Violation]:
    """Turn one jsonschema error into violations located at the offending field."""
    path = json_path(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        yield Violation(json_path([*error.absolute_path, missing]), "required field is missing")
    elif error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for name in sorted(set(error.instance) - set(allowed)):
            hint = f"; allowed fields are {', '.join(allowed)}" if allowed else ""
            yield Violation(json_path([*error.absolute_path, name]), f"unknown field{hint}")
    elif error.validator == "enum":
        options = ", ".join(json.dumps(v, ensure_ascii=False) for v in error.validator_value)
        shown = json.dumps(error.instance, ensure_ascii=False)
        yield Violation(path, f"{shown if len(shown) <= 60 else excerpt(error.instance)} is not one of {options}")
    elif error.validator == "minProperties":
        besides = " besides the id" if isinstance(error.instance, dict) and "id" in error.instance else ""
        yield Violation(path, f"give at least one field to change{besides}")
    elif error.validator == "anyOf" and all(set(option) == {"required"} for option in error.validator_value):
        names = [name for option in error.validator_value for name in option["required"]]
        if isinstance(error.instance, dict) and "id" in error.instance:  # an update: something to change
            yield Violation(path, f"give {' or '.join(names)} (or both): there is nothing to change otherwise")
        else:  # the first alternative is the field to name
            yield Violation(json_path([*error.absolute_path, names[0]]), f"is missing; give {' or '.join(names)}")
    else:
        yield Violation(path, schema_message(error))


def json_path(parts: Any) -> str:
    """``["lines", 0, "quantity"]`` -> ``lines[0].quantity``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
