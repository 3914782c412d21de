"""The backend's own policies: GoBD delete rules, read-only mode, unknown fields, and its status."""

from __future__ import annotations

from pathlib import Path

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.errors import Conflict, InvalidArguments, PolicyRefused
from tests.backends.sandbox.calls import COMPANY, run


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
