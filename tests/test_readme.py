"""The README's commands, run as a newcomer pastes them: the HTTP section's token, server and client."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import time
from pathlib import Path

import pytest

from tests.test_transports import STARTUP_TIMEOUT

ROOT = Path(__file__).resolve().parent.parent
README_PORT = 8765  # the port the README's commands use, as pasted: hence serial


def http_section_commands() -> list[str]:
    """The shell commands of the HTTP section's code block, continuation lines joined."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Serving over HTTP", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    joined = block.replace("\\\n", " ")
    return [line for line in joined.splitlines() if line.strip() and not line.startswith("#")]


def bash(command: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.environ["PATH"], "XDG_CACHE_HOME": str(home / "cache")}
    return subprocess.run(
        ["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=STARTUP_TIMEOUT
    )


def wait_for_port(port: int, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(
        f"the README's server did not listen on {port}: {server.stderr.read() if server.stderr else ''}"
    )


@pytest.mark.subprocess
@pytest.mark.serial
def test_the_readme_http_commands_work_when_pasted(tmp_path):
    make_token, serve, client = http_section_commands()
    made = bash(make_token, tmp_path)
    token_file = tmp_path / ".config" / "faktoora-mcp" / "token"
    assert made.returncode == 0 and len(token_file.read_text().strip()) >= 32, made.stderr
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600  # nobody else reads it
    env = {"HOME": str(tmp_path), "PATH": os.environ["PATH"], "XDG_CACHE_HOME": str(tmp_path / "cache")}
    server = subprocess.Popen(
        ["bash", "-c", f"exec {serve}"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_for_port(README_PORT, server)
        answered = bash(client, tmp_path)
        refused = bash(client.replace("$(cat ~/.config/faktoora-mcp/token)", "wrong"), tmp_path)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert '"serverInfo"' in answered.stdout and "faktoora-mcp" in answered.stdout, answered
    assert "Unauthorized" in refused.stdout
