"""What a newcomer meets at the terminal, driven through the real ``faktoora-mcp`` process: each command's help,
and start-up refusals that are one line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from tests.test_transports import STARTUP_TIMEOUT, server_env

pytestmark = pytest.mark.subprocess

USAGE_EXIT = 2


def run(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "faktoora_mcp", *argv]
    return subprocess.run(
        command, env=server_env(**env), capture_output=True, text=True, timeout=STARTUP_TIMEOUT, check=False
    )


def one_line_refusal(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == USAGE_EXIT, done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("command", "own", "foreign"),
    [
        ("doctor", ["--membrane-bin", "--connection-id"], ["--max-sessions", "--sandbox-db", "--port"]),
        ("catalogue", ["--output", "--membrane-bin"], ["--max-sessions", "--allowed-origins", "--sandbox-reset"]),
        ("call", ["TOOL", "JSON", "--read-only", "--sandbox-db"], ["--max-sessions", "--allowed-origins"]),
        ("tools", ["--json", "--toolsets"], ["--session-idle-timeout", "--auth-token-file"]),
    ],
)
def test_a_command_help_describes_it_and_shows_its_own_flags_only(command, own, foreign):
    done = run(command, "--help")
    assert done.returncode == 0
    usage, description = done.stdout.split("\n\n")[:2]
    assert usage.startswith(f"usage: faktoora-mcp {command}") and len(description.splitlines()) == 1
    assert all(flag in done.stdout for flag in own), done.stdout
    assert not any(flag in done.stdout for flag in foreign), done.stdout


def test_the_global_help_lists_every_command_with_a_description():
    shown = run("--help").stdout
    for command in ("tools", "call", "doctor", "catalogue"):
        assert any(line.strip().startswith(command + " ") for line in shown.splitlines()), command


def test_flags_outside_a_command_help_are_still_accepted_after_it(tmp_path):
    done = run("tools", "--backend", "sandbox", "--sandbox-db", str(tmp_path / "s.db"), "--max-sessions", "5")
    assert done.returncode == 0 and "list-customers" in done.stdout


@pytest.mark.parametrize(
    ("argv", "env", "says"),
    [
        (["--port", "70000"], {}, "--port: 70000 is outside 1..65535"),
        (["--transport", "pigeon"], {}, "--transport: 'pigeon' is not one of stdio, http"),
        (["tools", "--membrane-timeout", "soon"], {}, "--membrane-timeout: could not convert string to float"),
        ([], {"FAKTOORA_MCP_MAX_ITEMS": "0"}, "FAKTOORA_MCP_MAX_ITEMS: 0 is outside 1..100000"),
        (["call"], {}, "the following arguments are required: TOOL"),
    ],
)
def test_a_bad_flag_or_variable_is_one_line_naming_it(argv, env, says):
    assert says in one_line_refusal(run(*argv, **env))


def test_an_unreadable_token_file_is_one_line_naming_the_flag(tmp_path):
    line = one_line_refusal(run("--transport", "http", "--auth-token-file", str(tmp_path / "absent")))
    assert "--auth-token-file" in line and "cannot read it" in line


def test_a_port_in_use_is_one_line_naming_the_flag_before_anything_says_serving(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = run(
            *("--backend", "sandbox", "--sandbox-db", str(tmp_path / "p.db"), "--log-level", "info"),
            *("--transport", "http", "--port", str(port)),
        )
    line = one_line_refusal(done)
    assert f"Port {port} is already in use" in line and "--port" in line and "serving" not in done.stderr


# -- where it runs -------------------------------------------------------------------------------------

SANDBOX_SAID = "Runs on the OFFLINE SANDBOX: a fictional demo company, not a real Faktoora account"


def test_call_and_tools_on_the_sandbox_say_so_once_and_keep_stdout_clean(tmp_path):
    """--backend auto without Membrane serves the demo company: said beside the output, not inside it."""
    no_membrane = {"PATH": str(tmp_path)}
    db = ("--sandbox-db", str(tmp_path / "w.db"))
    called = run("call", "list-customers", '{"perPage": 1}', *db, **no_membrane)
    listed = run("tools", *db, **no_membrane)
    for done in (called, listed):
        assert done.returncode == 0 and done.stderr.count("OFFLINE SANDBOX") == 1, done.stderr
        assert SANDBOX_SAID in done.stderr and "no Membrane CLI was found" in done.stderr
        assert "SANDBOX" not in done.stdout
    assert json.loads(called.stdout)["data"]


def test_doctor_says_the_server_would_serve_the_sandbox(tmp_path):
    done = run("doctor", **{"PATH": str(tmp_path)})
    assert done.returncode == 1 and "note the server runs on the OFFLINE SANDBOX" in done.stdout


def test_the_stdio_server_says_sandbox_in_its_first_log_line_and_its_instructions(tmp_path):
    initialize = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}},
    }
    command = [sys.executable, "-m", "faktoora_mcp", "--sandbox-db", str(tmp_path / "s.db"), "--log-level", "info"]
    done = subprocess.run(
        command,
        input=json.dumps(initialize) + "\n",
        env=server_env(PATH=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT,
        check=False,
    )
    answer = json.loads(done.stdout.splitlines()[0])
    assert "OFFLINE SANDBOX" in answer["result"]["instructions"]
    first_log_line = done.stderr.splitlines()[0]
    assert SANDBOX_SAID in first_log_line and done.stderr.count("OFFLINE SANDBOX") == 1
    assert "serving 20 tools over stdio" in first_log_line  # what a host lists: the default toolsets


@pytest.mark.parametrize(
    ("command", "says"),
    [
        (["call", "list-customers", "--backend", "membrane"], "--backend membrane needs the Membrane CLI and no"),
        (["tools", "--membrane-bin", "/nowhere/membrane"], "--membrane-bin /nowhere/membrane is not an executable"),
        (["--backend", "membrane", "--membrane-bin", "/nowhere/membrane"], "--membrane-bin /nowhere/membrane is"),
    ],
)
def test_a_live_set_up_without_membrane_stops_naming_the_fix_and_never_serves_the_demo(tmp_path, command, says):
    line = one_line_refusal(run(*command, "--sandbox-db", str(tmp_path / "x.db"), PATH=str(tmp_path)))
    assert says in line and "npm install -g @membranehq/cli" in line and "--backend sandbox" in line


@pytest.mark.parametrize("command", [["tools"], ["call", "list-customers"], []])
def test_a_live_set_up_without_membrane_is_refused_before_the_sdk_loads(tmp_path, command):
    """The refusal is read at once: nothing heavy (the MCP SDK, the server) is imported before it."""
    script = (
        "import sys; from faktoora_mcp.cli import main; "
        f"code = main({[*command, '--membrane-bin', str(tmp_path / 'membrane')]!r}); "
        "print(code, sorted(m for m in ('mcp', 'faktoora_mcp.app', 'faktoora_mcp.server') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=server_env(), capture_output=True, text=True, timeout=STARTUP_TIMEOUT
    )
    assert done.stdout.split(maxsplit=1) == [str(USAGE_EXIT), "[]\n"], done.stderr
    assert "is not an executable file" in done.stderr


def test_the_live_backend_does_not_claim_a_live_account_before_it_has_seen_one(catalog):
    from faktoora_mcp.app import build_app
    from faktoora_mcp.backends.base import HandlerBackend
    from faktoora_mcp.config import Config

    backend = HandlerBackend(lambda action, arguments: {}, name="membrane")
    said = build_app(Config(backend="membrane"), backend=backend, catalog=catalog).server.instructions
    assert "not yet verified" in said and "connected to a live Faktoora account" not in said
