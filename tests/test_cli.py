"""The terminal way in: tools, call, --version, and clear failures."""

from __future__ import annotations

import json

import pytest

from faktoora_mcp import __version__
from faktoora_mcp.cli import main


@pytest.fixture
def db(tmp_path) -> list[str]:
    return ["--backend", "sandbox", "--sandbox-db", str(tmp_path / "cli.sqlite3")]


def test_call_prints_the_structured_result_as_json(db, capsys):
    assert main([*db, "call", "list-customers", '{"perPage": 2}']) == 0
    printed = json.loads(capsys.readouterr().out)
    assert len(printed["data"]) == 2 and printed["meta"]["perPage"] == 2


def test_call_with_bad_arguments_exits_1_and_names_the_field_on_stderr(db, capsys):
    assert main([*db, "call", "list-customers", '{"perPage": 0}']) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "perPage: 0 is less than the minimum of 1" in captured.err


def test_call_with_arguments_that_are_not_json_exits_2_with_the_fix(db, capsys):
    assert main([*db, "call", "list-customers", "{perPage: 2}"]) == 2
    assert "ARGUMENTS is not valid JSON" in capsys.readouterr().err


def test_tools_prints_one_line_per_tool_with_its_kind(db, capsys):
    assert main([*db, "--toolsets", "all", "tools"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 33
    kinds = {line.split()[0]: line.split()[1] for line in lines}
    assert kinds["list-customers"] == "read" and kinds["delete-customer"] == "DELETE"
    assert kinds["create-product"] == "write"


def test_tools_json_is_the_wire_tool_list(db, capsys):
    assert main([*db, "--read-only", "--toolsets", "all", "tools", "--json"]) == 0
    tools = json.loads(capsys.readouterr().out)
    writes = {tool["name"] for tool in tools if not tool["annotations"]["readOnlyHint"]}
    assert writes == {"run-action", "api-request"}  # listed read-only for their reads; their writes are refused
    assert {"name", "title", "description", "inputSchema", "outputSchema", "annotations"} <= set(tools[0])


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0 and __version__ in capsys.readouterr().out


def test_an_unknown_toolset_stops_with_the_valid_ones(db, capsys):
    assert main([*db, "--toolsets", "billing", "tools"]) == 2
    assert "valid: invoices, numbering, customers, products, webhooks, discovery, proxy, default, all" in (
        capsys.readouterr().err
    )


def test_doctor_reports_each_check_and_passes_on_a_working_membrane(tmp_path, capsys, monkeypatch):
    from tests.fixtures.fake_membrane import install

    monkeypatch.setenv("FAKE_MEMBRANE_DB", str(tmp_path / "doctor.sqlite3"))
    assert main(["--membrane-bin", str(install(tmp_path)), "doctor"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 4 and all(line.startswith("ok") for line in lines)


def test_doctor_fails_with_the_install_command_when_membrane_is_missing(tmp_path, capsys):
    assert main(["--membrane-bin", str(tmp_path / "no-such-membrane"), "doctor"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "npm install -g @membranehq/cli" in out


def test_read_only_with_sandbox_reset_stops_start_up_saying_why(db, capsys):
    assert main([*db, "--read-only", "--sandbox-reset", "tools"]) == 2
    assert "--sandbox-reset deletes and re-seeds the sandbox, and --read-only promises" in capsys.readouterr().err


def test_an_unwritable_default_sandbox_directory_stops_start_up_naming_sandbox_db(tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the user data directory should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    monkeypatch.delenv("FAKTOORA_MCP_SANDBOX_DB", raising=False)
    assert main(["--backend", "sandbox", "tools"]) == 2
    err = capsys.readouterr().err
    assert f"{blocker}/faktoora-mcp" in err and "Pass --sandbox-db (FAKTOORA_MCP_SANDBOX_DB)" in err
    assert "incident" not in err
