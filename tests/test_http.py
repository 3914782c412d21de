"""The HTTP transport: a bearer token off loopback, Host/Origin checks that follow the bind, stateless mode,
DELETE. Start-up decisions are checked in process; the wire behaviour against real server processes
(127.0.0.2 stands in for an address beyond loopback)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import httpx2 as httpx
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from faktoora_mcp.config import Config
from faktoora_mcp.errors import ConfigError
from faktoora_mcp.http import resolve_token, transport_security
from tests.test_transports import STARTUP_TIMEOUT, free_port, server_env

TOKEN = "test-token-0123456789-abcdefghijklmnopqrstuvwxyz"
ACCEPT = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}},
}
PING = {"jsonrpc": "2.0", "id": 3, "method": "ping"}


# -- start-up decisions, in process -------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.2", "0.0.0.0", "192.168.1.20", "mcp.example.com"])
def test_beyond_loopback_a_token_is_required_and_the_message_says_how_to_set_one(host):
    with pytest.raises(ConfigError) as caught:
        resolve_token(Config(transport="http", host=host))
    assert f"Serving HTTP on {host} needs a bearer token" in caught.value.message
    assert "FAKTOORA_MCP_AUTH_TOKEN" in caught.value.message and "--auth-token-file" in caught.value.message


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_on_loopback_a_token_is_optional(host):
    assert resolve_token(Config(host=host)) is None


def test_a_short_token_is_refused_without_being_repeated():
    with pytest.raises(ConfigError, match="shorter than 32 characters") as caught:
        resolve_token(Config(host="127.0.0.2", auth_token="hunter2"))
    assert "hunter2" not in caught.value.message


def test_a_token_file_gives_its_first_line_and_its_problems_are_named(tmp_path):
    path = tmp_path / "token"
    path.write_text(TOKEN + "\ncomment\n")
    assert resolve_token(Config(host="0.0.0.0", auth_token_file=str(path))) == TOKEN
    with pytest.raises(ConfigError, match=r"--auth-token-file .*cannot read it"):
        resolve_token(Config(auth_token_file=str(tmp_path / "absent")))
    (tmp_path / "empty").write_text("\n")
    with pytest.raises(ConfigError, match="first line is empty"):
        resolve_token(Config(auth_token_file=str(tmp_path / "empty")))
    with pytest.raises(ConfigError, match="Give the token once"):
        resolve_token(Config(auth_token=TOKEN, auth_token_file=str(path)))


def test_the_token_never_shows_in_the_config_repr():
    assert TOKEN not in repr(Config(auth_token=TOKEN))


def test_allowed_hosts_default_to_the_bind_plus_localhost_names_on_loopback():
    assert transport_security(Config(host="127.0.0.1")).allowed_hosts == [
        "127.0.0.1",
        "127.0.0.1:*",
        "localhost",
        "localhost:*",
        "[::1]",
        "[::1]:*",
    ]
    beyond = transport_security(Config(host="192.168.1.20"))
    assert beyond.enable_dns_rebinding_protection and beyond.allowed_hosts == ["192.168.1.20", "192.168.1.20:*"]
    assert "https://192.168.1.20:*" in beyond.allowed_origins
    assert transport_security(Config(host="fd00::7")).allowed_hosts == ["[fd00::7]", "[fd00::7]:*"]


def test_listed_hosts_keep_their_port_and_a_wildcard_bind_needs_a_list():
    listed = transport_security(Config(host="0.0.0.0", allowed_hosts="mcp.example.com, 10.0.0.5:8765"))
    assert listed.allowed_hosts == ["mcp.example.com", "mcp.example.com:*", "10.0.0.5:8765"]
    with pytest.raises(ConfigError, match="--allowed-hosts"):
        transport_security(Config(host="0.0.0.0"))


# -- on the wire ---------------------------------------------------------------------------------------


class Served:
    """A faktoora-mcp HTTP server process; ``log`` keeps growing with what it writes to stderr."""

    def __init__(self, process: subprocess.Popen[bytes], host: str, port: int) -> None:
        self.process, self.host, self.port = process, host, port
        self.url = f"http://{host}:{port}/mcp"
        self.lines: list[str] = []
        ready = threading.Event()
        watchdog = threading.Timer(STARTUP_TIMEOUT, process.kill)
        watchdog.start()

        def read() -> None:
            for line in iter(process.stderr.readline, b""):
                self.lines.append(line.decode())
                if "Uvicorn running on" in self.lines[-1]:
                    ready.set()
            ready.set()  # it died: let the fixture report what it said

        threading.Thread(target=read, daemon=True).start()
        ready.wait()
        watchdog.cancel()
        assert process.poll() is None, self.log

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def serve(tmp_path, *flags: str, host: str = "127.0.0.1", **env: str) -> Served:
    port = free_port()
    command = [sys.executable, "-m", "faktoora_mcp", "--backend", "sandbox", "--sandbox-db", str(tmp_path / "h.db")]
    command += ["--transport", "http", "--host", host, "--port", str(port), "--log-level", "info", *flags]
    process = subprocess.Popen(command, env=server_env(**env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return Served(process, host, port)


@pytest.fixture(scope="module")
def guarded(tmp_path_factory) -> Iterator[Served]:
    """Beyond loopback (127.0.0.2), so with a token and with Host/Origin checks for that address."""
    served = serve(tmp_path_factory.mktemp("guarded"), host="127.0.0.2", FAKTOORA_MCP_AUTH_TOKEN=TOKEN)
    yield served
    served.stop()


@pytest.fixture(scope="module")
def stateless(tmp_path_factory) -> Iterator[Served]:
    flags = ("--stateless", "--allowed-hosts", "mcp.example.com", "--allowed-origins", "https://app.example.com")
    served = serve(tmp_path_factory.mktemp("stateless"), *flags)
    yield served
    served.stop()


def post(url: str, body: dict, **headers: str) -> httpx.Response:
    return httpx.post(url, json=body, headers=ACCEPT | headers, timeout=STARTUP_TIMEOUT)


AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.subprocess
def test_a_missing_or_wrong_token_gets_401_that_reveals_nothing(guarded):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": ""}):
        refused = post(guarded.url, INITIALIZE, **headers)
        assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].startswith("Bearer")
        assert "sandbox" not in refused.text.lower() and "tools" not in refused.text
        assert "mcp-session-id" not in refused.headers
    accepted = post(guarded.url, INITIALIZE, **AUTH)
    assert accepted.status_code == 200 and "faktoora-mcp" in accepted.text
    assert TOKEN not in guarded.log  # not at start-up, not in the access log


@pytest.mark.subprocess
@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_an_sdk_client_sending_the_token_lists_and_calls(guarded, mode):
    async with (
        httpx.AsyncClient(headers=AUTH) as http,
        Client(streamable_http_client(guarded.url, http_client=http), mode=mode) as c,
    ):
        tools = (await c.list_tools()).tools
        result = await c.call_tool("list-customers", {"perPage": 2})
    assert len(tools) == 20 and result.is_error is False  # the default toolsets


@pytest.mark.subprocess
def test_dns_rebinding_protection_follows_a_bind_beyond_loopback(guarded):
    assert post(guarded.url, INITIALIZE, **AUTH).status_code == 200  # Host: 127.0.0.2:port is the bind
    assert post(guarded.url, INITIALIZE, Host="evil.example", **AUTH).status_code == 421
    assert post(guarded.url, INITIALIZE, Host=f"localhost:{guarded.port}", **AUTH).status_code == 421
    assert post(guarded.url, INITIALIZE, Origin="http://evil.example", **AUTH).status_code == 403
    assert post(guarded.url, INITIALIZE, Origin=f"http://127.0.0.2:{guarded.port}", **AUTH).status_code == 200


@pytest.mark.subprocess
def test_serving_beyond_loopback_warns_at_start_up(guarded):
    assert "Serving beyond loopback on 127.0.0.2" in guarded.log and "TLS" in guarded.log
    assert "127.0.0.2:*" in guarded.log and "bearer token required" in guarded.log


@pytest.mark.subprocess
def test_delete_ends_a_session_and_its_id_then_answers_404(guarded):
    opened = post(guarded.url, INITIALIZE, **AUTH)
    session = AUTH | {"mcp-session-id": opened.headers["mcp-session-id"], "mcp-protocol-version": "2025-11-25"}
    assert post(guarded.url, PING, **session).status_code == 200
    assert httpx.delete(guarded.url, headers=session).status_code == 200
    assert post(guarded.url, PING, **session).status_code == 404


@pytest.mark.subprocess
def test_stateless_requests_stand_alone_without_a_session(stateless):
    listed = post(stateless.url, {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}, Host="mcp.example.com")
    assert listed.status_code == 200 and "list-customers" in listed.text
    assert "mcp-session-id" not in listed.headers and "stateless" in stateless.log


@pytest.mark.subprocess
def test_allowed_hosts_and_origins_replace_the_defaults(stateless):
    host = {"Host": "mcp.example.com"}
    assert post(stateless.url, PING, **host).status_code == 200
    assert post(stateless.url, PING, Host=f"mcp.example.com:{stateless.port}").status_code == 200
    assert post(stateless.url, PING).status_code == 421  # 127.0.0.1 is no longer listed
    assert post(stateless.url, PING, Origin="https://app.example.com", **host).status_code == 200
    assert post(stateless.url, PING, Origin="http://mcp.example.com", **host).status_code == 403


@pytest.mark.subprocess
def test_the_command_line_refuses_to_serve_beyond_loopback_without_a_token(tmp_path):
    command = [sys.executable, "-m", "faktoora_mcp", "--backend", "sandbox", "--sandbox-db", str(tmp_path / "r.db")]
    command += ["--transport", "http", "--host", "127.0.0.2", "--port", str(free_port())]
    done = subprocess.run(command, env=server_env(), capture_output=True, timeout=STARTUP_TIMEOUT, check=False)
    assert done.returncode == 2 and b"needs a bearer token" in done.stderr and b"Uvicorn running" not in done.stderr


# -- every request with an id gets one answer with the right code; an abandoned body costs one log line --------


@pytest.mark.subprocess
@pytest.mark.parametrize("request_id", [1.5, None])
def test_a_float_or_null_id_is_answered_as_an_invalid_request_not_202(stateless, request_id):
    answer = post(stateless.url, {"jsonrpc": "2.0", "id": request_id, "method": "ping"}, Host="mcp.example.com")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == -32600 and answer.json()["id"] is None


@pytest.mark.subprocess
def test_an_invalid_request_gets_32600_with_its_id_and_no_pydantic_dump(stateless):
    bad = {"jsonrpc": "2.0", "id": 7, "method": "tools/call", "params": ["list-customers"]}
    answer = post(stateless.url, bad, Host="mcp.example.com")
    assert answer.status_code == 400
    assert answer.json() == {
        "jsonrpc": "2.0",
        "id": 7,
        "error": {"code": -32600, "message": "Invalid Request: params must be an object (named parameters)."},
    }


@pytest.mark.subprocess
def test_an_aborted_post_logs_one_line_and_no_traceback(stateless):
    with socket.create_connection(("127.0.0.1", stateless.port)) as sock:
        sock.sendall(
            b"POST /mcp HTTP/1.1\r\nHost: mcp.example.com\r\nContent-Type: application/json\r\n"
            b'Accept: application/json, text/event-stream\r\nContent-Length: 500\r\n\r\n{"jsonrpc": "2.0"'
        )
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while "went away before sending its whole request body" not in stateless.log and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "went away before sending its whole request body" in stateless.log
    assert "Traceback" not in stateless.log


# -- Host headers are parsed as hosts (ipaddress), not matched as text ---------------------------------------


@pytest.mark.subprocess
def test_a_host_with_text_after_its_port_is_refused_and_case_does_not_matter(guarded, stateless):
    assert post(guarded.url, INITIALIZE, Host=f"127.0.0.2:{guarded.port} evil.com", **AUTH).status_code == 421
    assert post(stateless.url, PING, Host="MCP.Example.COM").status_code == 200


@pytest.mark.subprocess
def test_localhost_in_capitals_is_localhost(tmp_path):
    served = serve(tmp_path)
    try:
        assert post(served.url, INITIALIZE, Host=f"LOCALHOST:{served.port}").status_code == 200
    finally:
        served.stop()


def test_an_ipv6_allowed_host_matches_its_bracketed_host_header_in_any_spelling():
    from mcp.server.transport_security import TransportSecurityMiddleware

    from faktoora_mcp.http_hosts import canonical

    security = transport_security(Config(transport="http", host="0.0.0.0", allowed_hosts="2001:DB8:0::7"))
    checker = TransportSecurityMiddleware(security)
    assert checker._validate_host(canonical("[2001:db8::7]:8123"))
    assert canonical("[2001:db8::7]:8123 evil.com") is None
    with pytest.raises(ConfigError, match="--allowed-hosts"):
        transport_security(Config(transport="http", host="0.0.0.0", allowed_hosts="evil.com/x"))
