"""Flags over environment over defaults; bad values name the flag and the variable."""

from __future__ import annotations

from dataclasses import fields

import pytest

from faktoora_mcp.commandline import build_parser
from faktoora_mcp.config import (
    SETTINGS,
    Config,
    Setting,
    load_config,
    membrane_access,
    require_membrane,
    resolve_backend,
)
from faktoora_mcp.errors import ConfigError


def flags(*argv: str) -> dict:
    return vars(build_parser().parse_args(list(argv)))


def test_defaults_without_flags_or_environment():
    assert load_config(flags(), environ={}) == Config()


def other_value(setting: Setting) -> tuple[str, object]:
    """A value unlike the default, as text and as the setting reads it."""
    options = getattr(setting.parse, "options", None)
    if options:
        text = next(option for option in reversed(options) if option != setting.default)
    elif setting.is_switch:
        text = "true"
    elif isinstance(setting.default, int | float):
        text = str(setting.default // 2 if setting.default > 1 else 2)
    else:
        text = f"/tmp/{setting.name}"
    return text, setting.parse(text)


def test_every_setting_is_read_from_its_environment_variable():
    assert len(SETTINGS) == len(fields(Config))
    expected = {setting.name: other_value(setting) for setting in SETTINGS}
    config = load_config(flags(), environ={s.env: expected[s.name][0] for s in SETTINGS})
    assert {name: getattr(config, name) for name in expected} == {name: v for name, (_, v) in expected.items()}
    assert all(getattr(config, name) != getattr(Config(), name) for name in expected)


def test_every_setting_is_read_from_its_flag():
    argv = []
    for setting in SETTINGS:
        argv += [setting.flag] if setting.is_switch else [setting.flag, other_value(setting)[0]]
    config = load_config(flags(*argv), environ={})
    assert all(getattr(config, s.name) == other_value(s)[1] != getattr(Config(), s.name) for s in SETTINGS)


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
    fake.chmod(0o755)
    assert resolve_backend(Config(membrane_bin=str(fake)), which=lambda name: None).backend == "membrane"
    assert resolve_backend(Config(backend="sandbox"), which=lambda name: "/usr/bin/membrane").backend == "sandbox"


@pytest.mark.parametrize("backend", ["auto", "membrane"])
def test_a_membrane_bin_that_is_missing_or_not_executable_is_an_error_not_the_demo(tmp_path, backend):
    not_executable = tmp_path / "membrane"
    not_executable.write_text("#!/bin/sh\n")
    for path in (tmp_path / "absent", not_executable):
        with pytest.raises(ConfigError) as caught:
            resolve_backend(Config(backend=backend, membrane_bin=str(path)), which=lambda name: "/usr/bin/x")
        assert f"--membrane-bin {path} is not an executable file" in caught.value.message
        assert "npm install -g @membranehq/cli" in caught.value.message and "--backend sandbox" in caught.value.message


def test_backend_membrane_without_membrane_names_the_install_and_the_flag():
    with pytest.raises(ConfigError) as caught:
        require_membrane(Config(backend="membrane"), which=lambda name: None)
    assert "npm install -g @membranehq/cli" in caught.value.message and "--membrane-bin" in caught.value.message


def test_auto_picks_membrane_with_a_rest_token_and_no_executable(monkeypatch):
    monkeypatch.setenv("MEMBRANE_TOKEN", "mbr-token-from-the-environment-1234")
    assert resolve_backend(Config(), which=lambda name: None).backend == "membrane"
    cli_only = Config(membrane_transport="cli")
    assert resolve_backend(cli_only, which=lambda name: None).backend == "sandbox"  # the CLI would be needed


def test_membranes_own_variables_are_read_by_their_own_names():
    environ = {
        "MEMBRANE_TOKEN": " tok-123456789 ",
        "MEMBRANE_API_URL": "http://127.0.0.1:9",
        "MEMBRANE_WORKSPACE_KEY": "",
        "FAKTOORA_MCP_MEMBRANE_TRANSPORT": "rest",
    }
    assert membrane_access(environ) == {"token": "tok-123456789", "api_url": "http://127.0.0.1:9"}
    assert load_config(flags(), environ=environ).membrane_transport == "rest"
    with pytest.raises(ConfigError, match=r"FAKTOORA_MCP_MEMBRANE_TRANSPORT.*not one of auto, rest, cli"):
        load_config(flags(), environ={"FAKTOORA_MCP_MEMBRANE_TRANSPORT": "http"})
