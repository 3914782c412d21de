"""How a German invoice writes things: 1.234,56 EUR, 02.03.2026, "Std." for HUR, the document's title and VAT texts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

UNIT_NAMES: dict[str, str] = {
    "C62": "Stk.",
    "H87": "Stk.",
    "EA": "Stk.",
    "NAR": "Artikel",
    "SET": "Satz",
    "PR": "Paar",
    "DZN": "Dutzend",
    "LS": "pauschal",
    "E48": "Leistung",
    "ZZ": "Einheit",
    "SEC": "Sek.",
    "MIN": "Min.",
    "HUR": "Std.",
    "LH": "Arbeitsstd.",
    "DAY": "Tag",
    "E49": "Arbeitstag",
    "WEE": "Woche",
    "MON": "Monat",
    "QAN": "Quartal",
    "ANN": "Jahr",
    "GRM": "g",
    "KGM": "kg",
    "TNE": "t",
    "MMT": "mm",
    "CMT": "cm",
    "MTR": "m",
    "KMT": "km",
    "MTK": "m²",
    "HAR": "ha",
    "MTQ": "m³",
    "MLT": "ml",
    "LTR": "l",
    "KWH": "kWh",
    "MWH": "MWh",
    "P1": "%",
    "XPK": "Paket",
    "XBX": "Karton",
    "XCT": "Karton",
    "XBO": "Flasche",
    "XPX": "Palette",
    "XRO": "Rolle",
}
"""UN/ECE Rec 20/21 codes as a German invoice names the unit."""
TITLES = {
    "380": "Rechnung",
    "381": "Gutschrift",
    "384": "Rechnungskorrektur",
    "389": "Gutschrift (Selbstfakturierung)",
    "326": "Teilrechnung",
}
"""The title of each UNTDID 1001 type; a credit note or correction must not be titled Rechnung."""
VAT_TEXTS = {
    "AE": "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG). "
    "Die Umsatzsteuer schuldet der Leistungsempfänger.",
    "K": "Steuerfreie innergemeinschaftliche Lieferung nach § 4 Nr. 1b i. V. m. § 6a UStG.",
    "E": "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmerregelung).",
    "G": "Steuerfreie Ausfuhrlieferung nach § 4 Nr. 1a i. V. m. § 6 UStG.",
    "O": "Nicht im Inland steuerbare Leistung (Leistungsort im Ausland, § 3a Abs. 2 UStG); "
    "die Steuer schuldet der Leistungsempfänger nach dem Recht seines Landes.",
}
"""The sentence § 14a UStG asks for when an invoice shows no German VAT, per category."""
COUNTRIES = {
    "AT": "ÖSTERREICH", "BE": "BELGIEN", "BG": "BULGARIEN", "CH": "SCHWEIZ", "CY": "ZYPERN", "CZ": "TSCHECHIEN",
    "DK": "DÄNEMARK", "EE": "ESTLAND", "ES": "SPANIEN", "FI": "FINNLAND", "FR": "FRANKREICH",
    "GB": "VEREINIGTES KÖNIGREICH",
    "GR": "GRIECHENLAND", "HR": "KROATIEN", "HU": "UNGARN", "IE": "IRLAND", "IT": "ITALIEN", "LI": "LIECHTENSTEIN",
    "LT": "LITAUEN", "LU": "LUXEMBURG", "LV": "LETTLAND", "MT": "MALTA", "NL": "NIEDERLANDE", "NO": "NORWEGEN",
    "PL": "POLEN", "PT": "PORTUGAL", "RO": "RUMÄNIEN", "SE": "SCHWEDEN", "SI": "SLOWENIEN", "SK": "SLOWAKEI",
    "US": "VEREINIGTE STAATEN",
}  # fmt: skip
"""DIN 5008: a foreign address ends with the country in capitals, in the sender's language."""
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
CENT = Decimal("0.01")


def amount(value: Any, currency: str | None = "EUR") -> str:
    """``1234.5`` -> ``1.234,50 EUR``."""
    text = f"{Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    german = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{german} {currency}" if currency else german


def number(value: Any) -> str:
    """A quantity or price as written: ``2.5`` -> ``2,5``, ``1000`` -> ``1.000``, no trailing zeros."""
    exact = Decimal(str(value)).normalize()
    places = max(0, -exact.as_tuple().exponent)  # type: ignore[operator]
    text = f"{exact:,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def price(value: Any, currency: str) -> str:
    """A unit price: at least two decimals, more when the price has them (0,125 EUR stays exact)."""
    exact = Decimal(str(value))
    return amount(exact, currency) if exact == exact.quantize(CENT) else f"{number(exact)} {currency}"


def date(iso: str | None) -> str:
    """``2026-03-02`` -> ``02.03.2026``."""
    return ISO_DATE.sub(r"\3.\2.\1", iso) if iso else ""


def dates_in(text: str) -> str:
    """Every ISO date inside a sentence in German form (stored payment terms say "Zahlbar bis 2026-03-16")."""
    return ISO_DATE.sub(r"\3.\2.\1", text)


def unit(code: str | None) -> str:
    return UNIT_NAMES.get(code or "C62", code or "")


def rate(value: Any) -> str:
    return f"{number(value)} %"


def title(content: Mapping[str, Any]) -> str:
    return TITLES.get(str(content.get("invoiceTypeCode") or "380"), "Rechnung")
