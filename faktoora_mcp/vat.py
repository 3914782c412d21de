"""Which VAT category a German seller's line falls in, by buyer: one rule for the sandbox and a live account.

The sandbox writes its invoices with it, and the live backend sends Faktoora the same category for the same
buyer, so that an invoice to an Austrian company is reverse charge on both.
"""

from __future__ import annotations

EU_COUNTRIES = frozenset(
    (
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    )
)


def vat_category(
    rate: int, *, small_business: bool, buyer_country: str | None, buyer_vat_id: str | None, buyer_is_company: bool
) -> tuple[str, int]:
    """The UNCL5305 category and effective rate of a line sold by a German seller to this buyer."""
    if small_business:
        return "E", 0
    country = buyer_country or "DE"
    if country != "DE" and buyer_is_company:
        if country in EU_COUNTRIES and buyer_vat_id:
            return "AE", 0
        if country not in EU_COUNTRIES:
            return "O", 0
    return ("Z", 0) if rate == 0 else ("S", rate)
