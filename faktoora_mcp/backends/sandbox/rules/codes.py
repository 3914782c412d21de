"""Code lists the sandbox checks against: UN/ECE Rec 20 units, webhook events, statuses."""

from __future__ import annotations

UNIT_CODES: dict[str, str] = {
    "C62": "one",
    "H87": "piece",
    "EA": "each",
    "NAR": "number of articles",
    "SET": "set",
    "PR": "pair",
    "DZN": "dozen",
    "LS": "lump sum",
    "E48": "service unit",
    "ZZ": "mutually defined",
    "SEC": "second",
    "MIN": "minute",
    "HUR": "hour",
    "LH": "labour hour",
    "DAY": "day",
    "E49": "working day",
    "WEE": "week",
    "MON": "month",
    "QAN": "quarter (of a year)",
    "ANN": "year",
    "GRM": "gram",
    "KGM": "kilogram",
    "TNE": "tonne",
    "MMT": "millimetre",
    "CMT": "centimetre",
    "MTR": "metre",
    "KMT": "kilometre",
    "MTK": "square metre",
    "HAR": "hectare",
    "MTQ": "cubic metre",
    "MLT": "millilitre",
    "LTR": "litre",
    "KWH": "kilowatt hour",
    "MWH": "megawatt hour",
    "P1": "percent",
    "XPK": "package",
    "XBX": "box",
    "XCT": "carton",
    "XBO": "bottle",
    "XPX": "pallet",
    "XRO": "roll",
}
"""Common UN/ECE Recommendation 20 (and Rec 21 'X' package) codes accepted on products and lines."""

UNIT_HINT = "use e.g. C62 (one), H87 (piece), HUR (hour), DAY (day)"

VAT_RATES = (0, 7, 19)

WEBHOOK_EVENTS: tuple[str, ...] = (
    "invoiceCreate",
    "invoiceSent",
    "invoiceOverdue",
    "invoiceIncomingCreate",
    "invoiceIncomingSent",
    "offerCreate",
    "offerSent",
    "letterCreate",
    "letterSent",
    "reminderCreate",
    "reminderSent",
    "orderConfirmationCreate",
    "orderConfirmationSent",
    "customerCreate",
    "productCreate",
    "validationJobCompleted",
)
"""The present-tense names Faktoora fires (reference §8)."""

PAST_TENSE_EVENTS: dict[str, str] = {e + "d": e for e in WEBHOOK_EVENTS if e.endswith("Create")}
"""``invoiceCreated`` -> ``invoiceCreate``: the production docs subscribe with the past tense."""

INVOICE_STATUSES = ("draft", "review", "processing", "created", "sent", "overdue", "paid", "cancelled", "archived")
OPEN_STATUSES = ("sent", "overdue")
"""Statuses in which the customer still owes the invoice's amount."""

DELETABLE_STATUSES = ("draft", "review", "processing", "created")
"""Never delivered to anyone, so GoBD allows removing them."""

INVOICE_FORMATS = ("pdf", "zf:1", "zf:2", "xrechnung")
INVOICE_TYPE_CODES = ("380", "381", "384", "389", "326")
