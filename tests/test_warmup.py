"""Start-up pays only for what tools/list needs; the first call's costs are paid after it, while the host thinks."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import anyio
import pytest
from mcp import Client

from faktoora_mcp.app import build_app
from faktoora_mcp.backends.sandbox import backend as sandbox_backend
from faktoora_mcp.backends.sandbox.store import listing
from faktoora_mcp.config import Config
from faktoora_mcp.warmup import WarmUp


async def test_after_tools_list_the_warm_up_opens_the_sandbox_before_any_call(tmp_path, catalog):
    app = build_app(Config(backend="sandbox", sandbox_db=str(tmp_path / "w.db")), catalog=catalog)
    async with Client(app.server) as client:
        await client.list_tools()
        assert not app.backend._store.is_open  # tools/list itself opened nothing
        with anyio.fail_after(10):
            await app.warm_up.run()
        assert app.backend._store.is_open
        result = await client.call_tool("list-customers", {"perPage": 1})
    assert not result.is_error


async def test_the_warm_up_waits_for_tools_list_and_a_failure_stays_quiet():
    calls: list[str] = []

    async def warm() -> None:
        calls.append("warm")
        raise RuntimeError("disk gone")  # the first real call reports it; the warm-up must not end the server

    warm_up = WarmUp(warm)
    async with anyio.create_task_group() as group:
        group.start_soon(warm_up.run)
        await anyio.sleep(0.01)
        assert calls == []
        warm_up.listed()
    assert calls == ["warm"]


async def test_a_backend_without_a_warm_up_is_left_alone():
    await WarmUp(None).run()  # returns at once: the live backend would start Membrane processes


def test_the_sandbox_page_cap_is_the_listing_s():
    assert sandbox_backend.MAX_PER_PAGE == listing.MAX_PER_PAGE


PROBE = """
import json, sys, anyio
from faktoora_mcp.app import build_app
from faktoora_mcp.config import Config
app = build_app(Config(backend='sandbox', sandbox_db=sys.argv[1]))
built = sorted(sys.modules)
app.warm_up.listed()
anyio.run(app.warm_up.run)
anyio.run(lambda: app.backend.run_action('list-outgoing-invoices', {'perPage': 5}))
print(json.dumps({'built': built, 'called': sorted(sys.modules)}))
"""
"""A fresh server process's modules after building the app, and after the warm-up and a first invoice list."""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    db = tmp_path_factory.mktemp("probe") / "probe.sqlite3"
    done = subprocess.run([sys.executable, "-c", PROBE, str(db)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.subprocess
def test_building_the_sandbox_backend_imports_no_rules_or_action_table(loaded):
    for deferred in ("actions.registry", "actions.definition", "rules.validation", "rules.money", "store.listing"):
        assert f"faktoora_mcp.backends.sandbox.{deferred}" not in loaded["built"], deferred


@pytest.mark.subprocess
def test_the_warm_up_makes_the_first_search_ready_and_start_up_leaves_it_alone(tmp_path):
    probe = (
        "import sys, anyio; from faktoora_mcp.app import build_app; from faktoora_mcp.config import Config; "
        f"app = build_app(Config(backend='sandbox', sandbox_db={str(tmp_path / 'w.db')!r})); "
        "before = {'ranking': 'faktoora_mcp.ranking' in sys.modules, 'rapidfuzz': 'rapidfuzz' in sys.modules}; "
        "app.warm_up.listed(); anyio.run(app.warm_up.run); "
        "from faktoora_mcp.ranking import scoring; "
        "print(repr((before, {'indexed': scoring.index.cache_info().currsize, 'rapidfuzz': 'rapidfuzz' in sys.modules})))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    # Start-up imports neither; after the warm-up a first search finds the catalogue indexed and rapidfuzz loaded
    before, after = ast.literal_eval(loaded)
    assert before == {"ranking": False, "rapidfuzz": False} and after == {"indexed": 1, "rapidfuzz": True}


@pytest.mark.subprocess
def test_the_warm_up_and_a_first_invoice_list_load_no_pdf_writer(loaded):
    """fpdf2 and fontTools cost ~0.5 s to import: a server, or a Membrane CLI call over the sandbox, that makes no
    PDF never pays for them."""
    assert "faktoora_mcp.backends.sandbox.actions.registry" in loaded["called"]  # the call did run
    for module in ("fpdf", "fontTools", "faktoora_mcp.backends.sandbox.invoices.files.pages"):
        assert module not in loaded["called"], module
