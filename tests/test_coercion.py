"""Arguments as hosts send them: read as the schema's types where certain, and only there."""

from __future__ import annotations

import math
from typing import Any

import pytest

from faktoora_mcp.coercion import coerce

POSTCODE = {"type": "string", "pattern": "^[0-9A-Z -]{3,10}$"}


@pytest.mark.parametrize(
    ("schema", "sent", "read"),
    [
        ({"type": "integer"}, "5", 5),
        ({"type": "integer"}, "-12", -12),
        ({"type": "number"}, "19.5", 19.5),
        ({"type": "number"}, "7", 7),
        ({"type": "number"}, "2.5e3", 2500.0),
        ({"type": "boolean"}, "true", True),
        ({"type": "boolean"}, "False", False),
        ({"type": "array", "items": {"type": "string"}}, '["overdue", "sent"]', ["overdue", "sent"]),
        ({"type": "array", "items": {"type": "integer"}}, '["1", 2]', [1, 2]),
        ({"type": "object", "properties": {"n": {"type": "integer"}}}, '{"n": "3"}', {"n": 3}),
        ({"type": "object"}, " {}", {}),
        (POSTCODE, 10115, "10115"),
        ({"type": "string"}, 42, "42"),
        ({"type": "string"}, 19.5, "19.5"),
    ],
)
def test_a_value_with_one_reading_is_read_as_the_schema_type(schema, sent, read):
    assert coerce(schema, sent) == read
    assert type(coerce(schema, sent)) is type(read)


@pytest.mark.parametrize(
    ("schema", "sent"),
    [
        ({"type": "integer"}, "five"),
        ({"type": "integer"}, "5.5"),
        ({"type": "integer"}, "007"),  # leading zeros: an identifier, not a count
        ({"type": "integer"}, " 5"),
        ({"type": "integer"}, "1" * 5000),  # more digits than Python converts
        ({"type": "number"}, "NaN"),
        ({"type": "number"}, "Infinity"),
        ({"type": "number"}, "-inf"),
        ({"type": "number"}, "1e999"),  # would overflow to Infinity
        ({"type": "number"}, "1_000"),
        ({"type": "boolean"}, "yes"),
        ({"type": "boolean"}, 1),
        ({"type": "array"}, "overdue"),
        ({"type": "array"}, '{"a": 1}'),  # an object is not an array
        ({"type": "array"}, "[1, 2"),
        ({"type": "object"}, '{"x": NaN}'),
        ({"type": "object"}, '{"x": 1e999}'),
        ({"type": "string", "format": "date"}, 20260301),
        ({"type": "string", "pattern": "^[A-Z]{2}$"}, 12),
        ({"type": "string", "enum": ["a", "b"]}, 1),
        ({"type": "string"}, True),
        ({"type": "string"}, math.inf),
        ({"anyOf": [{"type": "integer"}, {"type": "string"}]}, "5"),  # which branch was meant is not certain
        ({}, "5"),
    ],
)
def test_a_value_without_one_certain_reading_is_left_for_the_validator(schema, sent):
    assert coerce(schema, sent) is sent


def test_nested_fields_are_read_and_the_original_is_not_changed():
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {
            "lines": {
                "type": "array",
                "items": {"type": "object", "properties": {"quantity": {"type": "number"}}},
            },
        },
        "additionalProperties": {"type": "integer"},
    }
    sent = {"lines": '[{"quantity": "2"}]', "extra": "4", "other": "x"}
    assert coerce(schema, sent) == {"lines": [{"quantity": 2}], "extra": 4, "other": "x"}
    assert sent["lines"] == '[{"quantity": "2"}]'


QUERY_VALUE = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


@pytest.mark.parametrize(
    ("schema", "sent", "read"),
    [
        (QUERY_VALUE, 2, "2"),  # only the string branch can take a number
        (QUERY_VALUE, ["open", 2], ["open", "2"]),  # already an array: that branch's items are read
        (QUERY_VALUE, "open", "open"),
        ({"anyOf": [{"type": "integer"}, {"type": "boolean"}]}, "true", True),
        ({"anyOf": [{"type": "integer"}, {"type": "number"}]}, "5", "5"),  # two branches fit: not certain
    ],
)
def test_an_any_of_is_read_only_through_the_one_branch_that_is_certain(schema, sent, read):
    assert coerce(schema, sent) == read
