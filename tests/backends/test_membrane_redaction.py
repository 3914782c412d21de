"""Secrets never reach a result or a log, redaction cannot stall the server, and api-request stays on Faktoora.

Redaction (``faktoora_mcp.redaction.redact``) runs on everything a failed Membrane command printed before it is read, and on
every excerpt; the path guard (``commands.check_path``) judges an ``api-request`` path the way a WHATWG URL
parser would resolve it against the API base, because Membrane sends its credentials wherever it points.
Costs are measured in ``benchmarks/live_answers.py``, never timed here.
"""

from __future__ import annotations

import json
import logging

import pytest

from faktoora_mcp.backends.base import ApiRequest
from faktoora_mcp.backends.membrane.failures import excerpt
from faktoora_mcp.backends.membrane.protocol import check_path
from faktoora_mcp.errors import FaktooraError, InvalidArguments
from faktoora_mcp.redaction import REDACT_MAX_CHARS, REDACTED, redact
from tests.fixtures.membrane_runner import ScriptedCli, backend_for, fail

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("password: hunter2-Hunter2", "hunter2-Hunter2"),
        ("FAKTOORA_API_KEY=k3y-abcdef", "k3y-abcdef"),
        ("X-API-Key: 8f1c2b7a", "8f1c2b7a"),
        ('{"workspaceSecret": "ws-9a8b7c"}', "ws-9a8b7c"),
        ("token abc123def456ghi", "abc123def456ghi"),  # written without ':' or '='
        ("membrane login --api-key sk-abc123def456", "sk-abc123def456"),
        ("Authorization: Bearer abc.def.ghi", "abc.def.ghi"),
        ("the request sent Bearer 4f9c2a1e77 to the API", "4f9c2a1e77"),
        ("Authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz"),
        (f"session {JWT} expired", JWT.split(".")[1]),
        # a JWT wrapped across lines by a terminal or a log
        (
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0\n  NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "NTY3ODkwIn0",
        ),
        ("aws key id AKIAIOSFODNN7EXAMPLE in use", "AKIAIOSFODNN7EXAMPLE"),
        ("connecting to https://ada:s3cret-pw@db.example.com/x", "s3cret-pw"),
        ("postgres://svc:p%40ss@10.0.0.7:5432/faktoora", "p%40ss"),
        ("Cookie: session=abc; other=def", "session=abc"),
        ("Set-Cookie: sid=31d4d96e407aad42; Path=/; HttpOnly", "31d4d96e407aad42"),
        ("slack xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "AbCdEfGhIjKlMnOpQrStUvWx"),
        ("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc"),
        ("github ghp_16C7e42F292c6912E7710c838347Ae178B4a", "16C7e42F292c6912E7710c838347Ae178B4a"),
        ("refresh 9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa", "9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa"),
    ],
)
def test_every_secret_shape_is_redacted(text: str, secret: str) -> None:
    redacted = redact(text)
    assert REDACTED in redacted
    for part in secret.split("\n"):
        assert part not in redacted, redacted


@pytest.mark.parametrize(
    "text",
    [
        "Invoice 2026/01/00001 for customer 3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f: total 1,190.00 EUR due 2026-02-15",
        "Customer 003 (Beispiel AG, ap@beispiel.de, VAT DE136695976) has faktooraId F7Q2K9XJ4M",
        "The token was rejected. Please check your credentials and log in again.",
        "Error: Request failed with status code 400",
        "Get the keyword list, then sort by createdAt; the session ended after 30 s",
        "see https://app.faktoora.com/invoices/2026/01/00001?tab=pdf for the PDF",
        "action run act-list-cust --connectionId=conn-1 --json",
    ],
)
def test_ordinary_text_ids_and_invoice_numbers_are_kept(text: str) -> None:
    assert redact(text) == text


def test_a_json_error_body_with_a_redacted_value_still_parses() -> None:
    body = {
        "statusCode": 401,
        "message": "invalid credentials",
        "token": "abc123def456",
        "headers": {"Authorization": "Bearer 9f8e7d6c5b", "X-Api-Key": "k-77"},
        "count": 3,
    }
    for text in (json.dumps(body), json.dumps(body, indent=2)):
        assert json.loads(redact(text)) == {
            "statusCode": 401, "message": "invalid credentials", "token": REDACTED,
            "headers": {"Authorization": REDACTED, "X-Api-Key": REDACTED}, "count": 3,
        }  # fmt: skip


HOSTILE = [
    "a" * 20_000,
    "token" * 20_000,
    '"token": "' + "a" * 60_000,
    "a@" + "." * 100_000 + " ",
    "token " * 40_000,
    "https://" + "a" * 300 + ":" * 100_000,
    "eyJ" + "a\n" * 100_000,
    ("key" + " " * 8) * 20_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: f"{t[:12]!r}x{len(t)}")
def test_hostile_text_is_redacted_and_capped_instead_of_stalling(text: str) -> None:
    redacted = redact(text)  # the old patterns took seconds to minutes on these; linear costs are benchmarked
    assert len(redacted) <= REDACT_MAX_CHARS


def test_a_200_kb_hostile_text_is_cut_to_the_cap_and_its_head_still_redacted() -> None:
    text = "password: hunter2hunter2 " + "token " * 40_000
    assert len(text) > 200_000
    redacted = redact(text)
    assert len(redacted) <= REDACT_MAX_CHARS
    assert redacted.startswith(f"password: {REDACTED} token")


def test_an_excerpt_never_shows_part_of_a_secret_cut_at_its_end() -> None:
    text = "x " * 140 + "password: hunter2hunter2hunter2 and more"
    shown = excerpt(text, limit=300)
    assert "hunter" not in shown
    assert len(shown) <= 300


# -- failed commands: what they printed is redacted before anyone reads it ----------------------------------


async def test_a_failed_request_quoting_a_token_returns_the_body_redacted() -> None:
    cli = ScriptedCli()
    cli.answers["request"] = fail(
        1,
        stdout='{"message": "invalid api key", "apiKey": "k-4f9c2a1e77", "token": "abc123def456"}',
        stderr="Error: Request failed with status code 400",
    )
    response = await backend_for(cli).request(ApiRequest(method="GET", path="/customers"))
    assert response.status == 400
    assert response.body == {"message": "invalid api key", "apiKey": REDACTED, "token": REDACTED}


async def test_a_failed_request_with_a_text_body_quoting_a_token_returns_it_redacted() -> None:
    cli = ScriptedCli()
    cli.answers["request"] = fail(
        1, stdout="Rejected: token abc123def456 has no access", stderr="Error: Request failed with status code 403"
    )
    response = await backend_for(cli).request(ApiRequest(method="GET", path="/customers"))
    assert (response.status, response.body) == (403, f"Rejected: token {REDACTED} has no access")


async def test_a_failed_run_quoting_a_secret_raises_an_error_without_it(caplog: pytest.LogCaptureFixture) -> None:
    cli = ScriptedCli()
    cli.answers["action run"] = fail(
        1, stdout="", stderr=f"Error: upstream said: Authorization: Bearer 9f8e7d6c5b\nsession {JWT}\n"
    )
    caplog.set_level(logging.DEBUG)
    with pytest.raises(FaktooraError) as raised:
        await backend_for(cli).run_action("list-customers", {})
    shown = raised.value.message + caplog.text
    assert "9f8e7d6c5b" not in shown
    assert JWT.split(".")[1] not in shown


async def test_the_debug_log_of_a_command_does_not_show_the_headers_secrets(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    request = ApiRequest(method="GET", path="/customers", headers={"Authorization": "Bearer 9f8e7d6c5b4a"})
    await backend_for(ScriptedCli()).request(request)
    assert "running" in caplog.text
    assert "9f8e7d6c5b4a" not in caplog.text


# -- the api-request path guard -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/\\evil.example/x",  # WHATWG reads a backslash as a slash: //evil.example is another host
        "/%2e%2e/x",
        "/.%2E/x",
        "/a%2Fb",
        "/a%5cb",
        "/../x",
        "/customers/../../x",
        "/customers/.",
        "/https:/evil.example",  # a special scheme with one slash still names a host
        "//evil.example",
        "/x\x7f",
    ],
)
async def test_paths_that_could_resolve_elsewhere_are_refused_naming_the_field(path: str) -> None:
    with pytest.raises(InvalidArguments) as raised:
        check_path(path)
    assert [v.path for v in raised.value.violations] == ["path"]
    cli = ScriptedCli()
    with pytest.raises(InvalidArguments):
        await backend_for(cli).request(ApiRequest(method="GET", path=path))
    assert cli.commands("request") == []  # refused before Membrane could send credentials anywhere


@pytest.mark.parametrize(
    "path", ["/customers", "/invoices?invoiceNumber=2026/01/00001", "/product/abc-1", "/outgoing-invoice/F7Q2/status"]
)
async def test_ordinary_resource_paths_are_sent_as_given(path: str) -> None:
    check_path(path)
    cli = ScriptedCli()
    await backend_for(cli).request(ApiRequest(method="GET", path=path))
    assert cli.commands("request")[0][3] == path


# -- leaks these tests found in the first version: JSON inside JSON, escaped quotes, values over 4 KiB -------


def test_a_json_body_quoted_inside_a_json_error_is_redacted_too() -> None:
    inner = json.dumps({"token": "abc123def456"})
    redacted = redact(json.dumps({"message": "Faktoora answered 400", "body": inner}))
    assert "abc123def456" not in redacted
    assert json.loads(json.loads(redacted)["body"]) == {"token": REDACTED}


def test_a_secret_with_an_escaped_quote_is_redacted_whole() -> None:
    redacted = redact(json.dumps({"password": 'pa"ss99word'}))
    assert "ss99word" not in redacted
    assert json.loads(redacted) == {"password": REDACTED}


def test_a_secret_longer_than_four_kilobytes_is_redacted_whole() -> None:
    secret = "a1" * 2_100
    assert secret[-40:] not in redact(f'token: "{secret}"')
