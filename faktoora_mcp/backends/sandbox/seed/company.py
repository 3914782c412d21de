"""The demo company and its history, generated deterministically from one seed.

Dates are relative to a fixed anchor, not to today, so that the same seed gives byte-identical data on
every machine and every day. Counts: 25 customers, 30 products, 200 outgoing invoices over the twelve
months before the anchor, 50 incoming invoices, 2 webhooks, 3 projects.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any

from faktoora_mcp.backends.sandbox.records.customers import CUSTOMER_COLUMNS
from faktoora_mcp.backends.sandbox.rules import identifiers as ids
from faktoora_mcp.backends.sandbox.seed import pools as pool
from faktoora_mcp.backends.sandbox.seed.history import incoming_invoices, outgoing_invoices
from faktoora_mcp.backends.sandbox.store.sql import insert, insert_many

ANCHOR = date(2026, 11, 1)
"""The seeded world's "today": the newest invoice is from just before it."""

DEFAULT_SEED = 2026
CUSTOMERS = 25
INVOICES = 200
INCOMING = 50
BATCH_SIZE = 2000
PHONE_PREFIX = {"DE": "+49", "AT": "+43", "CH": "+41"}


def stamp(day: date, rng: random.Random) -> str:
    """A working-hours UTC timestamp on ``day``."""
    moment = datetime.combine(day, time(rng.randrange(7, 18), rng.randrange(60), rng.randrange(60)))
    return moment.isoformat() + "Z"


def seed(conn: sqlite3.Connection, seed: int = DEFAULT_SEED, *, n_invoices: int = INVOICES) -> None:
    """Fill an empty, migrated database; the caller holds the write transaction."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    account = make_account(rng)
    customers = [make_customer(rng, number) for number in range(1, CUSTOMERS + 1)]
    products = [make_product(rng, index, spec) for index, spec in enumerate(pool.PRODUCTS)]
    account["invoiceNumberTemplate"]["counter"] = n_invoices  # the seeded invoices are numbered 1..n
    insert(conn, "account", {"id": 1, "data": json.dumps(account)})
    insert_many(conn, "customers", customers)
    insert_many(conn, "products", products)
    for batch in _batches(outgoing_invoices(rng, account, customers, products, n_invoices, ANCHOR)):
        insert_many(conn, "invoices", [{k: v for k, v in row.items() if k != "content"} for row in batch])
        insert_many(conn, "invoice_contents", [{"faktooraId": r["faktooraId"], "content": r["content"]} for r in batch])
    insert_many(conn, "incoming_invoices", incoming_invoices(rng, INCOMING, ANCHOR))
    insert_many(conn, "webhooks", make_webhooks(rng))
    insert_many(conn, "projects", make_projects(rng, customers))


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Bounded slices, so that a 100,000-invoice seed never holds every invoice in memory."""
    while batch := list(islice(rows, BATCH_SIZE)):
        yield batch


def make_account(rng: random.Random) -> dict[str, Any]:
    vat_id = ids.de_vat_id(rng)
    company = {
        "name": "Muster Digital GmbH",
        "legalForm": "GmbH",
        "street": "Friedrichstraße 123",
        "postcode": "10117",
        "city": "Berlin",
        "country": "DE",
        "vatId": vat_id,
        "taxNumber": f"37/{ids.digits(rng, 3)}/{ids.digits(rng, 5)}",
        "registerCourt": "Amtsgericht Berlin-Charlottenburg",
        "registerNumber": f"HRB {ids.digits(rng, 6)} B",
        "managingDirector": "Dr. Anna Schneider",
        "iban": ids.de_iban(rng),
        "bic": "COBADEFFXXX",
        "bankName": "Commerzbank",
        "email": "rechnung@muster-digital.de",
        "phone": "+49 30 12345670",
        "peppolId": f"9930:{vat_id.lower()}",
        "smallBusiness": False,
    }
    return {
        "id": ids.new_uuid(rng),
        "email": "anna.schneider@muster-digital.de",
        "company": company,
        "settings": {"invoiceDeleteMode": True, "invoiceValidation": True},
        "invoiceNumberTemplate": {"template": "YYYY/MM/id", "padLength": 5, "counter": 0},
    }


def make_customer(rng: random.Random, number: int) -> dict[str, Any]:
    """Customer ``number`` (1-based): mostly German companies, some individuals, a few in AT and CH."""
    country = "AT" if number % 9 == 4 else "CH" if number % 9 == 7 else "DE"
    is_company = number % 4 != 3 or country != "DE"
    public = country == "DE" and number in (5, 14, 23)
    postcode, city = rng.choice({"DE": pool.DE_PLACES, "AT": pool.AT_PLACES, "CH": pool.CH_PLACES}[country])
    created = stamp(ANCHOR - timedelta(days=rng.randrange(400, 900)), rng)
    first, last = rng.choice(pool.FIRST_NAMES), rng.choice(pool.LAST_NAMES)
    record = {field: None for field in CUSTOMER_COLUMNS} | {
        "id": ids.new_uuid(rng),
        "customerId": f"{number:03d}",
        "isCompany": int(is_company),
        "address": f"{rng.choice(pool.STREETS)} {rng.randrange(1, 120)}",
        "postcode": postcode,
        "city": city,
        "country": country,
        "phoneNo": f"{PHONE_PREFIX[country]} {ids.digits(rng, 3)} {ids.digits(rng, 6)}",
        "extras": "{}",
        "createdAt": created,
        "updatedAt": created,
    }
    if public:
        return record | _public_buyer(rng, city)
    if is_company:
        return record | _company(rng, country, first, last)
    return record | {
        "name": f"{first} {last}",
        "firstName": first,
        "lastName": last,
        "category": "private",
        "title": rng.choice((None, None, *pool.TITLES)),
        "email": f"{first}.{last}@mail.example".lower(),
    }


def _company(rng: random.Random, country: str, first: str, last: str) -> dict[str, Any]:
    forms = {"DE": pool.DE_LEGAL_FORMS, "AT": pool.AT_LEGAL_FORMS, "CH": pool.CH_LEGAL_FORMS}[country]
    stem, trade = rng.choice(pool.COMPANY_STEMS), rng.choice(pool.COMPANY_TRADES)
    vat = {"DE": ids.de_vat_id, "AT": ids.at_vat_id, "CH": ids.ch_vat_id}[country](rng) if rng.random() < 0.8 else None
    domain = f"{stem}-{trade}".lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return {
        "name": f"{stem} {trade} {rng.choice(forms)}",
        "nameAuthorisedSignatory": f"{first} {last}",
        "email": f"buchhaltung@{domain}.example",
        "category": rng.choice(pool.CATEGORIES),
        "vatId": vat,
        "supplierNumber": f"L-{ids.digits(rng, 5)}" if rng.random() < 0.3 else None,
    }


def _public_buyer(rng: random.Random, city: str) -> dict[str, Any]:
    body, office = rng.choice(pool.PUBLIC_BUYERS)
    return {
        "name": f"{body} {city}",
        "nameAuthorisedSignatory": office,
        "category": "public",
        "email": f"e-rechnung@{city.lower().replace('ü', 'ue').replace('ö', 'oe').replace(' ', '-')}.example",
        "routeId": ids.leitweg_id(rng),
        "invoiceProfile": "xrechnung",
    }


def make_product(rng: random.Random, index: int, spec: tuple[Any, ...]) -> dict[str, Any]:
    name, unit, tax, price, cost, description = spec
    created = stamp(ANCHOR - timedelta(days=500 - index), rng)
    gtin = rng.random() < 0.2 and unit in ("H87", "XPK", "XCT")
    return {
        "id": ids.new_uuid(rng),
        "code": f"SKU-{1001 + index}",
        "name": name,
        "description": description,
        "unit": unit,
        "price": price,
        "tax": tax,
        "cost": cost,
        "inventoryCount": float(rng.randrange(0, 400)) if cost else None,
        "time": float(rng.choice((1, 2, 4, 8))) if unit in ("HUR", "DAY", "LH") else None,
        "estimate": None,
        "buyerAssignedID": None,
        "globalID": json.dumps({"id": "4" + ids.digits(rng, 12), "schemeId": "0160"}) if gtin else None,
        "createdAt": created,
        "updatedAt": created,
    }


def make_webhooks(rng: random.Random) -> list[dict[str, Any]]:
    targets = (
        ("invoiceCreate", "https://hooks.example.com/faktoora/invoices"),
        ("invoiceSent", "https://erp.muster-digital.example.com/webhooks/faktoora"),
    )
    hooks = []
    for offset, (action, target) in enumerate(targets):
        created = stamp(ANCHOR - timedelta(days=120 - 30 * offset), rng)
        hooks.append(
            {"id": ids.new_uuid(rng), "action": action, "target": target, "createdAt": created, "updatedAt": created}
        )
    return hooks


def make_projects(rng: random.Random, customers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    specs = (("Relaunch Website", "active"), ("E-Rechnung Einführung", "active"), ("Wartung 2026", "closed"))
    projects = []
    for offset, (name, status) in enumerate(specs):
        created = stamp(ANCHOR - timedelta(days=200 - 40 * offset), rng)
        projects.append(
            {
                "id": ids.new_uuid(rng),
                "name": name,
                "description": None,
                "place": None,
                "eta": None,
                "estMinutes": rng.randrange(10, 200) * 60,
                "currency": "EUR",
                "status": status,
                "customerId": rng.choice(customers)["id"],
                "createdAt": created,
                "updatedAt": created,
            }
        )
    return projects
