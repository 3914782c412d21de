"""Records offered beyond the tools: completions of ids for resource templates, and recent records as resources.

Both read one bounded page of the newest records through the backend's list actions. They are
conveniences: a backend that fails (Membrane not logged in, say) yields nothing here, never an error
that would break typing in a host's picker or its resources/list.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from faktoora_mcp.backends.base import Backend
from faktoora_mcp.errors import FaktooraError, InvalidArguments

logger = logging.getLogger(__name__)

COMPLETION_LIMIT = 20
"""Completion values returned at most; hosts show a short list (the protocol allows 100)."""
RECORD_SCAN = 100
"""Records one id completion reads: the newest page, where the record a person means usually is."""
RECENT_RESOURCES = 5
"""Recent invoices and customers each in resources/list: something to attach, not a second list tool."""


@dataclass(frozen=True, slots=True)
class Completions:
    values: list[str]
    has_more: bool
    total: int | None = None


def bounded(candidates: Iterable[str], prefix: str, *, more_unseen: bool = False) -> Completions:
    """The candidates starting with ``prefix``, at most ``COMPLETION_LIMIT``, saying whether more exist."""
    matches = [c for c in candidates if c.startswith(prefix)]
    has_more = more_unseen or len(matches) > COMPLETION_LIMIT
    return Completions(matches[:COMPLETION_LIMIT], has_more, None if more_unseen else len(matches))


@dataclass(frozen=True, slots=True)
class RecordSource:
    action: str
    field: str
    uri: str
    """The resource URI of one record, with ``{id}`` for its id."""


CUSTOMERS = RecordSource("list-customers", "id", "faktoora://customers/{id}")
PRODUCTS = RecordSource("list-products", "id", "faktoora://products/{id}")
INVOICES = RecordSource("list-outgoing-invoices", "faktooraId", "faktoora://invoices/{id}/content")
TEMPLATE_SOURCES: Mapping[str, RecordSource] = {
    "faktoora://customers/{id}": CUSTOMERS,
    "faktoora://products/{id}": PRODUCTS,
    "faktoora://invoices/{faktooraId}": INVOICES,
    "faktoora://invoices/{faktooraId}/status": INVOICES,
    "faktoora://invoices/{faktooraId}/content": INVOICES,
    "faktoora://invoices/{faktooraId}/pdf": INVOICES,
}


async def newest(backend: Backend, source: RecordSource, count: int) -> tuple[list[Mapping[str, Any]], int | None]:
    """Up to ``count`` of the newest records and the total the backend reports; ``([], None)`` on failure."""
    query = {"perPage": count, "sort": "createdAt", "order": "desc"}
    try:
        output = (await backend.run_action(source.action, query)).output
    except FaktooraError as exc:
        logger.info("%s for completions/resources failed: %s", source.action, exc.message)
        return [], None
    rows = output.get("data") if isinstance(output, Mapping) else None
    meta = output.get("meta") if isinstance(output, Mapping) else None
    total = meta.get("totalItems") if isinstance(meta, Mapping) else None
    return [r for r in rows or [] if isinstance(r, Mapping)], total if isinstance(total, int) else None


async def complete_template(uri_template: str, argument: str, value: str, backend: Backend) -> Completions:
    """Ids for a resource template's argument, newest first, from the backend."""
    source = TEMPLATE_SOURCES.get(uri_template)
    if source is None:
        known = ", ".join(TEMPLATE_SOURCES)
        raise InvalidArguments.single("ref.uri", f"no resource template {uri_template!r}; known: {known}")
    expected = uri_template.split("{")[1].split("}")[0]
    if argument != expected:
        raise InvalidArguments.single("argument.name", f"{uri_template} has one argument, {expected}")
    rows, total = await newest(backend, source, RECORD_SCAN)
    ids = [str(row[source.field]) for row in rows if row.get(source.field)]
    return bounded(ids, value, more_unseen=total is not None and total > len(rows))


@dataclass(frozen=True, slots=True)
class RecordResource:
    uri: str
    name: str
    title: str
    description: str


async def recent_resources(backend: Backend) -> list[RecordResource]:
    """The newest invoices and customers as concrete resources, a few of each."""
    invoices, _ = await newest(backend, INVOICES, RECENT_RESOURCES)
    customers, _ = await newest(backend, CUSTOMERS, RECENT_RESOURCES)
    return [_invoice(row) for row in invoices if row.get("faktooraId")] + [
        _customer(row) for row in customers if row.get("id")
    ]


def _invoice(row: Mapping[str, Any]) -> RecordResource:
    number = row.get("invoiceNumber") or row["faktooraId"]
    customer = row.get("customer")
    buyer = customer.get("name") if isinstance(customer, Mapping) else None
    about = f" to {buyer}" if buyer else ""
    return RecordResource(
        uri=INVOICES.uri.format(id=row["faktooraId"]),
        name=f"invoice-{row['faktooraId']}",
        title=f"Invoice {number}{about}",
        description=f"Structured content of outgoing invoice {number} ({row.get('status') or 'status unknown'}).",
    )


def _customer(row: Mapping[str, Any]) -> RecordResource:
    name = row.get("name") or " ".join(str(row.get(k) or "") for k in ("firstName", "lastName")).strip() or row["id"]
    return RecordResource(
        uri=CUSTOMERS.uri.format(id=row["id"]),
        name=f"customer-{row['id']}",
        title=f"Customer {name}",
        description=f"The customer record of {name}.",
    )
