"""Every way the Membrane CLI can fail, mapped to an error whose message says what to do."""

from __future__ import annotations

import json

import pytest

from faktoora_mcp.backends.membrane.failures import excerpt
from faktoora_mcp.backends.membrane.transport.printed import parse_json
from faktoora_mcp.errors import (
    BackendProtocolError,
    BackendTimeout,
    BackendUnavailable,
    Conflict,
    InvalidArguments,
    NotFound,
    UpstreamRejected,
)
from faktoora_mcp.redaction import redact
from tests.fixtures.membrane_runner import CONNECTION, OTHER_HELP, ScriptedCli, backend_for, fail, ok

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJ3b3Jrc3BhY2UiOiJhY21lIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"


async def test_a_missing_executable_says_how_to_install_it(cli: ScriptedCli, tmp_path) -> None:
    backend = backend_for(cli, binary=None, env={"PATH": str(tmp_path)})
    with pytest.raises(BackendUnavailable) as caught:
        await backend.run_action("list-customers", {})
    assert "npm install -g @membranehq/cli" in caught.value.message
    assert "membrane login --tenant" in caught.value.message and "--membrane-bin" in caught.value.message
    assert cli.calls == []


async def test_an_executable_that_cannot_start_is_named(cli: ScriptedCli) -> None:
    cli.answers["--help"] = FileNotFoundError(2, "No such file or directory")
    with pytest.raises(BackendUnavailable, match=r"/opt/membrane.*No such file.*npm install -g @membranehq/cli"):
        await backend_for(cli, binary="/opt/membrane").run_action("list-customers", {})


async def test_the_other_program_called_membrane_is_recognised(cli: ScriptedCli) -> None:
    cli.answers["--help"] = ok(OTHER_HELP)
    with pytest.raises(BackendUnavailable, match=r"/usr/bin/membrane is not the Membrane CLI"):
        await backend_for(cli, binary="/usr/bin/membrane").search_actions("customers")
    assert [argv[1:] for argv in cli.calls] == [["--help"]]


async def test_a_failed_cli_check_is_repeated_on_the_next_call(cli: ScriptedCli) -> None:
    cli.answers["--help"] = [ok(OTHER_HELP), ok(json.dumps("action connection"))]
    backend = backend_for(cli)
    with pytest.raises(BackendUnavailable):
        await backend.run_action("list-customers", {})
    await backend.run_action("list-customers", {})


@pytest.mark.parametrize(
    "answer",
    [
        fail(1, stderr="Error: Not logged in. Run `membrane login` first.\n"),
        fail(1, stdout='{"type": "bad_request", "key": "not_authenticated", "message": "Unauthorized"}'),
        fail(1, stderr='{"error": {"key": "not_authenticated", "message": "token expired"}}'),
        fail(1, stdout='{"message": "Not logged in"}'),
    ],
)
async def test_not_logged_in_says_to_log_in(cli: ScriptedCli, answer) -> None:
    cli.answers["connection list"] = answer
    with pytest.raises(BackendUnavailable, match=r"run `membrane login --tenant`"):
        await backend_for(cli).run_action("list-customers", {})


@pytest.mark.parametrize(
    "items",
    [[], [{**CONNECTION, "id": "hub", "name": "HubSpot", "integration": {"key": "hubspot", "name": "HubSpot"}}]],
)
async def test_no_faktoora_connection_names_the_command_that_creates_one(cli: ScriptedCli, items) -> None:
    cli.answers["connection list"] = ok({"items": items})
    with pytest.raises(BackendUnavailable, match=r"membrane connect --connectorKey faktoora"):
        await backend_for(cli).run_action("list-customers", {})


async def test_a_connection_that_needs_the_user_carries_the_url_and_instructions(cli: ScriptedCli) -> None:
    waiting = {
        **CONNECTION,
        "state": "CLIENT_ACTION_REQUIRED",
        "disconnected": True,
        "clientAction": {
            "type": "connect",
            "description": "Re-enter your Faktoora API key",
            "uiUrl": "https://ui.getmembrane.com/connect/abc",
            "agentInstructions": "Ask the user to open the link.",
        },
    }
    cli.answers["connection list"] = ok({"items": [waiting]})
    with pytest.raises(BackendUnavailable) as caught:
        await backend_for(cli).run_action("list-customers", {})
    message = caught.value.message
    assert "Re-enter your Faktoora API key" in message and "https://ui.getmembrane.com/connect/abc" in message
    assert "Ask the user to open the link." in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"state": "BUILDING"}, "membrane connection get conn-1 --wait"),
        ({"state": "SETUP_FAILED", "error": {"message": "bad key"}}, "SETUP_FAILED: bad key"),
        ({"disconnected": True}, "membrane connect --connectionId=conn-1"),
    ],
)
async def test_an_unusable_connection_says_why_and_how_to_fix_it(cli: ScriptedCli, change, expected) -> None:
    cli.answers["connection list"] = ok({"items": [{**CONNECTION, **change}]})
    with pytest.raises(BackendUnavailable, match=expected):
        await backend_for(cli).run_action("list-customers", {})


async def test_a_ready_faktoora_connection_wins_over_broken_ones(cli: ScriptedCli) -> None:
    broken = {**CONNECTION, "id": "old", "state": "CLIENT_ACTION_REQUIRED", "key": "faktoora-old"}
    ready = {**CONNECTION, "id": "new", "integration": None, "connectorKey": "Faktoora"}
    cli.answers["connection list"] = ok({"items": [broken, ready]})
    assert (await backend_for(cli).status()).connection_id == "new"


@pytest.mark.parametrize(
    ("error", "kind", "status"),
    [
        ({"type": "bad_request", "key": "not_found", "message": "No invoice 42"}, NotFound, 404),
        ({"type": "bad_request", "key": "access_denied", "message": "Forbidden"}, UpstreamRejected, 403),
        ({"type": "bad_request", "key": "already_exists", "message": "Number taken"}, Conflict, 409),
        ({"type": "bad_request", "key": "rate_limit_exceeded", "message": "Slow down"}, UpstreamRejected, 429),
        ({"type": "bad_request", "message": "perPage must be <= 1000"}, UpstreamRejected, 400),
        ({"type": "internal", "message": "Something broke"}, UpstreamRejected, 502),
        ({"type": "action_run", "message": "Faktoora said 404", "data": {"response": {"status": 404}}}, NotFound, 404),
    ],
)
@pytest.mark.parametrize("where", ["stdout", "stderr", "nested"])
async def test_membrane_error_json_maps_to_its_error_with_type_and_key(cli, error, kind, status, where) -> None:
    text = json.dumps({"error": error}) if where == "nested" else json.dumps(error)
    cli.answers["action run"] = fail(1, stdout=text) if where == "stdout" else fail(1, stderr="Error\n" + text)
    with pytest.raises(kind) as caught:
        await backend_for(cli).run_action("create-customer", {})
    assert caught.value.status == status
    assert error["message"] in caught.value.message
    assert all(part in caught.value.message for part in (error["type"], error.get("key", "")))
    if kind is UpstreamRejected:
        assert (caught.value.error_type, caught.value.error_key) == (error["type"], error.get("key"))


@pytest.mark.parametrize(
    "data",
    [
        {"violations": [{"path": "postcode", "message": "must be 5 digits"}, {"path": "", "message": "whole"}]},
        {"errors": [{"instancePath": "/postcode", "message": "must be 5 digits"}]},
        {
            "errors": [
                {"instancePath": "", "message": "must have required property", "params": {"missingProperty": "city"}}
            ]
        },
    ],
)
async def test_input_validation_errors_become_invalid_arguments_naming_the_field(cli: ScriptedCli, data) -> None:
    error = {"type": "bad_request", "message": "Input validation failed", "data": data}
    cli.answers["action run"] = fail(1, stderr=json.dumps(error))
    with pytest.raises(InvalidArguments) as caught:
        await backend_for(cli).run_action("create-customer", {})
    assert {v.path for v in caught.value.violations} & {"postcode", "city"}
    assert "Fix the named field" in caught.value.message


async def test_error_json_after_a_successful_exit_is_still_an_error(cli: ScriptedCli) -> None:
    cli.answers["action run"] = ok({"error": {"type": "bad_request", "key": "not_found", "message": "gone"}})
    with pytest.raises(NotFound, match="gone"):
        await backend_for(cli).run_action("get-customer", {"id": "x"})


async def test_the_code_and_message_error_shape_is_understood(cli: ScriptedCli) -> None:
    cli.answers["action run"] = fail(1, stdout='{"error": "rate_limit_exceeded", "message": "Too many calls"}')
    with pytest.raises(UpstreamRejected, match="Too many calls") as caught:
        await backend_for(cli).run_action("create-customer", {})
    assert (caught.value.status, caught.value.error_key) == (429, "rate_limit_exceeded")


@pytest.mark.parametrize(
    "error",
    [
        {"type": "connection", "key": "connection_is_defunct", "message": "Defunct"},
        {"type": "connection", "key": "access_token_expired", "message": "Expired"},
        {"code": "CONNECTION_DISCONNECTED", "message": "Disconnected"},
    ],
)
async def test_connection_errors_say_how_to_reconnect(cli: ScriptedCli, error) -> None:
    cli.answers["action run"] = fail(1, stderr=json.dumps(error))
    with pytest.raises(BackendUnavailable, match=r"membrane connect --connectionId=conn-1"):
        await backend_for(cli).run_action("create-customer", {})


async def test_plain_stderr_text_becomes_a_protocol_error_with_a_redacted_excerpt(cli: ScriptedCli) -> None:
    trace = f"TypeError: Cannot read properties of undefined\n    at run (index.js:1:2) Bearer {JWT}\n" * 20
    cli.answers["action run"] = fail(3, stderr=trace)
    with pytest.raises(BackendProtocolError) as caught:
        await backend_for(cli).run_action("create-customer", {})
    message = caught.value.message
    assert "exit 3" in message and "TypeError: Cannot read properties" in message
    assert JWT not in message and "eyJ" not in message
    assert len(message) < 450


async def test_garbage_on_stdout_is_a_protocol_error_without_the_token_in_it(cli: ScriptedCli) -> None:
    cli.answers["action run"] = ok(f"<html>502 Bad Gateway token={JWT}</html>" + "x" * 1000)
    with pytest.raises(BackendProtocolError, match="not JSON") as caught:
        await backend_for(cli).run_action("list-customers", {})
    assert JWT not in caught.value.message and "[REDACTED]" in caught.value.message
    assert len(caught.value.message) < 450


async def test_network_trouble_is_unavailable_and_marked_transient(cli: ScriptedCli) -> None:
    cli.answers["action run"] = fail(1, stderr="Error: read ECONNRESET")
    with pytest.raises(BackendUnavailable, match="retry") as caught:
        await backend_for(cli).run_action("create-customer", {})
    assert caught.value.details["transient"] is True


async def test_a_read_that_times_out_is_safe_to_retry(cli: ScriptedCli) -> None:
    cli.answers["action run"] = TimeoutError()
    with pytest.raises(BackendTimeout, match="safe to retry") as caught:
        await backend_for(cli, timeout=7).run_action("list-customers", {})
    assert caught.value.safe_to_retry and "7 s" in caught.value.message


async def test_a_write_that_times_out_may_have_happened(cli: ScriptedCli) -> None:
    cli.answers["action run"] = TimeoutError()
    with pytest.raises(BackendTimeout) as caught:
        await backend_for(cli).run_action("create-customer", {})
    assert not caught.value.safe_to_retry
    assert "may or may not have been applied; check before retrying (e.g. list or get the record)" in str(caught.value)


async def test_output_too_large_from_the_runner_reaches_the_caller(cli: ScriptedCli) -> None:
    cli.answers["action run"] = BackendProtocolError("output too large")
    with pytest.raises(BackendProtocolError, match="output too large"):
        await backend_for(cli).run_action("create-customer", {})


async def test_garbage_from_connection_list_is_a_protocol_error(cli: ScriptedCli) -> None:
    cli.answers["connection list"] = ok({"items": "nope"})
    with pytest.raises(BackendProtocolError, match="membrane connection list"):
        await backend_for(cli).run_action("list-customers", {})


@pytest.mark.parametrize(
    "secret",
    [
        f"Authorization: Bearer {JWT}",
        f"bearer abc.def-ghi_jkl {JWT}",
        '{"token": "s3cr3t-value"}',
        '"workspaceSecret":"w0rkspace-secret"',
        "accessToken=s3cr3t-value",
        "X-API-KEY: s3cr3t-value",
        "api_key=s3cr3t-value",
        "sk_live_51HxYzAbCdEf",
        "refresh 8f14e45fceea167a5a36dedd4bea2543aa1b2c3d4e5f60718293a4b5c6d7e8f9",
    ],
)
def test_redact_removes_anything_that_looks_like_a_credential(secret: str) -> None:
    cleaned = redact(f"before {secret} after")
    assert "[REDACTED]" in cleaned and cleaned.startswith("before") and cleaned.endswith("after")
    for fragment in ("s3cr3t", "eyJ", "w0rkspace", "51HxYz", "8f14e45f", "abc.def"):
        assert fragment not in cleaned


def test_redact_keeps_ordinary_text() -> None:
    text = 'Error: invoice RE-2026-0042 not found (key "access_token_expired", id 3f1e4c1a-8d0e-4f5b-9a59-2f3c1d7e9b10)'
    assert redact(text) == text


def test_excerpt_is_short_single_line_and_redacted() -> None:
    shown = excerpt("line\n\n  two " + JWT + " " + "z" * 1000)
    assert len(shown) <= 300 and "\n" not in shown and JWT not in shown


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('{"a": 1}', {"a": 1}),
        ("  [\n 1,\n 2\n]\n", [1, 2]),
        ('warn: deprecated\n  {"a": 1}\ntrailing notice', {"a": 1}),
        ("{not json\n[3]", [3]),
        ("\n \n", None),
    ],
)
def test_parse_json_finds_the_value_behind_notices(text: str, value: object) -> None:
    assert parse_json(text) == value
