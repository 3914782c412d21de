"""Every input the server advertises is bounded (issue 11, point 2), and the table bounds by name and type."""

from __future__ import annotations

from typing import Any

from mcp import Client

from faktoora_mcp.app import build_app
from faktoora_mcp.backends.sandbox.actions.registry import all_actions
from faktoora_mcp.bounds import MAX_NAME, MAX_TEXT, with_bounds
from faktoora_mcp.config import Config


def unbounded(schema: Any, path: str = "") -> list[str]:
    """Strings without maxLength and numbers without both bounds; enums, consts and free pass-through are bounded."""
    if not isinstance(schema, dict):
        return []
    kinds = schema.get("type")
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    found = []
    if "enum" not in schema and "const" not in schema:
        if "string" in kinds and "maxLength" not in schema:
            found.append(path)
        low = "minimum" in schema or "exclusiveMinimum" in schema
        if kinds & {"integer", "number"} and not (low and "maximum" in schema):
            found.append(path)
    for name, sub in schema.get("properties", {}).items():
        found += unbounded(sub, f"{path}.{name}")
    found += unbounded(schema.get("items"), f"{path}[]")
    found += unbounded(schema.get("additionalProperties"), f"{path}.*")
    return found


async def test_every_listed_tool_bounds_every_input(tmp_path) -> None:
    app = build_app(Config(backend="sandbox", sandbox_db=str(tmp_path / "b.sqlite3")))
    async with Client(app.server) as client:
        tools = (await client.list_tools()).tools
    assert {tool.name: unbounded(tool.input_schema) for tool in tools if unbounded(tool.input_schema)} == {}


def test_every_sandbox_action_bounds_every_input() -> None:
    found = {key: unbounded(a.input_schema) for key, a in all_actions().items() if unbounded(a.input_schema)}
    assert found == {}


def test_the_table_bounds_by_name_then_by_type_and_keeps_stricter_bounds() -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "note": {"type": "string"},
            "page": {"type": "integer", "maximum": 10},
            "extras": {"type": "object"},
        },
    }
    bounded = with_bounds(schema)["properties"]
    assert bounded["name"]["maxLength"] == MAX_NAME and bounded["name"]["pattern"] == "\\S"
    assert bounded["note"]["maxLength"] == MAX_TEXT
    assert bounded["page"] == {"type": "integer", "maximum": 10, "minimum": 1}
    assert bounded["extras"]["maxProperties"] > 0
