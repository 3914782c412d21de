"""Business rules Faktoora enforces beyond the JSON schema: postcodes, VAT IDs, units, names, targets.

Each check returns the violations it found (an empty list when the value is fine), so that one call can
report every problem at once. python-stdnum is imported on first use: it costs start-up time.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from faktoora_mcp.backends.sandbox.rules.codes import (
    PAST_TENSE_EVENTS,
    UNIT_CODES,
    UNIT_HINT,
    VAT_RATES,
    WEBHOOK_EVENTS,
)
from faktoora_mcp.backends.sandbox.rules.money import dec
from faktoora_mcp.bounds import MAX_EMAIL
from faktoora_mcp.errors import Violation
from faktoora_mcp.textcheck import excerpt

POSTCODE_FORMATS = {
    "DE": (r"\d{5}", "5 digits"),
    "AT": (r"\d{4}", "4 digits"),
    "CH": (r"\d{4}", "4 digits"),
    "LI": (r"\d{4}", "4 digits"),
    "LU": (r"\d{4}", "4 digits"),
    "BE": (r"\d{4}", "4 digits"),
    "DK": (r"\d{4}", "4 digits"),
    "NL": (r"\d{4} ?[A-Z]{2}", "4 digits and 2 letters (1012 AB)"),
    "FR": (r"\d{5}", "5 digits"),
    "IT": (r"\d{5}", "5 digits"),
    "ES": (r"\d{5}", "5 digits"),
    "PL": (r"\d{2}-\d{3}", "2 digits, a hyphen and 3 digits (00-950)"),
    "CZ": (r"\d{3} ?\d{2}", "5 digits (110 00)"),
}
"""Postcode formats of the countries the seed uses (DE, AT, CH) and of Germany's neighbours."""
POSTCODE_ANY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]{0,9}")
"""Any other country: letters, digits, spaces and hyphens (the manifest's pattern)."""
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]")
PRIVATE_SUFFIXES = (".local", ".invalid", ".localhost", ".internal", ".test", ".example")
PRIVATE_NAMES = frozenset({"localhost"})
MAX_PRICE_DECIMALS = 4
WHITESPACE = re.compile(r"\s")
NUMERIC_HOST = re.compile(r"[0-9a-fx.]+")


def postcode(value: str, country: str | None, path: str = "postcode") -> list[Violation]:
    pattern, words = POSTCODE_FORMATS.get(country or "DE", (None, ""))
    if pattern and not re.fullmatch(pattern, value):
        return [Violation(path, f"must be {words} for {country or 'DE'} (got {excerpt(value)})")]
    if not POSTCODE_ANY.fullmatch(value):
        return [Violation(path, f"{excerpt(value)} is not a postcode: use letters, digits, spaces, hyphens")]
    return []


def vat_id(value: str, path: str = "vatId") -> list[Violation]:
    compact = re.sub(r"[\s.\-]", "", value).upper()
    if _vat_valid(compact):
        return []
    return [
        Violation(
            path, f"{value!r} is not a valid VAT ID (USt-IdNr.); check the country prefix and digits, e.g. DE136695976"
        )
    ]


def _vat_valid(compact: str) -> bool:
    if compact.startswith("CHE"):
        from stdnum.ch import vat as ch_vat

        return bool(ch_vat.is_valid(compact))
    from stdnum.eu import vat as eu_vat

    return bool(eu_vat.is_valid(compact))


def leitweg_id(value: str, path: str = "routeId") -> list[Violation]:
    from stdnum.de import leitweg

    if leitweg.is_valid(value):
        return []
    return [Violation(path, f"{value!r} is not a valid Leitweg-ID (e.g. 991-03730-19: coarse-fine-check digits)")]


def email(value: str, path: str = "email") -> list[Violation]:
    """Checked by email-validator: linear in the input, and the rules of RFC 5321/5322 rather than a regex."""
    from email_validator import EmailNotValidError, validate_email

    if len(value) > MAX_EMAIL:
        return [Violation(path, f"is {len(value):,} characters; an email address has at most {MAX_EMAIL}")]
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return [Violation(path, f"{excerpt(value)} is not an email address ({exc})")]
    return []


def unit(value: str, path: str = "unit") -> list[Violation]:
    if value in UNIT_CODES:
        return []
    return [Violation(path, f"{value!r} is not a UN/ECE Recommendation 20 code; {UNIT_HINT}")]


def tax_rate(value: Any, *, small_business: bool, path: str = "tax") -> list[Violation]:
    if value not in VAT_RATES:
        return [Violation(path, f"must be one of 0, 7, 19 (VAT percent), not {value!r}")]
    if small_business and value != 0:
        return [Violation(path, "must be 0: the account is a Kleinunternehmer (§ 19 UStG) and charges no VAT")]
    return []


def no_emoji(value: str | None, path: str) -> list[Violation]:
    if value and EMOJI.search(value):
        return [Violation(path, "must not contain emoji (they cannot appear on an e-invoice)")]
    return []


def price(value: Any, path: str) -> list[Violation]:
    amount = dec(value)
    if amount < 0:
        return [Violation(path, "must not be negative")]
    if decimals(amount) > MAX_PRICE_DECIMALS:
        return [Violation(path, f"may have at most {MAX_PRICE_DECIMALS} decimals")]
    return []


def webhook_event(value: str, path: str = "action") -> tuple[str | None, list[Violation]]:
    """The fired (present-tense) name for ``value``, or the violation."""
    if value in WEBHOOK_EVENTS:
        return value, []
    if value in PAST_TENSE_EVENTS:
        return PAST_TENSE_EVENTS[value], []
    return None, [Violation(path, f"{value!r} is not a webhook event; use one of {', '.join(WEBHOOK_EVENTS)}")]


def webhook_target(value: str, *, allow_private: bool, path: str = "target") -> list[Violation]:
    if WHITESPACE.search(value):
        return [Violation(path, "must not contain spaces, tabs or line breaks (CR/LF would split the request)")]
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        host = None
    if parts.scheme not in ("http", "https") or not host:
        return [
            Violation(path, f"{excerpt(value)} must be an http(s) URL with a host, e.g. https://hooks.example.com/x")
        ]
    if not allow_private and _private_host(host):
        return [
            Violation(
                path,
                f"{excerpt(host)} is loopback, link-local, private or reserved; Faktoora only calls public hosts "
                "(for local demos, start the sandbox with --sandbox-private-webhooks)",
            )
        ]
    return []


def _private_host(host: str) -> bool:
    name = host.lower().rstrip(".")
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        numeric = NUMERIC_HOST.fullmatch(name) is not None  # 0x7f.1 or 2130706433: IPv4 written another way
        return numeric or name in PRIVATE_NAMES or name.endswith(PRIVATE_SUFFIXES) or "." not in name
    return not address.is_global


def stateless_rules(input: Mapping[str, Any]) -> list[Violation]:
    """The field rules that need no stored data, run before any transaction (a slow check holds no lock)."""
    found: list[Violation] = []
    if input.get("email") and isinstance(input["email"], str):
        found += email(input["email"])
    if input.get("vatId") and isinstance(input["vatId"], str):
        found += vat_id(input["vatId"])
    if input.get("routeId") and isinstance(input["routeId"], str):
        found += leitweg_id(input["routeId"])
    return found


def customer_rules(record: Mapping[str, Any]) -> list[Violation]:
    """Every rule a complete customer record must satisfy (create, and update after the merge)."""
    found = postcode(record["postcode"], record.get("country"))
    if record.get("vatId"):
        found += vat_id(record["vatId"])
    if record.get("email"):
        found += email(record["email"])
    if record.get("routeId"):
        found += leitweg_id(record["routeId"])
    if not (record.get("name") or "").strip():
        subject = "the company name" if record["isCompany"] else "the person's name (or firstName/lastName)"
        found.append(Violation("name", f"is required: {subject}"))
    for field in ("name", "firstName", "lastName", "address", "city"):
        found += no_emoji(record.get(field), field)
    return found


def product_rules(record: Mapping[str, Any], *, small_business: bool) -> list[Violation]:
    found = unit(record["unit"]) + tax_rate(record["tax"], small_business=small_business)
    found += no_emoji(record.get("name"), "name") + no_emoji(record.get("description"), "description")
    for field in ("price", "cost"):
        if record.get(field) is not None:
            found += price(record[field], field)
    return found


def decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
