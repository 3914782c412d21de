"""``faktoora-mcp doctor`` against the fake ``membrane``: all green, or the first problem with its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faktoora_mcp.doctor import run_doctor, write_catalogue_file
from tests.fixtures.fake_membrane_env import FakeCli

pytestmark = pytest.mark.subprocess


@pytest.fixture
def cli(tmp_path: Path) -> FakeCli:
    return FakeCli(tmp_path)


async def doctor(binary: str | None, env: dict[str, str], connection_id: str | None = None) -> tuple[int, list[str]]:
    lines: list[str] = []
    code = await run_doctor(binary, connection_id, out=lines.append, env=env)
    return code, lines


async def test_a_good_set_up_passes_every_check(cli: FakeCli) -> None:
    code, lines = await doctor(str(cli.binary), cli.env)
    assert code == 0
    assert [line[:5] for line in lines[:6]] == ["ok   "] * 6
    assert str(cli.binary) in lines[0] and "Logged in" in lines[2] and "fake-conn-1 (Faktoora) is READY" in lines[4]
    assert lines[3].startswith(f"ok   Membrane transport: Membrane CLI {cli.binary}")
    assert lines[5].startswith("ok   live actions listed: 4 actions")


async def test_the_executable_is_found_on_path(cli: FakeCli) -> None:
    env = {**cli.env, "PATH": f"{cli.binary.parent}:{cli.env['PATH']}"}
    code, lines = await doctor(None, env)
    assert code == 0 and str(cli.binary) in lines[0]


async def test_a_given_connection_id_is_checked(cli: FakeCli) -> None:
    assert (await doctor(str(cli.binary), cli.env, "fake-conn-1"))[0] == 0
    code, lines = await doctor(str(cli.binary), cli.env, "conn-gone")
    assert code == 1 and "'conn-gone' is not in `membrane connection list`" in lines[4]


@pytest.mark.parametrize("binary", [None, "/nonexistent/membrane"])
async def test_a_missing_executable_fails_first_and_names_the_install(cli: FakeCli, binary, tmp_path) -> None:
    code, lines = await doctor(binary, {**cli.env, "PATH": str(tmp_path / "empty")})
    assert code == 1
    assert lines[0].startswith("FAIL membrane executable found — ")
    assert "npm install -g @membranehq/cli" in lines[0] and "--membrane-bin" in lines[0]
    assert [line.split()[0] for line in lines] == ["FAIL", "skip", "skip", "skip", "skip", "skip"]


@pytest.mark.parametrize(
    ("fault", "failing", "fix"),
    [
        ("other-membrane", 1, "is not the Membrane CLI"),
        ("not-logged-in", 2, "membrane login --tenant"),
        ("no-connection", 4, "membrane connect --connectorKey faktoora"),
        ("client-action-required", 4, "https://ui.getmembrane.com/connections/fake-conn-1/reconnect"),
    ],
)
async def test_each_broken_state_fails_its_check_with_the_fix(cli: FakeCli, fault: str, failing: int, fix: str) -> None:
    cli.fault(fault)
    code, lines = await doctor(str(cli.binary), cli.env)
    assert code == 1
    assert [line[:4] for line in lines[:failing]] == ["ok  "] * failing
    assert lines[failing].startswith("FAIL ") and " — " in lines[failing] and fix in lines[failing]


async def test_the_drift_between_manifests_and_live_actions_is_shown_field_by_field(cli: FakeCli, tmp_path) -> None:
    env = {**cli.env, "FAKE_MEMBRANE_DB": str(tmp_path / "d.sqlite3"), "FAKE_MEMBRANE_SHAPE": "renamed-paging"}
    code, lines = await doctor(str(cli.binary), env)
    assert code == 0 and "manifests differ from them" in lines[5]
    drift = [line.strip() for line in lines[6:]]
    assert "list-customers: input.perPage: sent as the live field limit" in drift
    assert any(line.startswith("list-customers: input.page: the live action does not take it") for line in drift)
    assert not any(line.startswith("get-customer:") for line in drift)  # an action that agrees shows nothing


async def test_the_catalogue_command_writes_the_live_actions_and_their_drift(cli: FakeCli, tmp_path) -> None:
    env = {**cli.env, "FAKE_MEMBRANE_DB": str(tmp_path / "d.sqlite3"), "FAKE_MEMBRANE_SHAPE": "renamed-paging"}
    target = tmp_path / "live" / "catalogue.json"
    differing = await write_catalogue_file(str(cli.binary), None, target, env=env)
    document = json.loads(target.read_text())
    assert document["connectionId"] == "fake-conn-1" and differing == len([d for d in document["drift"].values() if d])
    listed = next(a for a in document["actions"] if a["key"] == "list-customers")
    assert {"limit", "cursor"} <= set(listed["inputSchema"]["properties"])
    assert "input.perPage: sent as the live field limit" in document["drift"]["list-customers"]


async def test_with_a_rest_token_no_cli_is_needed_and_the_transport_and_its_source_are_named(tmp_path) -> None:
    from tests.fixtures.membrane_api import TOKEN, MembraneApi

    lines: list[str] = []
    with MembraneApi().running() as api:
        access = {"token": TOKEN, "api_url": api.url}
        env = {"PATH": str(tmp_path / "empty")}  # no membrane executable anywhere
        code = await run_doctor(None, None, out=lines.append, env=env, transport="auto", access=access)
    assert code == 0, lines
    assert lines[0] == f"ok   Membrane transport: Membrane REST API {api.url} (token from MEMBRANE_TOKEN)"
    assert lines[1].startswith("ok   Faktoora connection ready") and lines[2].startswith("ok   live actions listed")
    assert TOKEN not in "\n".join(lines)
