"""``faktoora-mcp doctor`` against the fake ``membrane``: all green, or the first problem with its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from faktoora_mcp.doctor import run_doctor
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
    assert [line[:5] for line in lines] == ["ok   "] * 4
    assert str(cli.binary) in lines[0] and "Logged in" in lines[2] and "fake-conn-1 (Faktoora) is READY" in lines[3]


async def test_the_executable_is_found_on_path(cli: FakeCli) -> None:
    env = {**cli.env, "PATH": f"{cli.binary.parent}:{cli.env['PATH']}"}
    code, lines = await doctor(None, env)
    assert code == 0 and str(cli.binary) in lines[0]


async def test_a_given_connection_id_is_checked(cli: FakeCli) -> None:
    assert (await doctor(str(cli.binary), cli.env, "fake-conn-1"))[0] == 0
    code, lines = await doctor(str(cli.binary), cli.env, "conn-gone")
    assert code == 1 and "'conn-gone' is not in `membrane connection list`" in lines[-1]


@pytest.mark.parametrize("binary", [None, "/nonexistent/membrane"])
async def test_a_missing_executable_fails_first_and_names_the_install(cli: FakeCli, binary, tmp_path) -> None:
    code, lines = await doctor(binary, {**cli.env, "PATH": str(tmp_path / "empty")})
    assert code == 1
    assert lines[0].startswith("FAIL membrane executable found — ")
    assert "npm install -g @membranehq/cli" in lines[0] and "--membrane-bin" in lines[0]
    assert [line.split()[0] for line in lines] == ["FAIL", "skip", "skip", "skip"]


@pytest.mark.parametrize(
    ("fault", "failing", "fix"),
    [
        ("other-membrane", 1, "is not the Membrane CLI"),
        ("not-logged-in", 2, "membrane login --tenant"),
        ("no-connection", 3, "membrane connect --connectorKey faktoora"),
        ("client-action-required", 3, "https://ui.getmembrane.com/connections/fake-conn-1/reconnect"),
    ],
)
async def test_each_broken_state_fails_its_check_with_the_fix(cli: FakeCli, fault: str, failing: int, fix: str) -> None:
    cli.fault(fault)
    code, lines = await doctor(str(cli.binary), cli.env)
    assert code == 1
    assert [line[:4] for line in lines[:failing]] == ["ok  "] * failing
    assert lines[failing].startswith("FAIL ") and " — " in lines[failing] and fix in lines[failing]
