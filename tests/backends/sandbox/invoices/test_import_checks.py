"""Imports are checked by the official rules, refused when hostile or doubled, and the outgoing status tells the truth.

Tests that need the official rule sets are skipped where they are not installed (python -m
faktoora_mcp.einvoice.update); the refusals, the duplicate check and the behaviour without rules run everywhere.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.einvoice.rulesets import RULE_SETS, UPDATE_COMMAND
from faktoora_mcp.errors import Conflict, InvalidArguments
from tests.backends.sandbox.calls import run

needs_rules = pytest.mark.skipif(
    not all(r.installed() for r in RULE_SETS.values()), reason=f"official rules not installed; run `{UPDATE_COMMAND}`"
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]><Invoice>&lol9;</Invoice>"
)
EXTERNAL_ENTITY = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice>&e;</Invoice>'


async def outgoing_xml(sandbox: SandboxBackend, file_format: str = "xrechnung") -> tuple[dict[str, Any], str]:
    customers = (await run(sandbox, "list-customers", {"perPage": 100}))["data"]
    customer = next(c for c in customers if c["isCompany"] and c.get("country") in (None, "DE"))  # 19 % VAT
    lines = [{"name": "Beratung", "quantity": 2, "unitPrice": 100, "vatRate": 19}]
    created = await run(
        sandbox, "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines, "format": file_format}
    )
    xml = (await run(sandbox, "get-invoice-by-id", {"faktooraId": created["faktooraId"]}))["document"]
    return created, xml


async def stored_imports(sandbox: SandboxBackend) -> int:
    return (await run(sandbox, "list-incoming-invoices", {"perPage": 1}))["meta"]["totalItems"]


@needs_rules
async def test_an_invoice_broken_on_en_16931_rules_is_rejected_naming_the_rules(sandbox) -> None:
    _, xml = await outgoing_xml(sandbox)
    broken = xml.replace(
        "<ram:LineTotalAmount>200.00</ram:LineTotalAmount>", "<ram:LineTotalAmount>250.00</ram:LineTotalAmount>", 1
    )
    broken = broken.replace("<ram:CategoryCode>S</ram:CategoryCode>", "<ram:CategoryCode>O</ram:CategoryCode>", 1)
    imported = await run(sandbox, "import-incoming-invoice", {"xml": broken})
    assert imported["validationStatus"] == "rejected"
    failed = {m["id"] for m in imported["validationMessages"]}
    assert {"BR-CO-10", "BR-O-05"} <= failed, failed
    validation = await run(sandbox, "get-incoming-invoice-validation", {"importId": imported["importId"]})
    assert all(m["message"] and m["flag"] == "fatal" for m in validation["messages"])
    with pytest.raises(Conflict, match="did not pass validation"):
        await run(sandbox, "approve-incoming-invoice", {"importId": imported["importId"]})


@needs_rules
async def test_a_zugferd_pdf_imports_with_its_embedded_xml_checked(sandbox) -> None:
    created, _ = await outgoing_xml(sandbox, "zf:2")
    pdf = (await run(sandbox, "get-invoice-by-id", {"faktooraId": created["faktooraId"], "format": "pdf"}))["document"]
    imported = await run(sandbox, "import-incoming-invoice", {"pdf": pdf, "fileName": "rechnung.pdf"})
    assert imported["validationStatus"] == "accepted", imported["validationMessages"]
    assert imported["mimeType"] == "application/pdf" and imported["invoiceNumber"] == created["invoiceNumber"]
    assert imported["totalGross"] == 238


@needs_rules
async def test_the_outgoing_status_reports_the_official_result(sandbox, tmp_path: Path) -> None:
    created, _ = await outgoing_xml(sandbox)
    status = await run(sandbox, "get-outgoing-invoice-status", {"faktooraId": created["faktooraId"]})
    assert status["validation"]["status"] == "completed" and status["validation"]["validity"] == "valid"
    assert status["validation"]["ruleSets"] == ["en16931-cii", "xrechnung-cii"]
    with sqlite3.connect(tmp_path / "sandbox.sqlite3") as conn:  # a stored invoice that charges VAT on O
        content = json.loads(
            conn.execute(
                "SELECT content FROM invoice_contents WHERE faktooraId = ?", (created["faktooraId"],)
            ).fetchone()[0]
        )
        content["lines"][0]["vatCategory"] = "O"
        conn.execute(
            "UPDATE invoice_contents SET content = ? WHERE faktooraId = ?", (json.dumps(content), created["faktooraId"])
        )
    status = await run(sandbox, "get-outgoing-invoice-status", {"faktooraId": created["faktooraId"]})
    assert status["validation"]["validity"] == "invalid"
    assert "BR-O-09" in {rule["id"] for rule in status["validation"]["failedRules"]}  # VAT charged on "O"


async def test_without_the_rules_the_status_says_the_check_could_not_run(sandbox, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("faktoora_mcp.einvoice.rulesets.RULES_DIR", tmp_path / "no-rules")
    created, xml = await outgoing_xml(sandbox)
    validation = (await run(sandbox, "get-outgoing-invoice-status", {"faktooraId": created["faktooraId"]}))[
        "validation"
    ]
    assert (validation["status"], validation["validity"]) == ("failed", None)
    assert UPDATE_COMMAND in validation["error"]
    imported = await run(sandbox, "import-incoming-invoice", {"xml": xml})
    assert imported["validationStatus"] == "accepted"  # judged by its structure, and it says so
    assert [(m["id"], m["flag"]) for m in imported["validationMessages"]] == [("RULES-NOT-INSTALLED", "warning")]


async def test_the_same_supplier_invoice_is_refused_a_second_time_naming_the_first(sandbox) -> None:
    _, xml = await outgoing_xml(sandbox)
    first = await run(sandbox, "import-incoming-invoice", {"xml": xml})
    before = await stored_imports(sandbox)
    with pytest.raises(Conflict, match=f"already imported as {first['importId']}.*nothing was stored"):
        await run(sandbox, "import-incoming-invoice", {"xml": xml, "fileName": "again.xml"})
    assert await stored_imports(sandbox) == before


async def test_a_rejected_import_does_not_block_the_corrected_file(sandbox) -> None:
    _, xml = await outgoing_xml(sandbox)
    gross = xml.split("<ram:GrandTotalAmount>")[1].split("<")[0]
    broken = await run(sandbox, "import-incoming-invoice", {"xml": xml.replace(f">{gross}<", ">NaN<", 1)})
    assert broken["validationStatus"] == "rejected"
    again = await run(sandbox, "import-incoming-invoice", {"xml": xml})
    assert again["importId"] != broken["importId"]


@pytest.mark.parametrize(
    ("input", "field", "reason"),
    [
        ({"xml": BILLION_LAUGHS}, "xml", "declares a DTD or entities"),
        ({"xml": EXTERNAL_ENTITY}, "xml", "declares a DTD or entities"),
        ({"xml": "<Invoice>" + "x" * 50_000_000 + "</Invoice>"}, "xml", "maxLength|at most|accepts up to"),
        ({"pdf": base64.b64encode(b"\x00" * 37_500_000).decode()}, "pdf", "maxLength|at most|accepts"),
        ({"pdf": base64.b64encode(b"PK\x03\x04 this is a zip file").decode()}, "pdf", "is not a PDF"),
        ({"pdf": "not base64 at all!"}, "pdf", "is not base64"),
        ({}, "xml", "is missing; send the XML file's text as xml, or a ZUGFeRD PDF as pdf"),
    ],
    ids=["xml bomb", "external entity", "50 MB XML", "50 MB PDF", "not a PDF", "not base64", "nothing"],
)
async def test_hostile_or_empty_uploads_are_refused_and_nothing_is_stored(sandbox, input, field, reason) -> None:
    before = await stored_imports(sandbox)
    with pytest.raises(InvalidArguments) as refused:
        await run(sandbox, "import-incoming-invoice", input)
    assert any(v.path == field for v in refused.value.violations), refused.value.message
    assert __import__("re").search(reason, refused.value.message), refused.value.message
    assert await stored_imports(sandbox) == before


async def test_a_pdf_without_an_e_invoice_is_refused(sandbox) -> None:
    created, _ = await outgoing_xml(sandbox)  # an XRechnung's PDF is a plain rendering, nothing attached
    pdf = (await run(sandbox, "get-invoice-by-id", {"faktooraId": created["faktooraId"], "format": "pdf"}))["document"]
    before = await stored_imports(sandbox)
    with pytest.raises(InvalidArguments, match="pdf: has no e-invoice attached"):
        await run(sandbox, "import-incoming-invoice", {"pdf": pdf})
    assert await stored_imports(sandbox) == before


async def test_an_amount_no_invoice_can_carry_is_rejected_naming_its_term(sandbox) -> None:
    # 1E+1000000 overflowed Decimal's context and answered "[<class 'decimal.Overflow'>]", naming nothing (issue 27)
    _, xml = await outgoing_xml(sandbox)
    start = xml.index("<ram:GrandTotalAmount")
    end = xml.index("</ram:GrandTotalAmount>", start)
    huge = xml[: xml.index(">", start) + 1] + "1E+1000000" + xml[end:]
    imported = await run(sandbox, "import-incoming-invoice", {"xml": huge})
    assert imported["validationStatus"] == "rejected" and imported["totalGross"] is None
    assert any(finding["id"] == "BT-112" for finding in imported["validationMessages"])
