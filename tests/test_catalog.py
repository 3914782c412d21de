"""Manifest loading and argument validation, without MCP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faktoora_mcp.catalog import TOOLSETS, Catalog, load_manifest
from faktoora_mcp.errors import InvalidArguments, ManifestError, UnknownTool

MINIMAL = {
    "key": "list-things",
    "title": "List things",
    "description": "Lists things. " * 8,
    "toolset": "products",
    "annotations": {"readOnlyHint": True, "destructiveHint": False, "idempotentHint": True, "openWorldHint": False},
    "inputSchema": {
        "type": "object",
        "properties": {
            "perPage": {"type": "integer", "minimum": 1, "maximum": 1000, "description": "Page size."},
            "lines": {
                "type": "array",
                "description": "Lines.",
                "items": {
                    "type": "object",
                    "properties": {"quantity": {"type": "number", "minimum": 0, "description": "How many."}},
                },
            },
        },
        "additionalProperties": False,
    },
    "outputSchema": {"type": "object", "properties": {}},
}


def write(directory: Path, manifest: dict, name: str | None = None) -> Path:
    (directory / "actions").mkdir(exist_ok=True)
    path = directory / "actions" / f"{name or manifest['key']}.json"
    path.write_text(json.dumps(manifest))
    return path


def test_the_shipped_catalog_loads_its_actions_in_a_stable_order():
    catalog = Catalog.load()
    assert len(catalog) == 29  # Membrane's 20 and Faktoora's documented write side
    assert catalog.keys() == Catalog.load().keys()
    assert catalog.get(catalog.keys()[0]).toolset == "invoices"  # invoices come first
    assert catalog.keys() == sorted(catalog.keys(), key=lambda k: (TOOLSETS.index(catalog.get(k).toolset), k))


def test_a_manifest_whose_key_differs_from_its_file_name_fails_start_up_naming_the_file(tmp_path):
    path = write(tmp_path, MINIMAL, name="other-name")
    with pytest.raises(ManifestError) as caught:
        Catalog.load(tmp_path)
    assert str(path) in caught.value.message and "must match the file name" in caught.value.message


def test_a_manifest_that_is_not_json_fails_start_up_naming_the_file(tmp_path):
    (tmp_path / "actions").mkdir()
    (tmp_path / "actions" / "broken.json").write_text("{ not json")
    with pytest.raises(ManifestError) as caught:
        Catalog.load(tmp_path)
    assert "broken.json" in caught.value.message and "cannot be read" in caught.value.message


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"inputSchema": {"properties": {}}}, 'inputSchema: the root must be {"type": "object"}'),
        ({"toolset": "misc"}, "toolset: 'misc' is not one of"),
        ({"annotations": {"readOnlyHint": True}}, "annotations.destructiveHint: must be true or false"),
    ],
)
def test_a_structurally_broken_manifest_names_the_reason(tmp_path, change, reason):
    path = write(tmp_path, MINIMAL | change)
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    assert reason in caught.value.message


def test_a_missing_field_is_named(tmp_path):
    broken = {k: v for k, v in MINIMAL.items() if k != "outputSchema"}
    with pytest.raises(ManifestError, match="outputSchema: required field is missing"):
        load_manifest(write(tmp_path, broken))


def test_an_empty_manifest_directory_fails_start_up(tmp_path):
    with pytest.raises(ManifestError, match="No manifests found"):
        Catalog.load(tmp_path)


def test_violations_carry_json_paths_into_nested_arrays(tmp_path):
    spec = load_manifest(write(tmp_path, MINIMAL))
    with pytest.raises(InvalidArguments) as caught:
        spec.validate({"lines": [{"quantity": 1}, {"quantity": -2}]})
    assert [str(v) for v in caught.value.violations] == ["lines[1].quantity: -2 is less than the minimum of 0"]


def test_the_message_lists_violations_and_the_next_step(tmp_path):
    spec = load_manifest(write(tmp_path, MINIMAL))
    with pytest.raises(InvalidArguments) as caught:
        spec.validate({"perPage": 5000, "colour": "red"})
    message = caught.value.message
    assert message.startswith("Invalid arguments for list-things: ")
    assert "colour: unknown field; allowed fields are lines, perPage" in message
    assert "perPage: 5000 is greater than the maximum of 1000" in message
    assert message.endswith("Fix the named field(s) and call again.")


def test_valid_arguments_pass(tmp_path):
    load_manifest(write(tmp_path, MINIMAL)).validate({"perPage": 10, "lines": [{"quantity": 2}]})


def test_asking_for_an_unknown_key_says_how_to_find_the_right_one():
    with pytest.raises(UnknownTool, match="tools/list"):
        Catalog.load().get("nope")
