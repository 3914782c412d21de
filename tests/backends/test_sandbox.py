"""The sandbox's own behaviour: its seed, German invoicing rules, validation and read-only mode."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.rules.money import Line, totals, vat_breakdown
from faktoora_mcp.errors import Conflict, InvalidArguments, PolicyRefused

COMPANY = {"isCompany": True, "name": "Regel GmbH", "address": "Regelweg 1", "postcode": "10115", "city": "Berlin"}
ALL = {"perPage": 1000}


@pytest.fixture
async def sandbox(tmp_path: Path) -> Any:
    backend = SandboxBackend(tmp_path / "sandbox.sqlite3")
    yield backend
    await backend.aclose()


async def run(backend: SandboxBackend, action: str, input: dict[str, Any] | None = None) -> Any:
    return (await backend.run_action(action, input or {})).output


async def snapshot(backend: SandboxBackend) -> dict[str, Any]:
    lists = ("list-customers", "list-products", "list-outgoing-invoices", "list-incoming-invoices", "list-webhooks")
    return {action: (await run(backend, action, ALL))["data"] for action in lists}


async def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(tmp_path: Path) -> None:
    backends = [SandboxBackend(tmp_path / f"{n}.sqlite3", seed=s) for n, s in (("a", 7), ("b", 7), ("c", 8))]
    first, same, other = [await snapshot(b) for b in backends]
    for backend in backends:
        await backend.aclose()
    assert first == same
    assert first["list-customers"] != other["list-customers"]


async def test_the_seed_has_a_realistic_demo_company(sandbox: SandboxBackend) -> None:
    data = await snapshot(sandbox)
    counts = {action: len(rows) for action, rows in data.items()}
    assert counts == {
        "list-customers": 25,
        "list-products": 30,
        "list-outgoing-invoices": 200,
        "list-incoming-invoices": 50,
        "list-webhooks": 2,
    }
    statuses = Counter(i["status"] for i in data["list-outgoing-invoices"])
    assert {"draft", "review", "sent", "overdue", "paid", "cancelled"} <= set(statuses)
    customers = data["list-customers"]
    assert {c["country"] for c in customers} == {"DE", "AT", "CH"}
    assert {c["isCompany"] for c in customers} == {True, False}
    assert any(c["routeId"] for c in customers) and any(c["vatId"] for c in customers)
    assert len({p["code"] for p in data["list-products"]}) == 30
    assert {p["tax"] for p in data["list-products"]} == {0, 7, 19}
    assert all(i["faktooraId"].startswith("F") and len(i["faktooraId"]) == 7 for i in data["list-outgoing-invoices"])
    assert all(i["importId"].startswith("IMP") for i in data["list-incoming-invoices"])


async def test_seeded_invoices_are_numbered_by_the_template_without_gaps(sandbox: SandboxBackend) -> None:
    listed = await run(sandbox, "list-outgoing-invoices", {**ALL, "sort": "invoiceNumber", "order": "asc"})
    counters = [int(i["invoiceNumber"].rsplit("/", 1)[1]) for i in listed["data"]]
    assert counters == list(range(1, 201))
    assert all(i["invoiceNumber"][:7] == i["issueDate"][:7].replace("-", "/") for i in listed["data"])


async def test_seeded_data_passes_the_sandbox_s_own_validation(sandbox: SandboxBackend) -> None:
    for customer in (await run(sandbox, "list-customers", ALL))["data"]:
        await run(sandbox, "update-customer", {"id": customer["id"], "city": customer["city"]})
    for product in (await run(sandbox, "list-products", ALL))["data"]:
        await run(sandbox, "update-product", {"id": product["id"], "name": product["name"]})


async def test_the_account_is_a_german_gmbh_with_valid_tax_and_bank_ids(sandbox: SandboxBackend) -> None:
    from stdnum import iban
    from stdnum.eu import vat

    account = await run(sandbox, "get-account")
    company = account["company"]
    assert company["legalForm"] == "GmbH" and company["country"] == "DE" and company["smallBusiness"] is False
    assert vat.is_valid(company["vatId"]) and iban.is_valid(company["iban"])
    assert account["settings"]["invoiceDeleteMode"] is True
    assert account["invoiceNumberTemplate"] == {"template": "YYYY/MM/id", "padLength": 5, "counter": 200}


def test_line_nets_round_half_up_to_cents() -> None:
    assert Line(Decimal(3), Decimal("19.99"), "S", Decimal(19)).net == Decimal("59.97")
    assert Line(Decimal("0.5"), Decimal("0.05"), "S", Decimal(19)).net == Decimal("0.03")  # 0.025, not banker's 0.02
    assert Line(Decimal("2.5"), Decimal("12.3456"), "S", Decimal(19)).net == Decimal("30.86")


def test_three_at_19_99_with_19_percent_vat() -> None:
    result = totals([Line(Decimal(3), Decimal("19.99"), "S", Decimal(19))])
    assert (result.tax_basis, result.tax_total, result.grand_total) == (
        Decimal("59.97"),
        Decimal("11.39"),
        Decimal("71.36"),
    )


def test_vat_is_rounded_once_per_rate_group_not_per_line() -> None:
    lines = [Line(Decimal(1), Decimal("0.10"), "S", Decimal(7)) for _ in range(5)]
    per_line = sum(round(line.net * Decimal("0.07"), 2) for line in lines)
    assert per_line == Decimal("0.05")
    assert totals(lines).tax_total == Decimal("0.04")  # 0.50 × 7 % = 0.035 -> 0.04


def test_vat_groups_are_per_category_and_rate() -> None:
    lines = [
        Line(Decimal(1), Decimal(100), "S", Decimal(19)),
        Line(Decimal(2), Decimal(10), "S", Decimal(7)),
        Line(Decimal(1), Decimal(50), "S", Decimal(19)),
        Line(Decimal(1), Decimal(5), "Z", Decimal(0)),
    ]
    groups = {(g.category, g.rate): (g.taxable, g.tax) for g in vat_breakdown(lines)}
    assert groups == {
        ("S", Decimal(19)): (Decimal(150), Decimal("28.50")),
        ("S", Decimal(7)): (Decimal(20), Decimal("1.40")),
        ("Z", Decimal(0)): (Decimal(5), Decimal(0)),
    }


async def test_a_created_invoice_has_exact_totals_and_one_vat_group_per_rate(sandbox: SandboxBackend) -> None:
    customer = await run(sandbox, "create-customer", COMPANY)
    lines = [
        {"name": "Kabel", "quantity": 3, "unitPrice": 19.99, "vatRate": 19, "unitCode": "H87"},
        *({"name": f"Heft {n}", "quantity": 1, "unitPrice": 0.10, "vatRate": 7} for n in range(5)),
    ]
    created = await run(sandbox, "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines})
    content = await run(sandbox, "get-outgoing-invoice-content", {"faktooraId": created["faktooraId"]})
    assert [(g["rate"], g["taxableAmount"], g["taxAmount"]) for g in content["vatBreakdown"]] == [
        (19, 59.97, 11.39),
        (7, 0.5, 0.04),
    ]
    assert content["totals"] == {
        "lineTotal": 60.47,
        "taxBasis": 60.47,
        "taxTotal": 11.43,
        "grandTotal": 71.9,
        "prepaid": 0,
        "amountDue": 71.9,
    }
    assert created["status"] == "draft" and created["totalGross"] == 71.9


async def test_a_kleinunternehmer_charges_no_vat_and_says_why(sandbox: SandboxBackend) -> None:
    await run(sandbox, "update-account-settings", {"smallBusiness": True})
    with pytest.raises(InvalidArguments) as refused:
        await run(sandbox, "create-product", {"name": "Beratung", "unit": "HUR", "tax": 19})
    assert refused.value.violations[0].path == "tax" and "§ 19 UStG" in refused.value.violations[0].message
    product = await run(sandbox, "list-products", {"perPage": 1, "sort": "price"})
    customer = await run(sandbox, "create-customer", COMPANY)
    created = await run(
        sandbox,
        "create-outgoing-invoice",
        {"customerId": customer["id"], "lines": [{"productId": product["data"][0]["id"], "quantity": 2}]},
    )
    content = await run(sandbox, "get-outgoing-invoice-content", {"faktooraId": created["faktooraId"]})
    assert {(line["vatCategory"], line["vatRate"]) for line in content["lines"]} == {("E", 0)}
    assert [g["category"] for g in content["vatBreakdown"]] == ["E"]
    assert content["vatBreakdown"][0]["exemptionReason"].startswith("Gemäß § 19 UStG")
    assert content["notes"] == ["Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."]
    assert content["totals"]["taxTotal"] == 0


@pytest.mark.parametrize("vat_id", ["DE136695976", "ATU13585627", "CHE-116.281.710 MWST", "FR40303265045"])
async def test_valid_vat_ids_are_accepted(sandbox: SandboxBackend, vat_id: str) -> None:
    assert (await run(sandbox, "create-customer", {**COMPANY, "vatId": vat_id}))["vatId"] == vat_id


@pytest.mark.parametrize("vat_id", ["DE136695977", "ATU13585628", "XX123456789"])
async def test_invalid_vat_ids_are_rejected_naming_the_field(sandbox: SandboxBackend, vat_id: str) -> None:
    with pytest.raises(InvalidArguments) as error:
        await run(sandbox, "create-customer", {**COMPANY, "vatId": vat_id})
    assert [v.path for v in error.value.violations] == ["vatId"]


@pytest.mark.parametrize(
    ("country", "postcode", "ok"),
    [
        ("DE", "01067", True),
        ("DE", "1067", False),
        ("AT", "1010", True),
        ("AT", "10100", False),
        ("CH", "8001", True),
        ("CH", "80011", False),
        ("FR", "75008", True),
        ("GB", "SW1A 1AA", True),
    ],
)
async def test_postcodes_are_checked_per_country(
    sandbox: SandboxBackend, country: str, postcode: str, ok: bool
) -> None:
    input = {**COMPANY, "country": country, "postcode": postcode}
    if ok:
        assert (await run(sandbox, "create-customer", input))["postcode"] == postcode
    else:
        with pytest.raises(InvalidArguments, match=f"postcode: must be \\d digits for {country}"):
            await run(sandbox, "create-customer", input)


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
    with pytest.raises(InvalidArguments, match="name: is required: the company name"):
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


async def test_a_sent_invoice_cannot_be_deleted_under_gobd(sandbox: SandboxBackend) -> None:
    sent = (await run(sandbox, "list-outgoing-invoices", {"status": ["sent"], "perPage": 1}))["data"][0]
    with pytest.raises(Conflict, match="GoBD: a sent invoice cannot be deleted; cancel it with a credit note"):
        await run(sandbox, "delete-invoice", {"faktooraId": sent["faktooraId"]})


async def test_deleting_invoices_needs_the_account_s_delete_mode(sandbox: SandboxBackend) -> None:
    await run(sandbox, "update-account-settings", {"invoiceDeleteMode": False})
    draft = (await run(sandbox, "list-outgoing-invoices", {"status": ["draft"], "perPage": 1}))["data"][0]
    with pytest.raises(PolicyRefused, match="invoiceDeleteMode"):
        await run(sandbox, "delete-invoice", {"faktooraId": draft["faktooraId"]})


async def test_read_only_refuses_every_write_and_still_reads(tmp_path: Path) -> None:
    backend = SandboxBackend(tmp_path / "ro.sqlite3", read_only=True)
    try:
        assert (await run(backend, "list-customers", {"perPage": 1}))["meta"]["totalItems"] == 25
        for action, input in [
            ("create-customer", COMPANY),
            ("delete-webhook", {"id": "x"}),
            ("create-outgoing-invoice", {}),
            ("update-account-settings", {"smallBusiness": True}),
        ]:
            with pytest.raises(PolicyRefused, match="the sandbox was started read-only"):
                await run(backend, action, input)
        assert (await run(backend, "list-customers", {"perPage": 1}))["meta"]["totalItems"] == 25
    finally:
        await backend.aclose()


async def test_unknown_fields_are_rejected_by_name(sandbox: SandboxBackend) -> None:
    with pytest.raises(InvalidArguments) as error:
        await run(sandbox, "list-customers", {"pageSize": 10})
    assert [v.path for v in error.value.violations] == ["pageSize"]


async def test_status_names_the_file_and_says_it_is_demo_data(sandbox: SandboxBackend) -> None:
    status = await sandbox.status()
    assert status.backend == "sandbox" and status.ready
    assert status.detail == f"offline sandbox at {sandbox.path} — demo data, not your Faktoora account"
    assert status.extra["counts"]["outgoingInvoices"] == 200
