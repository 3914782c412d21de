"""Customers, products and webhooks: numbering, names, units, events and webhook targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.errors import Conflict, InvalidArguments
from tests.backends.sandbox.calls import COMPANY, run


async def test_customer_numbers_are_generated_and_unique(sandbox: SandboxBackend) -> None:
    assert (await run(sandbox, "generate-customer-number"))["value"] == "026"
    assert (await run(sandbox, "create-customer", COMPANY))["customerId"] == "026"
    with pytest.raises(Conflict, match="026"):
        await run(sandbox, "create-customer", {**COMPANY, "customerId": "026"})


async def test_an_individual_gets_a_name_from_first_and_last_name(sandbox: SandboxBackend) -> None:
    person = {
        "isCompany": False,
        "firstName": "Erika",
        "lastName": "Muster",
        "address": "Weg 2",
        "postcode": "80331",
        "city": "München",
    }
    created = await run(sandbox, "create-customer", person)
    assert created["name"] == "Erika Muster"
    renamed = await run(sandbox, "update-customer", {"id": created["id"], "lastName": "Beispiel"})
    assert renamed["name"] == "Erika Beispiel"
    nameless_company = {k: v for k, v in COMPANY.items() if k != "name"}
    with pytest.raises(InvalidArguments, match="name: is required"):  # the manifest says so: one schema
        await run(sandbox, "create-customer", nameless_company)


async def test_units_must_be_un_ece_rec_20_codes(sandbox: SandboxBackend) -> None:
    with pytest.raises(InvalidArguments) as error:
        await run(sandbox, "create-product", {"name": "Ding", "unit": "XYZ", "tax": 19})
    assert error.value.violations[0].message == (
        "'XYZ' is not a UN/ECE Recommendation 20 code; use e.g. C62 (one), H87 (piece), HUR (hour), DAY (day)"
    )
    for unit in ("C62", "H87", "HUR", "DAY", "MON", "KGM", "MTR", "LTR", "LS"):
        assert (await run(sandbox, "create-product", {"name": f"Ding {unit}", "unit": unit, "tax": 7}))["unit"] == unit


async def test_product_names_may_not_contain_emoji(sandbox: SandboxBackend) -> None:
    with pytest.raises(InvalidArguments, match="name: must not contain emoji"):
        await run(sandbox, "create-product", {"name": "Kaffee ☕", "unit": "C62", "tax": 7})


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("invoiceCreated", "invoiceCreate"),
        ("customerCreated", "customerCreate"),
        ("productCreated", "productCreate"),
        ("invoiceSent", "invoiceSent"),
        ("validationJobCompleted", "validationJobCompleted"),
    ],
)
async def test_webhook_events_are_stored_in_the_fired_present_tense(
    sandbox: SandboxBackend, given: str, stored: str
) -> None:
    created = await run(sandbox, "create-webhook", {"action": given, "target": "https://hooks.example.com/x"})
    assert created["action"] == stored


async def test_unknown_webhook_events_are_rejected(sandbox: SandboxBackend) -> None:
    with pytest.raises(InvalidArguments, match="action"):
        await run(sandbox, "create-webhook", {"action": "invoiceDeleted", "target": "https://hooks.example.com/x"})


@pytest.mark.parametrize(
    "target",
    [
        "http://localhost:8080/hook",
        "http://127.0.0.1/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.7/hook",
        "http://172.16.5.5/hook",
        "http://[::1]/hook",
        "https://printer.local/hook",
        "https://api.invalid/hook",
        "http://intranet/hook",
    ],
)
async def test_private_webhook_targets_are_rejected_when_not_allowed(tmp_path: Path, target: str) -> None:
    backend = SandboxBackend(tmp_path / "strict.sqlite3", allow_private_webhook_targets=False)
    try:
        with pytest.raises(InvalidArguments, match="target"):
            await run(backend, "create-webhook", {"action": "invoiceCreate", "target": target})
        public = await run(
            backend, "create-webhook", {"action": "invoiceCreate", "target": "https://hooks.example.com/"}
        )
        assert public["target"] == "https://hooks.example.com/"
    finally:
        await backend.aclose()


async def test_local_webhook_targets_are_refused_by_default_as_faktoora_does(sandbox: SandboxBackend) -> None:
    with pytest.raises(InvalidArguments, match="--sandbox-private-webhooks"):
        await run(sandbox, "create-webhook", {"action": "invoiceCreate", "target": "http://localhost:8080/h"})
    with pytest.raises(InvalidArguments, match="target"):
        await run(sandbox, "create-webhook", {"action": "invoiceCreate", "target": "ftp://files.example.com/"})


async def test_local_webhook_targets_work_when_allowed_for_demos(tmp_path: Path) -> None:
    backend = SandboxBackend(tmp_path / "demo.sqlite3", allow_private_webhook_targets=True)
    try:
        created = await run(backend, "create-webhook", {"action": "invoiceCreate", "target": "http://localhost:8080/h"})
        assert created["target"] == "http://localhost:8080/h"
    finally:
        await backend.aclose()
