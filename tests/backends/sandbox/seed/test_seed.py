"""The demo company: the same seed gives the same data, realistic and valid by the sandbox's own rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from faktoora_mcp.backends.sandbox import SandboxBackend
from tests.backends.sandbox.calls import ALL, run, snapshot


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
