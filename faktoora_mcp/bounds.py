"""Every bound an input may reach, in one table: string lengths, number ranges, decimals and dates.

No input may be unbounded (issue 11): a 1 MB product code, a 50,001-character keyword or ``page: 2**63``
must be refused by the schema, before they reach a store, an index or Decimal arithmetic. The manifests
carry these bounds literally (a test checks ``with_bounds(manifest) == manifest``); the sandbox's own
action schemas get them from ``with_bounds`` when they are built.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

MAX_ID = 100
"""Identifiers come from list tools; 100 holds any uuid, faktooraId or importId with room to spare."""
MAX_NAME = 255
"""Faktoora's own limit for names (the project name, reference §6.5); also holds any street or person."""
MAX_SHORT = 100
"""Numbers, codes, categories and references: a label, never a text."""
MAX_TEXT = 2000
"""Descriptions and payment terms: a paragraph, not a document."""
MAX_EMAIL = 254
"""RFC 5321: the longest address a mail server accepts."""
MAX_URL = 2048
"""The de-facto URL limit of browsers and proxies."""
MAX_KEYWORD = 200
"""A search phrase; far longer LIKE patterns make SQLite refuse ("pattern too complex")."""
MAX_KEYWORDS = 10
"""Keywords that must all match: more narrow nothing further."""
MAX_XML = 5_000_000
"""An imported e-invoice file: 5 MB holds thousands of lines."""
MAX_FREE_KEYS = 50
"""Keys in the free-form ``extras`` object."""

MAX_PAGE = 100_000
"""Pages of up to 1000 items: 100 million records, and the offset stays far inside SQLite's integers."""
MAX_PER_PAGE_CLAMPED = 1_000_000
"""The sandbox clamps perPage to 1000 like Faktoora; beyond this it is refused rather than clamped."""
MAX_UNIT_PRICE = 1_000_000
"""A net unit price; with MAX_QUANTITY and MAX_LINES every total stays exact to the cent as a JSON number."""
MAX_QUANTITY = 100_000
"""Units on one invoice line."""
MAX_LINES = 200
"""Lines on one invoice."""
MAX_AMOUNT = 10_000_000_000
"""Any other amount (estimate, prepaid): ten billion, well inside exact Decimal and float cents."""
MAX_COUNT = 1_000_000_000
"""Stock counts and counters, either sign."""
MAX_HOURS = 1_000_000
"""Estimated hours of a product."""
MAX_PAYMENT_TERM_DAYS = 365
"""Days until due; a longer term is not a payment term."""
MAX_MINUTES = 10_000_000
"""Estimated minutes of a project (about 19 years of work)."""
UNIT_PRICE_STEP = 0.0001
"""Unit prices and quantities carry at most 4 decimals (EN 16931 allows more; Faktoora shows 4)."""
CENT_STEP = 0.01
"""Amounts carry at most 2 decimals."""
DATE_PATTERN = "^(19|2[01])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
"""Dates from 1900 to 2199: every real invoice, and date arithmetic on them can never overflow."""
DATE_TIME_PATTERN = (
    "^(19|2[01])[0-9]{2}-[0-9]{2}-[0-9]{2}"
    "([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$"
)
"""A date, or a date with a time (ISO 8601), in the same years."""
VISIBLE = "\\S"
"""A name must contain something other than whitespace."""
POSTCODE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9 -]{0,9}$"
"""Postcodes of every country: letters, digits, spaces and hyphens, at most 10."""
URL_PATTERN = "^https?://[^\\s]+$"
"""An http(s) URL without whitespace, so no CR/LF can be smuggled into a request line."""

ID = {"type": "string", "minLength": 1, "maxLength": MAX_ID}
DATE = {"type": "string", "format": "date", "maxLength": 10, "pattern": DATE_PATTERN}

FIELDS: dict[str, dict[str, Any]] = {
    "id": {"minLength": 1, "maxLength": MAX_ID},
    "faktooraId": {"minLength": 1, "maxLength": MAX_ID},
    "importId": {"minLength": 1, "maxLength": MAX_ID},
    "productId": {"minLength": 1, "maxLength": MAX_ID},
    "customerId": {"minLength": 1, "maxLength": MAX_ID},
    "name": {"minLength": 1, "maxLength": MAX_NAME, "pattern": VISIBLE},
    "title": {"maxLength": 50},
    "firstName": {"maxLength": MAX_NAME},
    "lastName": {"maxLength": MAX_NAME},
    "nameAuthorisedSignatory": {"maxLength": MAX_NAME},
    "address": {"minLength": 1, "maxLength": MAX_NAME, "pattern": VISIBLE},
    "postcode": {"minLength": 1, "maxLength": 10, "pattern": POSTCODE_PATTERN},
    "city": {"minLength": 1, "maxLength": MAX_SHORT, "pattern": VISIBLE},
    "country": {"maxLength": 2},
    "email": {"maxLength": MAX_EMAIL},
    "phoneNo": {"maxLength": 50},
    "faxNo": {"maxLength": 50},
    "category": {"maxLength": MAX_SHORT},
    "vatId": {"maxLength": 30},
    "taxId": {"maxLength": 50},
    "routeId": {"maxLength": 50},
    "peppolId": {"maxLength": 150},
    "supplierNumber": {"maxLength": MAX_SHORT},
    "invoiceProfile": {"maxLength": MAX_SHORT},
    "code": {"minLength": 1, "maxLength": MAX_SHORT},
    "description": {"maxLength": MAX_TEXT},
    "buyerAssignedID": {"maxLength": MAX_SHORT},
    "schemeId": {"maxLength": 4},
    "price": {"minimum": 0, "maximum": MAX_UNIT_PRICE, "multipleOf": UNIT_PRICE_STEP},
    "cost": {"minimum": 0, "maximum": MAX_UNIT_PRICE, "multipleOf": UNIT_PRICE_STEP},
    "unitPrice": {"minimum": 0, "maximum": MAX_UNIT_PRICE, "multipleOf": UNIT_PRICE_STEP},
    "quantity": {"maximum": MAX_QUANTITY, "multipleOf": UNIT_PRICE_STEP},
    "inventoryCount": {"minimum": -MAX_COUNT, "maximum": MAX_COUNT},
    "time": {"minimum": 0, "maximum": MAX_HOURS},
    "estimate": {"minimum": 0, "maximum": MAX_AMOUNT},
    "prepaid": {"minimum": 0, "maximum": MAX_AMOUNT, "multipleOf": CENT_STEP},
    "paymentTermDays": {"minimum": 0, "maximum": MAX_PAYMENT_TERM_DAYS},
    "estMinutes": {"minimum": 0, "maximum": MAX_MINUTES},
    "counter": {"minimum": 0, "maximum": MAX_COUNT},
    "target": {"maxLength": MAX_URL, "pattern": URL_PATTERN},
    "keyword": {"minLength": 1, "maxLength": MAX_KEYWORD},
    "invoiceNumber": {"minLength": 1, "maxLength": MAX_SHORT},
    "paymentTerms": {"maxLength": MAX_TEXT},
    "buyerReference": {"maxLength": MAX_SHORT},
    "orderReference": {"maxLength": MAX_SHORT},
    "currency": {"maxLength": 3},
    "fileName": {"maxLength": MAX_NAME},
    "xml": {"minLength": 1, "maxLength": MAX_XML},
    "template": {"maxLength": 50},
    "place": {"maxLength": MAX_NAME},
    "page": {"minimum": 1, "maximum": MAX_PAGE},
    "paidAt": {"maxLength": 35, "pattern": DATE_TIME_PATTERN},
    "eta": {"maxLength": 35, "pattern": DATE_TIME_PATTERN},
}
"""Bounds by field name; a field's own schema keeps whatever it states more strictly."""

ARRAYS: dict[str, dict[str, Any]] = {
    "keywords": {"maxItems": MAX_KEYWORDS},
    "lines": {"maxItems": MAX_LINES},
    "status": {"maxItems": 10},
}
FALLBACK_STRING = {"maxLength": MAX_TEXT}
FALLBACK_INTEGER = {"minimum": -MAX_COUNT, "maximum": MAX_COUNT}
FALLBACK_NUMBER = {"minimum": -MAX_AMOUNT, "maximum": MAX_AMOUNT}
FREE_VALUE = {"anyOf": [{"type": "string", "maxLength": MAX_TEXT}, {"type": "number"}, {"type": "boolean"}]}
"""A value of free-form key/value data: typed, so that every host's schema converter can map it."""
FREE_OBJECT = {
    "maxProperties": MAX_FREE_KEYS,
    "propertyNames": {"maxLength": MAX_SHORT},
    "additionalProperties": FREE_VALUE,
}


def with_bounds(schema: Mapping[str, Any]) -> dict[str, Any]:
    """``schema`` with every property bounded: the table's bounds by name, else a fallback by type."""
    out = copy.deepcopy(dict(schema))
    _bound(out, None)
    return out


def _bound(schema: dict[str, Any], name: str | None) -> None:
    kinds = schema.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    if schema.get("format") == "date" and "string" in kinds:
        _fill(schema, {"maxLength": 10, "pattern": DATE_PATTERN})
    if not ("enum" in schema or "const" in schema):
        _fill(schema, FIELDS.get(name or "", {}))
        if "array" in kinds:
            _fill(schema, ARRAYS.get(name or "", {}))
        for kind, fallback in (("string", FALLBACK_STRING), ("integer", FALLBACK_INTEGER), ("number", FALLBACK_NUMBER)):
            if kind in kinds:
                _fill(schema, {k: v for k, v in fallback.items() if k not in schema})  # only what is missing
    for child, sub in schema.get("properties", {}).items():
        _bound(sub, child)
    if isinstance(schema.get("items"), dict):
        _bound(schema["items"], name)
    if isinstance(schema.get("additionalProperties"), dict):
        _bound(schema["additionalProperties"], None)
    if "object" in kinds and not schema.get("properties") and "additionalProperties" not in schema:
        # Free-form data (extras); an explicit ``additionalProperties: true`` marks input checked elsewhere.
        schema.update(copy.deepcopy(FREE_OBJECT))


def _fill(schema: dict[str, Any], bounds: Mapping[str, Any]) -> None:
    """Add each bound the schema lacks; a stricter bound it already states is kept."""
    kinds = schema.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    for key, value in bounds.items():
        if key in ("maxLength", "minLength", "pattern") and "string" not in kinds:
            continue
        if key in ("minimum", "maximum", "multipleOf") and not kinds & {"integer", "number"}:
            continue
        if key == "multipleOf" and "integer" in kinds:
            continue
        if key == "pattern" and "pattern" in schema:
            continue
        if f"exclusive{key.capitalize()}" in schema:
            continue  # exclusiveMinimum: 0 already bounds that side
        if key not in schema:
            schema[key] = value
        elif key in ("maximum", "maxLength", "maxItems"):
            schema[key] = min(schema[key], value)
        elif key in ("minimum", "minLength"):
            schema[key] = max(schema[key], value)


def exact_validator(schema: Mapping[str, Any]) -> Any:
    """A Draft 2020-12 validator (with format checks) whose ``multipleOf`` is exact.

    jsonschema divides floats, so ``19.99`` is "not a multiple of 0.0001"; prices would be refused at
    random. Here the check runs on the decimal text of the number, as a person reads it.
    """
    from jsonschema import Draft202012Validator

    return exact_validator_class()(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def exact_validator_class() -> Any:
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"multipleOf": _multiple_of})


def _multiple_of(validator: Any, step: Any, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "number") or instance != instance or instance in (float("inf"), float("-inf")):
        return  # NaN and infinities are refused by faktoora_mcp.textcheck with a clearer message
    if (Fraction(repr(instance)) / Fraction(repr(step))).denominator != 1:
        places = -min(0, int(Decimal(repr(step)).as_tuple().exponent))
        yield ValidationError(f"{instance!r} may have at most {places} decimals (a multiple of {step})")
