"""Imports count against a quota of stored bytes: the import over it is refused, names the fix, and stores nothing.

Without it, 27 imports of 1.4 MB e-invoices (an attachment inside the XML) grew the sandbox file by 38 MB (issue 27).
"""

from __future__ import annotations

import base64
import io
import sqlite3
from pathlib import Path

import pytest

from faktoora_mcp.app import build_backend
from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.invoices.incoming import MAX_IMPORT_CHARS
from faktoora_mcp.backends.sandbox.seed.company import ANCHOR
from faktoora_mcp.backends.sandbox.store.context import IMPORT_QUOTA_BYTES
from faktoora_mcp.config import Config, load_config
from faktoora_mcp.errors import Conflict, InvalidArguments
from tests.backends.sandbox.calls import run
from tests.backends.sandbox.invoices.test_import_checks import outgoing_xml, stored_imports

ATTACHMENT = 300_000
"""Characters of a padded invoice: an XRechnung with a scanned delivery note inside weighs this much."""


def padded(xml: str, number: str, suffix: str, size: int = ATTACHMENT) -> str:
    """The invoice under another number, carrying ``size`` characters more (as an embedded attachment does)."""
    return xml.replace(number, f"{number}-{suffix}").replace(
        "</rsm:CrossIndustryInvoice>", f"<!-- {'A' * size} --></rsm:CrossIndustryInvoice>"
    )


def stored_bytes(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT SUM(length(file)) FROM incoming_files").fetchone()[0] or 0


async def test_imports_stop_at_the_quota_and_the_refusal_names_the_field_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.sqlite3"
    sandbox = SandboxBackend(path, today=ANCHOR, import_quota_bytes=1_000_000)
    created, xml = await outgoing_xml(sandbox)
    accepted = [
        await run(sandbox, "import-incoming-invoice", {"xml": padded(xml, created["invoiceNumber"], str(i))})
        for i in range(3)
    ]
    assert len({a["importId"] for a in accepted}) == 3  # 0.9 MB of the 1 MB quota
    before, before_bytes = await stored_imports(sandbox), stored_bytes(path)
    with pytest.raises(Conflict) as refused:
        await run(sandbox, "import-incoming-invoice", {"xml": padded(xml, created["invoiceNumber"], "over")})
    message = refused.value.message
    assert message.startswith("xml: ") and "nothing was stored" in message, message
    assert "--sandbox-import-quota-mb" in message and "FAKTOORA_MCP_SANDBOX_IMPORT_QUOTA_MB" in message, message
    assert "1,000,000-byte quota" in message, message
    assert await stored_imports(sandbox) == before
    assert stored_bytes(path) == before_bytes
    small = await run(sandbox, "import-incoming-invoice", {"xml": padded(xml, created["invoiceNumber"], "s", 10)})
    assert small["validationStatus"] == "accepted"  # what still fits is taken
    await sandbox.aclose()


async def test_the_quota_holds_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.sqlite3"
    first = SandboxBackend(path, today=ANCHOR, import_quota_bytes=700_000)
    created, xml = await outgoing_xml(first)
    for i in range(2):
        await run(first, "import-incoming-invoice", {"xml": padded(xml, created["invoiceNumber"], str(i))})
    await first.aclose()
    again = SandboxBackend(path, today=ANCHOR, import_quota_bytes=700_000)
    with pytest.raises(Conflict, match="already stores"):
        await run(again, "import-incoming-invoice", {"xml": padded(xml, created["invoiceNumber"], "late")})
    await again.aclose()


async def test_files_imported_before_the_quota_are_moved_out_of_their_rows_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.sqlite3"
    first = SandboxBackend(path, today=ANCHOR)
    created, xml = await outgoing_xml(first)
    imported = await run(first, "import-incoming-invoice", {"xml": padded(xml, created["invoiceNumber"], "old")})
    await first.aclose()
    with sqlite3.connect(path) as conn:  # as schema 2 kept it: the file's text inside the row, no files table
        file = conn.execute("SELECT file FROM incoming_files").fetchone()[0]
        findings = conn.execute(
            "SELECT SUM(length(CAST(validationMessages AS BLOB))) FROM incoming_invoices"
        ).fetchone()
        conn.execute("DROP TABLE incoming_files")
        conn.execute(
            "UPDATE incoming_invoices SET document = ? WHERE importId = ?", (file.decode(), imported["importId"])
        )
        conn.execute("DELETE FROM schema_version WHERE version > 2")
    conn.close()
    again = SandboxBackend(path, today=ANCHOR, import_quota_bytes=len(file) + 100_000)
    with pytest.raises(Conflict, match=f"already stores {len(file) + findings[0]:,} of"):
        await run(again, "import-incoming-invoice", {"xml": padded(xml, created["invoiceNumber"], "new")})
    assert (await run(again, "list-incoming-invoices", {"keyword": created["invoiceNumber"]}))["meta"][
        "totalItems"
    ] == 1
    await again.aclose()
    assert stored_bytes(path) == len(file)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM incoming_invoices WHERE document IS NOT NULL").fetchone()[0] == 0
    conn.close()


async def test_the_quota_is_the_sandbox_import_quota_mb_setting(tmp_path: Path) -> None:
    config = load_config(
        {"backend": "sandbox", "sandbox_db": str(tmp_path / "s.sqlite3")}, {"FAKTOORA_MCP_SANDBOX_IMPORT_QUOTA_MB": "1"}
    )
    sandbox = build_backend(config)
    created, xml = await outgoing_xml(sandbox)
    with pytest.raises(Conflict, match="1,000,000-byte quota"):
        await run(sandbox, "import-incoming-invoice", {"xml": padded(xml, created["invoiceNumber"], "x", 1_100_000)})
    await sandbox.aclose()
    assert Config().sandbox_import_quota_mb * 1_000_000 == IMPORT_QUOTA_BYTES  # the flag's default is the sandbox's


async def test_a_pdf_carrying_an_invoice_over_the_file_cap_is_refused(sandbox) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    root = b'rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"'
    writer.add_attachment("factur-x.xml", b"<" + root + b">" + b" " * MAX_IMPORT_CHARS + b"</rsm:CrossIndustryInvoice>")
    pdf = io.BytesIO()
    writer.write(pdf)  # the attachment is deflated: a few kB of PDF inflate to 5 MB
    before = await stored_imports(sandbox)
    with pytest.raises(InvalidArguments, match="pdf: carries an e-invoice of 5,000,126 bytes"):
        await run(sandbox, "import-incoming-invoice", {"pdf": base64.b64encode(pdf.getvalue()).decode()})
    assert await stored_imports(sandbox) == before
