"""JSON Schema builders for the sandbox's own action schemas, and input checking against them.

The sandbox validates raw input itself because ``run-action`` and ``api-request`` can reach it without
the server's schema check. jsonschema is imported on the first check: it costs start-up time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from faktoora_mcp.backends.sandbox.rules.codes import UNIT_CODES, UNIT_HINT
from faktoora_mcp.bounds import MAX_ID, MAX_PAGE, MAX_PER_PAGE_CLAMPED, with_bounds
from faktoora_mcp.errors import InvalidArguments, Violation
from faktoora_mcp.textcheck import excerpt, problems, schema_message

Schema = dict[str, Any]


def obj(properties: Mapping[str, Schema], required: Sequence[str] = (), **extra: Any) -> Schema:
    """An object schema whose every field carries the bounds of ``faktoora_mcp.bounds``."""
    return with_bounds(
        {
            "type": "object",
            "properties": dict(properties),
            "required": list(required),
            "additionalProperties": False,
            **extra,
        }
    )


def string(description: str, **extra: Any) -> Schema:
    return {"type": "string", "description": description, **extra}


def integer(description: str, **extra: Any) -> Schema:
    return {"type": "integer", "description": description, **extra}


def num(description: str, **extra: Any) -> Schema:
    return {"type": "number", "description": description, **extra}


def boolean(description: str, **extra: Any) -> Schema:
    return {"type": "boolean", "description": description, **extra}


def enum(description: str, values: Sequence[Any], **extra: Any) -> Schema:
    kinds = {type(v) for v in values}
    kind = "integer" if kinds == {int} else "string"
    return {"type": kind, "enum": list(values), "description": description, **extra}


def array(description: str, items: Schema, **extra: Any) -> Schema:
    return {"type": "array", "items": items, "description": description, **extra}


def identifier(description: str) -> Schema:
    """An id as the list tools return it: no assumed format (issue 9), only a length bound."""
    return string(description, minLength=1, maxLength=MAX_ID)


def day(description: str) -> Schema:
    return string(f"{description} (YYYY-MM-DD)", format="date")


def list_fields(sort: Sequence[str] | None, default_sort: str | None) -> dict[str, Schema]:
    """page/perPage/order(/sort): perPage over 1000 is clamped, as Faktoora does, so it has no maximum here."""
    fields = {
        "page": integer("Page number, 1-based (default 1).", minimum=1, maximum=MAX_PAGE, default=1),
        "perPage": integer(
            "Items per page, 1-1000 (default 25); larger values are clamped to 1000.",
            minimum=1,
            maximum=MAX_PER_PAGE_CLAMPED,
            default=25,
        ),
        "order": enum("Sort direction (default desc).", ("asc", "desc"), default="desc"),
    }
    if sort:
        fields["sort"] = enum(f"Field to sort by (default {default_sort}).", sort, default=default_sort)
    return fields


def check(action: str, schema: Mapping[str, Any], value: Any) -> dict[str, Any]:
    """``value`` as a dict if it matches ``schema``; otherwise every violation, each naming its field."""
    if not isinstance(value, Mapping):
        raise InvalidArguments.single("", "the input must be a JSON object", tool=action)
    errors = sorted(_validator(_freeze(schema)).iter_errors(dict(value)), key=lambda e: list(e.absolute_path))
    if errors:
        raise InvalidArguments([v for e in errors for v in _violations(e, schema)], tool=action)
    if found := problems(dict(value)):
        raise InvalidArguments(found, tool=action)
    return dict(value)


@cache
def _validator(frozen: str) -> Any:
    import json

    from jsonschema import FormatChecker

    from faktoora_mcp.bounds import exact_validator_class

    checker = FormatChecker(formats=("date", "email"))
    return exact_validator_class()(json.loads(frozen), format_checker=checker)


def _freeze(schema: Mapping[str, Any]) -> str:
    import json

    return json.dumps(schema, sort_keys=True)


def _path(parts: Sequence[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _violations(error: Any, schema: Mapping[str, Any]) -> list[Violation]:
    base = _path(list(error.absolute_path))
    join = (lambda name: f"{base}.{name}") if base else (lambda name: name)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return [Violation(join(missing), "is required")]
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return [Violation(join(name), f"is not an accepted field (accepted: {allowed})") for name in extra]
    return [Violation(base, _message(error))]


def _message(error: Any) -> str:
    kind = error.validator
    if kind == "type":
        return f"must be of type {error.validator_value}, not {type(error.instance).__name__}"
    if kind == "enum" and set(error.validator_value) == set(UNIT_CODES):
        return f"{excerpt(error.instance)} is not a UN/ECE Recommendation 20 code; {UNIT_HINT}"
    if kind == "enum":
        return f"must be one of {', '.join(map(str, error.validator_value))} (got {excerpt(error.instance)})"
    if kind == "format":
        return f"{excerpt(error.instance)} is not a valid {error.validator_value}"
    if kind == "minimum":
        return f"must be at least {error.validator_value}"
    if kind == "minLength":
        return "must not be empty"
    if kind == "pattern" and error.validator_value != "\\S":
        return f"{excerpt(error.instance)} does not match {error.validator_value}"
    if kind == "anyOf" and all(set(option) == {"required"} for option in error.validator_value):
        names = " or ".join(name for option in error.validator_value for name in option["required"])
        return f"give {names} (or both): there is nothing to change otherwise"
    return schema_message(error)
