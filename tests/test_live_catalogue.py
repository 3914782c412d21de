"""On the live backend, tools/list comes from the manifests plus the cached live catalogue, never from a call
to Membrane: a field only the live action declares is advertised on the next start, and can be passed."""

from __future__ import annotations

import json

from mcp import Client

from faktoora_mcp.app import build_app
from faktoora_mcp.config import Config
from tests.fixtures.membrane_runner import ScriptedCli, backend_for, ok

LIVE_LIST_CUSTOMERS = {
    "id": "act-list-cust",
    "key": "list-customers",
    "name": "List Customers",
    "type": "list-data-records",
    "inputSchema": {
        "type": "object",
        "properties": {
            "limit": {"type": "integer"},
            "cursor": {"type": "string"},
            "includeArchived": {"type": ["boolean", "null"], "description": "Also archived customers"},
            "tag": {"type": "string"},
            "minRevenue": {"type": "number"},
        },
    },
}


def cache_with(tmp_path, actions) -> str:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps({"version": 1, "connectionId": "conn-1", "actions": actions}))
    return str(path)


def input_schema(app, tool: str) -> dict:
    return next(t.input_schema for t in app.dispatcher if t.name == tool)


async def test_a_field_only_the_cached_live_action_declares_is_advertised_and_passed(tmp_path, catalog) -> None:
    cli = ScriptedCli()
    cli.answers["action list"] = ok({"items": [LIVE_LIST_CUSTOMERS]})
    cli.answers["action run"] = ok({"output": {"items": [], "cursor": None}})
    shapes = {spec.key: spec.output_schema for spec in catalog}
    config = Config(backend="membrane", catalogue_cache=cache_with(tmp_path, [LIVE_LIST_CUSTOMERS]))
    app = build_app(config, backend=backend_for(cli, shapes=shapes), catalog=catalog)
    advertised = input_schema(app, "list-customers")["properties"]
    assert advertised["includeArchived"]["type"] == "boolean"  # one type: portable for every host
    assert advertised["tag"]["maxLength"] and "maximum" in advertised["minRevenue"]  # every input is bounded
    assert "limit" not in advertised and "cursor" in advertised  # limit is perPage under another name
    async with Client(app.server) as client:
        result = await client.call_tool("list-customers", {"includeArchived": True, "perPage": 5})
    assert result.is_error is False
    sent = json.loads(cli.commands("action run")[0][5].removeprefix("--input="))
    assert sent == {"includeArchived": True, "limit": 5}


async def test_without_a_cache_the_manifests_alone_are_advertised(tmp_path, catalog) -> None:
    config = Config(backend="membrane", catalogue_cache=str(tmp_path / "missing.json"))
    app = build_app(config, backend=backend_for(ScriptedCli()), catalog=catalog)
    manifest = catalog.get("list-customers").input_schema["properties"]
    assert set(input_schema(app, "list-customers")["properties"]) == {*manifest, "all", "cursor"}


async def test_a_cache_of_another_connection_is_not_used(tmp_path, catalog) -> None:
    config = Config(
        backend="membrane", connection_id="conn-2", catalogue_cache=cache_with(tmp_path, [LIVE_LIST_CUSTOMERS])
    )
    app = build_app(config, backend=backend_for(ScriptedCli()), catalog=catalog)
    assert "includeArchived" not in input_schema(app, "list-customers")["properties"]
