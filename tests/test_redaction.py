"""Redaction by value: every secret the process knows stays out of results and logs, whatever its shape.

The shapes themselves are tested with the Membrane backend (``tests/backends/test_membrane_redaction.py``),
which feeds redaction everything a failed CLI run printed.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import pytest

from faktoora_mcp import redaction
from faktoora_mcp.errors import FaktooraError
from faktoora_mcp.redaction import (
    REDACT_INLINE_CHARS,
    REDACTED,
    RedactingFilter,
    redact,
    register_environment,
    register_secret,
    register_secrets_in_file,
)
from tests.fixtures.membrane_runner import ScriptedCli, backend_for, fail

SHAPELESS = "qwertzuiopasdfghjklyxcvbnmQWERTZ"
"""32 letters, no digit, no prefix: nothing about it says "credential"."""


def test_a_shapeless_environment_secret_is_redacted_by_value() -> None:
    assert redact(f"login failed for {SHAPELESS}") == f"login failed for {SHAPELESS}"  # no shape to find
    register_environment({"MEMBRANE_TOKEN": SHAPELESS, "HOME": "/home/ada-lovelace"})
    assert redact(f"login failed for {SHAPELESS}") == f"login failed for {REDACTED}"
    assert redact("home is /home/ada-lovelace") == "home is /home/ada-lovelace"  # not a secret's name


def test_the_process_environment_is_known_without_anyone_registering_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKTOORA_TEST_PASSWORD", "Zugspitze-im-Nebel")
    monkeypatch.setattr(redaction, "_process_loaded", False)
    assert "Zugspitze" not in redact("the CLI echoed Zugspitze-im-Nebel back")


def test_a_value_registered_at_run_time_is_redacted_also_inside_json() -> None:
    secret = 'minted"Session\\Value'
    register_secret(secret)
    assert secret not in redact(f"token was {secret}")
    assert json.dumps(secret)[1:-1] not in redact(json.dumps({"echo": secret}))


def test_short_values_are_not_registered_so_ordinary_words_survive() -> None:
    register_secret("dev")
    assert redact("a dev server") == "a dev server"


def test_the_tokens_in_membranes_credentials_file_are_redacted(tmp_path: Path) -> None:
    credentials = tmp_path / "credentials.json"
    credentials.write_text(
        json.dumps(
            {
                "apiUri": "https://api.getmembrane.com",
                "accessToken": "abcdefghijklmnopqrstuv",
                "tenants": {"t1": {"tenantToken": "ZYXWVUTSRQPONMLKJIHG"}},
            }
        ),
        encoding="utf-8",
    )
    register_secrets_in_file(credentials)
    shown = redact("sent abcdefghijklmnopqrstuv and ZYXWVUTSRQPONMLKJIHG to https://api.getmembrane.com")
    assert shown == f"sent {REDACTED} and {REDACTED} to https://api.getmembrane.com"


@pytest.mark.parametrize(
    "secret",
    [
        "glpat-xYz1AbCdEfGhIjKlMnOp",  # GitLab personal access token
        "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",  # Google API key
        "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz",  # Anthropic API key
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
    ],
)
def test_common_key_shapes_are_redacted(secret: str) -> None:
    assert secret[8:] not in redact(f"config has {secret} in it")


def test_a_private_key_block_is_redacted_whole() -> None:
    block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1L\nAbCdEf==\n-----END RSA PRIVATE KEY-----"
    assert redact(f"key:\n{block}\nend") == f"key:\n{REDACTED}\nend"


async def test_a_cli_error_printing_the_membrane_token_reaches_neither_result_nor_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    register_environment({"MEMBRANE_TOKEN": "LettersOnlyTokenWithoutAnyShape"})
    cli = ScriptedCli()
    cli.answers["action run"] = fail(1, stdout="", stderr="Error: token LettersOnlyTokenWithoutAnyShape rejected")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(FaktooraError) as raised:
        await backend_for(cli).run_action("list-customers", {})
    assert "LettersOnlyTokenWithoutAnyShape" not in raised.value.message + caplog.text


def test_the_log_filter_redacts_messages_arguments_and_tracebacks() -> None:
    register_secret("PlainLettersSecretForTheLog")
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "answer %s", ("PlainLettersSecretForTheLog",), None)
    try:
        raise ValueError("bad PlainLettersSecretForTheLog")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert RedactingFilter().filter(record)
    shown = logging.Formatter().format(record)
    assert "PlainLettersSecretForTheLog" not in shown
    assert "answer [REDACTED]" in shown


async def test_long_text_is_redacted_in_a_worker_thread_short_text_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []
    real = redaction.redact

    def recording(text: str) -> str:
        threads.append(threading.get_ident())
        return real(text)

    monkeypatch.setattr(redaction, "redact", recording)
    await redaction.redact_async("x" * 100)
    await redaction.redact_async("x" * (REDACT_INLINE_CHARS + 1))
    assert threads[0] == threading.get_ident()  # the event loop's thread: a short text costs less than a hop
    assert threads[1] != threading.get_ident()  # a long one never holds up other requests


def test_the_log_filter_keeps_the_prose_of_the_start_up_notes() -> None:
    note = "Streamable HTTP on http://127.0.0.2:8000/mcp (sessions idle out after 1800 s; bearer token required)"
    assert redact(note) == note
