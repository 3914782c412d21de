"""Exact invoice arithmetic per EN 16931 (BR-CO rules), with ``Decimal`` and half-up rounding to cents.

Line nets are rounded per line; VAT is computed once per (category, rate) group on the sum of that
group's nets (BR-S-09), never per line and summed, which can differ by a cent or more.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from faktoora_mcp.vat import EU_COUNTRIES, vat_category

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

EXEMPTION_REASONS: dict[str, str] = {
    "E": "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.",
    "AE": "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG).",
    "K": "Steuerfreie innergemeinschaftliche Lieferung (§ 4 Nr. 1b UStG).",
    "G": "Steuerfreie Ausfuhrlieferung (§ 4 Nr. 1a UStG).",
    "O": "Nicht im Inland steuerbare Leistung.",
}
"""BT-120 text for the categories that carry no VAT for a reason (Z, zero-rated, needs none)."""
__all__ = ["EU_COUNTRIES", "vat_category"]  # decided in faktoora_mcp.vat, where the live backend reads them too


def dec(value: int | float | str | Decimal) -> Decimal:
    """A Decimal from a JSON number without binary noise (``0.1`` stays ``0.1``)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(value: Decimal) -> int:
    return int(round_cents(value) * 100)


def from_cents(cents: int) -> Decimal:
    return Decimal(cents) / 100


def number(value: Decimal | None) -> int | float | None:
    """A JSON number: an int when whole, else the shortest float (which prints as the decimal)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True, slots=True)
class Line:
    quantity: Decimal
    unit_price: Decimal
    category: str
    rate: Decimal

    @property
    def net(self) -> Decimal:
        return round_cents(self.quantity * self.unit_price)


@dataclass(frozen=True, slots=True)
class VatGroup:
    category: str
    rate: Decimal
    taxable: Decimal
    tax: Decimal

    @property
    def exemption_reason(self) -> str | None:
        return EXEMPTION_REASONS.get(self.category)


@dataclass(frozen=True, slots=True)
class Totals:
    line_total: Decimal
    tax_basis: Decimal
    tax_total: Decimal
    grand_total: Decimal
    prepaid: Decimal
    amount_due: Decimal


def vat_breakdown(lines: Iterable[Line]) -> list[VatGroup]:
    """One group per (category, rate), in first-seen order, with VAT rounded once per group."""
    taxable: dict[tuple[str, Decimal], Decimal] = {}
    for line in lines:
        key = (line.category, line.rate)
        taxable[key] = taxable.get(key, Decimal(0)) + line.net
    return [
        VatGroup(category, rate, amount, round_cents(amount * rate / HUNDRED))
        for (category, rate), amount in taxable.items()
    ]


def totals(lines: Sequence[Line], prepaid: Decimal = Decimal(0)) -> Totals:
    line_total = sum((line.net for line in lines), Decimal(0))
    tax_total = sum((group.tax for group in vat_breakdown(lines)), Decimal(0))
    grand_total = line_total + tax_total
    return Totals(line_total, line_total, tax_total, grand_total, prepaid, grand_total - prepaid)
