"""The validation engine: lazy compilation, SVRL read into (id, flag, message, location), a clear error without rules.

These run everywhere with a small stylesheet written here in SVRL form; the official rule sets are exercised by
tests/backends/sandbox/invoices/test_official_rules.py wherever they are installed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from faktoora_mcp.einvoice import engine
from faktoora_mcp.einvoice.engine import RulesNotInstalled, Validator, rule_sets_for, syntax_of
from faktoora_mcp.einvoice.rulesets import RULE_SETS, UPDATE_COMMAND

SVRL_RULES = """<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
    xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">
  <xsl:template match="/">
    <svrl:schematron-output>
      <xsl:if test="not(//rsm:ExchangedDocument)">
        <svrl:failed-assert id="BR-01" flag="fatal" location="/rsm:CrossIndustryInvoice[1]">
          <svrl:text>[BR-01]-An Invoice shall have a Specification identifier (BT-24).</svrl:text>
        </svrl:failed-assert>
      </xsl:if>
      <svrl:failed-assert id="BR-DE-TMP-32" flag="warning" location="/rsm:CrossIndustryInvoice[1]">
        <svrl:text>  Lieferdatum   fehlt. </svrl:text>
      </svrl:failed-assert>
    </svrl:schematron-output>
  </xsl:template>
</xsl:stylesheet>
"""
CII = b'<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>'


@pytest.fixture
def rule_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "en16931-cii").mkdir()
    rules = replace(RULE_SETS["en16931-cii"], member="xslt/rules.xsl")
    monkeypatch.setattr("faktoora_mcp.einvoice.rulesets.RULES_DIR", tmp_path)
    (tmp_path / "en16931-cii" / "rules.xsl").write_text(SVRL_RULES, encoding="utf-8")
    return rules


def test_failed_asserts_come_back_with_id_flag_message_and_location(rule_set) -> None:
    report = Validator().run(CII, [rule_set])
    found = {(a.id, a.flag, a.message, a.location) for a in report.asserts}
    assert found == {
        (
            "BR-01",
            "fatal",
            "[BR-01]-An Invoice shall have a Specification identifier (BT-24).",
            "/rsm:CrossIndustryInvoice[1]",
        ),
        ("BR-DE-TMP-32", "warning", "Lieferdatum fehlt.", "/rsm:CrossIndustryInvoice[1]"),
    }
    assert [a.id for a in report.fatal] == ["BR-01"] and not report.valid
    assert report.asserts[0].as_dict()["ruleSet"] == "en16931-cii"


def test_a_warning_alone_leaves_the_invoice_valid(rule_set) -> None:
    xml = CII.replace(b"/>", b"><rsm:ExchangedDocument/></rsm:CrossIndustryInvoice>")
    report = Validator().run(xml, [rule_set])
    assert report.valid and [a.flag for a in report.asserts] == ["warning"]


def test_rules_are_compiled_on_first_use_only_and_then_kept(rule_set) -> None:
    validator = Validator()
    assert validator.compiled() == []  # making a validator compiles nothing
    validator.run(CII, [rule_set])
    validator.run(CII, [rule_set])
    assert validator.compiled() == ["en16931-cii"]


def test_importing_the_package_does_not_load_saxon() -> None:
    import subprocess
    import sys

    code = "import faktoora_mcp.einvoice.engine, faktoora_mcp.app, sys; print('saxonche' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_missing_rules_say_how_to_install_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("faktoora_mcp.einvoice.rulesets.RULES_DIR", tmp_path)
    with pytest.raises(
        RulesNotInstalled, match=f"xrechnung-cii are not installed; install them with `{UPDATE_COMMAND}`"
    ):
        Validator().run(CII, [RULE_SETS["xrechnung-cii"]])


async def test_validate_async_runs_the_same_check_in_a_worker_thread(rule_set, monkeypatch) -> None:
    validator = Validator()
    monkeypatch.setattr(engine, "VALIDATOR", validator)
    monkeypatch.setitem(engine.RULE_SETS, "en16931-cii", rule_set)
    report = await engine.validate_async(CII, ["en16931-cii"])
    assert [a.id for a in report.fatal] == ["BR-01"]


def test_the_syntax_and_the_specification_choose_the_rule_sets() -> None:
    assert syntax_of("{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote") == "ubl"
    assert syntax_of("{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}CrossIndustryInvoice") == "cii"
    assert syntax_of("{urn:x}Order") is None
    xrechnung = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
    assert [r.name for r in rule_sets_for("cii", xrechnung)] == ["en16931-cii", "xrechnung-cii"]
    assert [r.name for r in rule_sets_for("ubl", "urn:cen.eu:en16931:2017")] == ["en16931-ubl"]


def test_prepare_compiles_the_installed_rule_sets_ahead_and_skips_missing_ones(rule_set) -> None:
    validator = Validator()
    validator.prepare([rule_set, replace(RULE_SETS["xrechnung-cii"], name="xrechnung-cii", member="nowhere.xsl")])
    assert validator.compiled() == ["en16931-cii"]


def _release_zip(tmp_path: Path, xslt: bytes) -> Path:
    import zipfile

    archive = tmp_path / "release.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("en16931-cii-1.3.16/xslt/EN16931-CII-validation.xslt", xslt)
        zipped.writestr("en16931-cii-1.3.16/LICENSE.txt", "EUPL v1.2 text")
    return archive


def test_the_updater_installs_the_xslt_unchanged_with_licence_version_and_source(tmp_path, monkeypatch) -> None:
    from faktoora_mcp.einvoice import update

    monkeypatch.setattr("faktoora_mcp.einvoice.rulesets.RULES_DIR", tmp_path / "rules")
    xslt = SVRL_RULES.encode()
    archive = _release_zip(tmp_path, xslt)
    assert update.main(["--no-verify", "--archive", f"en16931-cii={archive}", "en16931-cii"]) == 0
    folder = tmp_path / "rules" / "en16931-cii"
    assert (folder / "EN16931-CII-validation.xslt").read_bytes() == xslt
    assert (folder / "LICENSE").read_text() == "EUPL v1.2 text" and (folder / "VERSION").read_text() == "1.3.16\n"
    assert str(archive) in (folder / "SOURCE").read_text() and RULE_SETS["en16931-cii"].installed()


def test_the_updater_refuses_an_xslt_that_is_not_the_releases(tmp_path, monkeypatch) -> None:
    from faktoora_mcp.einvoice import update

    monkeypatch.setattr("faktoora_mcp.einvoice.rulesets.RULES_DIR", tmp_path / "rules")
    archive = _release_zip(tmp_path, b"<xsl:stylesheet/>")
    with pytest.raises(SystemExit, match="not the release's 0b234dea"):
        update.main(["--archive", f"en16931-cii={archive}", "en16931-cii"])
    assert not RULE_SETS["en16931-cii"].installed()
