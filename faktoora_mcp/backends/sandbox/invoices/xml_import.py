"""Reading the basic business terms out of a received e-invoice (CII or UBL XML).

Only what the incoming list shows is read: number, dates, currency, seller and totals. The parser is
defusedxml's, which refuses a DTD, entities and external references outright: e-invoices never carry one, and
they are how XML bombs and external-entity attacks work. Such a file is refused (``InvalidArguments``), not stored.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from faktoora_mcp.bounds import MAX_AMOUNT, MAX_NAME
from faktoora_mcp.errors import InvalidArguments

MAX_TERM_CHARS = MAX_NAME
"""A business term read from a file is stored at most this long (names, numbers, cities)."""


@dataclass(frozen=True, slots=True)
class Parsed:
    format: str | None = None
    invoice_number: str | None = None
    issue_date: str | None = None
    due_date: str | None = None
    currency: str | None = None
    seller_name: str | None = None
    seller_vat_id: str | None = None
    seller_city: str | None = None
    seller_country: str | None = None
    total_net: Decimal | None = None
    total_tax: Decimal | None = None
    total_gross: Decimal | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(rule or business term, what is wrong)."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _first(element: ET.Element | None, *names: str) -> ET.Element | None:
    """The first descendant along a chain of local names (each step searches the whole subtree)."""
    for name in names:
        if element is None:
            return None
        element = next((e for e in element.iter() if _local(e.tag) == name and e is not element), None)
    return element


def _text(element: ET.Element | None, *names: str) -> str | None:
    found = _first(element, *names)
    text = found.text.strip() if found is not None and found.text else ""
    return text[:MAX_TERM_CHARS] or None


AMOUNT_DIGITS = len(str(MAX_AMOUNT))
"""No amount in range has more integer digits than the largest one (10,000,000,000)."""


def _amount(element: ET.Element | None, *names: str) -> Decimal | None:
    """The amount, or NaN when the text is not a finite amount in range (``_checked`` reports it)."""
    text = _text(element, *names)
    try:
        value = Decimal(text) if text else None
    except InvalidOperation:
        return None
    if value is None:
        return None
    # adjusted() reads the exponent without arithmetic: abs() of 1E+1000000 overflows the default context
    in_range = value.is_finite() and value.adjusted() <= AMOUNT_DIGITS and abs(value) <= MAX_AMOUNT
    return value if in_range else Decimal("NaN")


def _cii_date(text: str | None) -> str | None:
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}" if text and len(text) == 8 and text.isdigit() else text


def parse(xml_text: str | bytes, field_name: str = "xml") -> Parsed:
    """The business terms of a CII or UBL invoice; a file with a DTD is refused, naming ``field_name``."""
    try:
        root = SafeET.fromstring(xml_text, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise InvalidArguments.single(
            field_name,
            f"declares a DTD or entities ({type(exc).__name__}); e-invoices (CII/UBL) never do, and the sandbox "
            "refuses them unread (XML bombs, external entities). Send the invoice without its <!DOCTYPE>",
        ) from None
    except ET.ParseError as exc:
        return Parsed(problems=[("XML", f"the file is not well-formed XML ({exc})")])
    kind = _local(root.tag)
    if kind == "CrossIndustryInvoice":
        return _checked(_cii(root))
    if kind in ("Invoice", "CreditNote"):
        return _checked(_ubl(root))
    return Parsed(problems=[("XML", f"<{kind}> is neither a CII CrossIndustryInvoice nor a UBL Invoice")])


def _cii(root: ET.Element) -> Parsed:
    seller = _first(root, "SellerTradeParty")
    return Parsed(
        format="xrechnung-cii",
        invoice_number=_text(root, "ExchangedDocument", "ID"),
        issue_date=_cii_date(_text(root, "ExchangedDocument", "IssueDateTime", "DateTimeString")),
        due_date=_cii_date(_text(root, "SpecifiedTradePaymentTerms", "DueDateDateTime", "DateTimeString")),
        currency=_text(root, "InvoiceCurrencyCode"),
        seller_name=_text(seller, "Name"),
        seller_vat_id=_text(seller, "SpecifiedTaxRegistration", "ID"),
        seller_city=_text(seller, "CityName"),
        seller_country=_text(seller, "CountryID"),
        total_net=_amount(root, "TaxBasisTotalAmount"),
        total_tax=_amount(root, "SpecifiedTradeSettlementHeaderMonetarySummation", "TaxTotalAmount"),
        total_gross=_amount(root, "GrandTotalAmount"),
    )


def _ubl(root: ET.Element) -> Parsed:
    seller = _first(root, "AccountingSupplierParty")
    return Parsed(
        format="xrechnung-ubl",
        invoice_number=next((e.text for e in root if _local(e.tag) == "ID"), None),
        issue_date=next((e.text for e in root if _local(e.tag) == "IssueDate"), None),
        due_date=next((e.text for e in root if _local(e.tag) == "DueDate"), None),
        currency=_text(root, "DocumentCurrencyCode"),
        seller_name=_text(seller, "RegistrationName") or _text(seller, "PartyName", "Name"),
        seller_vat_id=_text(seller, "PartyTaxScheme", "CompanyID"),
        seller_city=_text(seller, "CityName"),
        seller_country=_text(seller, "Country", "IdentificationCode"),
        total_net=_amount(root, "LegalMonetaryTotal", "TaxExclusiveAmount"),
        total_tax=_amount(root, "TaxTotal", "TaxAmount"),
        total_gross=_amount(root, "LegalMonetaryTotal", "TaxInclusiveAmount"),
    )


REQUIRED_TERMS = (
    ("invoice_number", "BT-1 invoice number"),
    ("issue_date", "BT-2 issue date"),
    ("currency", "BT-5 currency"),
    ("seller_name", "BT-27 seller name"),
    ("total_gross", "BT-112 total with VAT"),
)


def _term(label: str) -> str:
    return label.split(" ", 1)[0]


AMOUNT_TERMS = (("total_net", "BT-109 total without VAT"), ("total_tax", "BT-110 VAT total"), ("total_gross", "BT-112"))
DATE_TERMS = (("issue_date", "BT-2 issue date"), ("due_date", "BT-9 due date"))


def _checked(parsed: Parsed) -> Parsed:
    problems, fixes = _unreadable(parsed)
    parsed = replace(parsed, **fixes)
    problems += [
        (_term(label), f"{label} is missing") for attr, label in REQUIRED_TERMS if getattr(parsed, attr) is None
    ]
    problems += list(_sum_rule(parsed.total_net, parsed.total_tax, parsed.total_gross))
    parsed.problems.extend(problems)
    return parsed


def _unreadable(parsed: Parsed) -> tuple[list[tuple[str, str]], dict[str, None]]:
    """Amounts that are NaN or out of range and dates that are no dates: reported, and not stored."""
    problems, fixes = [], {}
    for attr, label in AMOUNT_TERMS:
        value = getattr(parsed, attr)
        if value is not None and value.is_nan():
            problems.append((_term(label), f"{label} is not a finite amount of at most {MAX_AMOUNT:,}"))
            fixes[attr] = None
    for attr, label in DATE_TERMS:
        value = getattr(parsed, attr)
        if value is not None and not _is_date(value):
            problems.append((_term(label), f"{label} {value[:20]!r} is not a date (YYYY-MM-DD, years 1900-2199)"))
            fixes[attr] = None
    return problems, fixes


def _is_date(text: str) -> bool:
    try:
        return 1900 <= date.fromisoformat(text).year <= 2199 and len(text) == len("YYYY-MM-DD")
    except ValueError:
        return False


def _sum_rule(net: Decimal | None, tax: Decimal | None, gross: Decimal | None) -> Iterable[tuple[str, str]]:
    if net is not None and tax is not None and gross is not None and net + tax != gross:
        yield ("BR-CO-15", f"total with VAT {gross} is not net {net} + VAT {tax}")
