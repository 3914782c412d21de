"""Flags over environment over defaults; bad values name the flag and the variable."""

from __future__ import annotations

import pytest

from faktoora_mcp.cli import build_parser
from faktoora_mcp.config import Config, load_config, resolve_backend
from faktoora_mcp.errors import ConfigError


def flags(*argv: str) -> dict:
    return vars(build_parser().parse_args(list(argv)))


def test_defaults_without_flags_or_environment():
    assert load_config(flags(), environ={}) == Config()


def test_environment_variables_set_every_option():
    env = {
        "FAKTOORA_MCP_BACKEND": "sandbox",
        "FAKTOORA_MCP_READ_ONLY": "true",
        "FAKTOORA_MCP_TRANSPORT": "http",
        "FAKTOORA_MCP_PORT": "9001",
        "FAKTOORA_MCP_SANDBOX_DB": ":memory:",
        "FAKTOORA_MCP_CONNECTION_ID": "conn-1",
        "FAKTOORA_MCP_MEMBRANE_CONCURRENCY": "2",
    }
    config = load_config(flags(), environ=env)
    assert (config.backend, config.read_only, config.transport, config.port) == ("sandbox", True, "http", 9001)
    assert (config.sandbox_db, config.connection_id, config.membrane_concurrency) == (":memory:", "conn-1", 2)


def test_flags_win_over_the_environment():
    config = load_config(flags("--backend", "membrane", "--port", "7000"), environ={"FAKTOORA_MCP_BACKEND": "sandbox"})
    assert (config.backend, config.port) == ("membrane", 7000)


def test_flags_are_accepted_after_the_command_too():
    assert load_config(flags("call", "list-customers", "--read-only"), environ={}).read_only is True


@pytest.mark.parametrize(
    ("variable", "value", "fragment"),
    [
        ("FAKTOORA_MCP_BACKEND", "cloud", "'cloud' is not one of auto, membrane, sandbox"),
        ("FAKTOORA_MCP_READ_ONLY", "maybe", "'maybe' is not a boolean"),
        ("FAKTOORA_MCP_PORT", "70000", "70000 is outside 1..65535"),
    ],
)
def test_a_bad_environment_value_names_the_variable_and_the_flag(variable, value, fragment):
    with pytest.raises(ConfigError) as caught:
        load_config(flags(), environ={variable: value})
    assert variable in caught.value.message and fragment in caught.value.message and "--" in caught.value.message


def test_a_bad_flag_value_exits_with_usage(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--transport", "carrier-pigeon"])
    assert "not one of stdio, http" in capsys.readouterr().err


def test_auto_picks_membrane_only_when_its_executable_exists(tmp_path):
    assert resolve_backend(Config(), which=lambda name: None).backend == "sandbox"
    assert resolve_backend(Config(), which=lambda name: "/usr/bin/membrane").backend == "membrane"
    fake = tmp_path / "membrane"
    fake.write_text("#!/bin/sh\n")
    assert resolve_backend(Config(membrane_bin=str(fake)), which=lambda name: None).backend == "membrane"
    assert resolve_backend(Config(backend="sandbox"), which=lambda name: "/usr/bin/membrane").backend == "sandbox"
