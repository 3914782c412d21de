"""What Faktoora's public API lacks: the steps only the sandbox offers, and what a live account does instead.

One table for both backends: the sandbox labels these actions "sandbox only" wherever an agent reads them, and a
live backend refuses them with the same words (reference §4 lists the documented endpoints; none of these is one).
"""

from __future__ import annotations

SANDBOX_ONLY: dict[str, str] = {
    "send-outgoing-invoice": (
        "a draft is sent from Faktoora's web app; to send at once, create the invoice with mode deliver"
    ),
    "cancel-outgoing-invoice": "an issued invoice is cancelled with correct-outgoing-invoice (kind credit-note)",
    "mark-invoice-paid": "payments are recorded in Faktoora's web app (bank matching); the API has no payment call",
    "approve-incoming-invoice": "received invoices are approved in Faktoora's web app",
    "get-account": "company data and settings are kept in Faktoora's web app; the API has no account call",
    "update-account-settings": "company data and settings are kept in Faktoora's web app; the API has no account call",
}


def live_refusal(action: str) -> str | None:
    """The answer a live account gives to a sandbox-only action, or ``None`` when Faktoora has the call."""
    instead = SANDBOX_ONLY.get(action)
    if instead is None:
        return None
    return f"{action} is not available on a live Faktoora account (its API has no such call): {instead}."
