"""What people install from: server.json for the MCP registry and the Claude Desktop bundle manifest.

CI cannot fetch the registry's published schema
(modelcontextprotocol/registry, docs/reference/server-json/server.schema.json, $id .../2025-12-11/), so
REGISTRY_RULES restates the required fields, patterns, lengths and enums it sets for what server.json uses.
`mcpb validate` checks the bundle manifest in CI; here it is checked against the server's own settings.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from faktoora_mcp import __version__
from faktoora_mcp.config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
SERVER_JSON = json.loads((ROOT / "server.json").read_text())
BUNDLE = json.loads((ROOT / "mcpb" / "manifest.json").read_text())
BY_ENV = {setting.env: setting for setting in SETTINGS}

_INPUT = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string"},
        "description": {"type": "string"},
        "format": {"enum": ["string", "number", "boolean", "filepath"]},
        "isRequired": {"type": "boolean"},
        "isSecret": {"type": "boolean"},
        "default": {"type": "string"},
        "placeholder": {"type": "string"},
        "value": {"type": "string"},
        "choices": {"type": "array", "items": {"type": "string"}},
    },
}
REGISTRY_RULES = {
    "type": "object",
    "required": ["name", "description", "version"],
    "properties": {
        "$schema": {"type": "string", "pattern": r"^https://static\.modelcontextprotocol\.io/schemas/"},
        "name": {"type": "string", "minLength": 3, "maxLength": 200, "pattern": r"^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$"},
        "title": {"type": "string", "minLength": 1, "maxLength": 100},
        "description": {"type": "string", "minLength": 1, "maxLength": 100},
        "version": {"type": "string", "maxLength": 255},
        "packages": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["registryType", "transport", "identifier", "version"],
                "properties": {
                    "registryType": {"enum": ["npm", "pypi", "nuget", "oci", "mcpb"]},
                    "registryBaseUrl": {"type": "string", "pattern": r"^https://"},
                    "identifier": {"type": "string", "minLength": 1},
                    "version": {"type": "string", "minLength": 1, "not": {"const": "latest"}},
                    "runtimeHint": {"type": "string"},
                    "transport": {
                        "type": "object",
                        "required": ["type"],
                        "properties": {"type": {"enum": ["stdio", "streamable-http", "sse"]}},
                    },
                    "environmentVariables": {"type": "array", "items": _INPUT},
                },
            },
        },
    },
}
VERSION_RANGE = re.compile(r"[\^~<>=*]|\.x\b|^latest$")


def test_server_json_keeps_the_registry_schema_rules():
    errors = [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in Draft7Validator(REGISTRY_RULES).iter_errors(SERVER_JSON)
    ]
    assert errors == []
    assert not VERSION_RANGE.search(SERVER_JSON["version"])  # the registry rejects ranges


def test_the_rules_catch_what_the_registry_rejects():
    bad = SERVER_JSON | {"name": "faktoora-mcp", "description": "x" * 101}
    messages = [e.message for e in Draft7Validator(REGISTRY_RULES).iter_errors(bad)]
    assert len(messages) == 2 and any("does not match" in m for m in messages)


def test_server_json_names_this_pypi_package_at_this_version_over_stdio():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    (package,) = SERVER_JSON["packages"]
    assert (package["registryType"], package["identifier"]) == ("pypi", project["name"])
    assert SERVER_JSON["version"] == package["version"] == __version__
    assert package["transport"] == {"type": "stdio"}


def test_the_registry_can_verify_the_package_through_the_readme():
    # The registry proves PyPI ownership by finding "mcp-name: <name>" in the package's README.
    assert f"mcp-name: {SERVER_JSON['name']}" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("variable", SERVER_JSON["packages"][0]["environmentVariables"], ids=lambda v: v["name"])
def test_each_registry_variable_is_a_real_setting_with_valid_values(variable):
    setting = BY_ENV[variable["name"]]
    for value in [*variable.get("choices", []), *([variable["default"]] if "default" in variable else [])]:
        setting.parse(value)  # raises on a value the server would refuse
    if options := getattr(setting.parse, "options", None):
        assert tuple(variable["choices"]) == options


def test_the_bundle_declares_the_user_facing_options_and_passes_each_to_a_real_setting():
    env = BUNDLE["server"]["mcp_config"]["env"]
    assert set(BUNDLE["user_config"]) == {"backend", "read_only", "toolsets", "membrane_bin"}
    for name, option in BUNDLE["user_config"].items():
        (variable,) = [key for key, value in env.items() if value == f"${{user_config.{name}}}"]
        default = option["default"]
        # Claude Desktop substitutes the default when the person sets nothing; the server must accept it.
        BY_ENV[variable].parse(str(default).lower() if isinstance(default, bool) else default)
    assert BUNDLE["version"] == __version__ and BUNDLE["server"]["type"] == "uv"


def test_the_readme_table_and_help_list_every_flag_and_variable():
    from faktoora_mcp.commandline import build_parser

    readme = (ROOT / "README.md").read_text()
    rows = [line for line in readme.splitlines() if line.startswith("| `--")]
    shown = build_parser().format_help()
    for setting in SETTINGS:
        assert any(f"`{setting.flag}" in row and f"`{setting.env}`" in row for row in rows), setting.flag
        assert setting.flag in shown and setting.env in shown, setting.flag


def test_ci_runs_the_readme_test_command_every_part_of_it():
    """The test command of the README's quick start is what .ci/run runs: its parallel pass and its serial one."""
    readme = (ROOT / "README.md").read_text()
    command = next(line for line in readme.splitlines() if '.venv/bin/pip install -e ".[test]" && ' in line)
    passes = [part.strip() for part in command.split("&&") if "pytest" in part]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert len(passes) == 2 and all(part in ci for part in passes), passes
    assert '-m "not serial"' in passes[0] and "-m serial" in passes[1]  # together: every test
