"""Overdue, worked out when read: a sent invoice that is unpaid and past its due date today.

Faktoora marks invoices overdue with a daily job; between two runs its stored status lags the calendar. The
sandbox stores no such status at all, and the live backend reads Faktoora's answers through these functions, so
that "which invoices are overdue?" gets the same answer on both, whatever the job last did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

OPEN = ("sent", "overdue")
"""The statuses of an invoice that was sent and is not settled: which of the two it is depends on the date."""


def shown_status(status: Any, due_date: Any, today: date) -> Any:
    """``status`` as of ``today``: sent and overdue are told apart by the due date alone."""
    if status not in OPEN or not isinstance(due_date, str):
        return status
    return "overdue" if due_date[:10] < today.isoformat() else "sent"


def widened(arguments: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The list arguments to send upstream: a filter on sent or overdue asks for both, bounded by the due date, so
    that invoices the daily job has not reached yet are found too (``kept`` then drops the rest of the page)."""
    wanted = set(arguments.get("status") or ())
    asked = wanted & set(OPEN)
    if not asked or asked == set(OPEN):
        return dict(arguments)
    sent = dict(arguments) | {"status": sorted((wanted - set(OPEN)) | set(OPEN))}
    if wanted == {"overdue"}:
        yesterday = (today - timedelta(days=1)).isoformat()
        sent["dueDateTo"] = min(yesterday, arguments.get("dueDateTo") or yesterday)
    if wanted == {"sent"}:
        sent["dueDateFrom"] = max(today.isoformat(), arguments.get("dueDateFrom") or today.isoformat())
    return sent


def kept(invoices: Sequence[Mapping[str, Any]], wanted: Sequence[str] | None, today: date) -> list[dict[str, Any]]:
    """The invoices with their status as of today, and only those a status filter asked for."""
    shown = [dict(i) | {"status": shown_status(i.get("status"), i.get("dueDate"), today)} for i in invoices]
    return [i for i in shown if not wanted or i["status"] in wanted]


def amounts(invoices: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """What the invoices add up to, per currency (count, net, gross, due), in exact decimals."""
    sums: dict[str, list[Any]] = {}
    for invoice in invoices:
        entry = sums.setdefault(str(invoice.get("currency") or "EUR"), [0, Decimal(0), Decimal(0), Decimal(0)])
        entry[0] += 1
        for index, field in enumerate(("totalNet", "totalGross", "amountDue"), start=1):
            value = invoice.get(field)
            entry[index] += Decimal(str(value)) if isinstance(value, int | float) and not isinstance(value, bool) else 0
    return [
        {"currency": c, "invoices": n, "totalNet": float(net), "totalGross": float(gross), "amountDue": float(due)}
        for c, (n, net, gross, due) in sorted(sums.items())
    ]
