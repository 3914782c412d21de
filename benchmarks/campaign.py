"""Issue 27's campaign, replayed: every defect it found, attacked again, with what came of each attempt.

    python benchmarks/campaign.py              # about a minute; loopback and temporary files only

The live backend's keyed creates run against the stand-in Membrane of the tests (``tests/fixtures``).
Printed per item: attempts / unanswered (a request with an id that got no answer) / stored without
acknowledgement (a row the caller was not told about, or a duplicate) / internal errors (a fault instead of
a named error) / secrets seen (a planted secret in a result or a log line). All should be zero. The flood of
slow connections is its own benchmark: ``python benchmarks/http_flood.py --slow 2000 --nofile 1024``.
"""

from __future__ import annotations

import io
import json
import logging
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import anyio

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.errors import FaktooraError
from faktoora_mcp.redaction import RedactingFilter, redact, register_environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the stand-in Membrane lives in tests/fixtures
ANSWER_TIMEOUT = 30.0  # seconds the stdio server gets to answer everything before the rest counts as unanswered
CANCELS = 30  # cancelled creates
RETRIES = 30  # keyed creates, each sent three times
IMPORTS = 27  # as many as grew the sandbox by 38 MB before it had a quota
IMPORT_PADDING = 1_365_000  # characters an embedded attachment adds: 1.4 MB an import, as the campaign sent
IMPORT_QUOTA = 10_000_000  # bytes: room for 7 of them
COMPANY = {"isCompany": True, "name": "Kampagne GmbH", "address": "Weg 1", "postcode": "10115", "city": "Berlin"}
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": "init",
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "c", "version": "0"}},
}
CALL = '"method": "tools/call", "params": {"name": "list-customers", "arguments": '
MALFORMED = [
    '{"jsonrpc": "1.0", "id": %d, "method": "tools/list"}',
    '{"jsonrpc": "2.0", "id": %d, "method": 42}',
    '{"jsonrpc": "2.0", "id": %d, "method": "tools/call", "params": ["list-customers"]}',
    '{"jsonrpc": "2.0", "id": %d, "method": "tools/call", "params": "list-customers"}',
    '{"jsonrpc": "2.0", "id": %d, ' + CALL + '{"x": ' + "[" * 300 + "]" * 300 + "}}}",
    '{"jsonrpc": "2.0", "id": %d, ' + CALL + '{"x": "\\udc00"}}}',
    '{"jsonrpc": "2.0", "id": %d, ' + CALL + '{"x": ' + "9" * 5000 + "}}}",
    '[{"jsonrpc": "2.0", "id": %d, "method": "tools/list"}]',
    '{"jsonrpc": "2.0", "id": %d, "method": "ping"}',
]
PLANTED = {
    "MEMBRANE_TOKEN": "qwertzuiopasdfghjklyxcvbnmQWERTZ",  # no shape at all
    "GITLAB_TOKEN": "glpat-xYz1AbCdEfGhIjKlMnOp",
    "GOOGLE_API_KEY": "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
    "ANTHROPIC_API_KEY": "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz",
}


@dataclass
class Outcome:
    item: str
    attempts: int = 0
    unanswered: int = 0
    unacknowledged: int = 0
    internal: int = 0
    secrets: int = 0


def stdio_malformed(workdir: Path) -> Outcome:
    """Issue item 5 (stdio): requests the SDK cannot parse, each with an id; a batch answers with id null."""
    outcome = Outcome("stdio: malformed requests and pings")
    lines = [json.dumps(INITIALIZE)]
    expected: set[object] = set()
    for round_ in range(20):
        for index, template in enumerate(MALFORMED):
            request_id = round_ * 100 + index
            lines.append(template % request_id)
            expected.add(None if template.startswith("[") else request_id)
    lines.append('{"jsonrpc": "2.0", "id": "last", "method": "ping"}')
    command = [sys.executable, "-m", "faktoora_mcp", "--sandbox-db", str(workdir / "stdio.sqlite3")]
    server = subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    watchdog = threading.Timer(ANSWER_TIMEOUT, server.kill)
    watchdog.start()
    answered: list[dict] = []
    try:
        server.stdin.write(("\n".join(lines) + "\n").encode())
        server.stdin.flush()
        while not any(a.get("id") == "last" for a in answered):
            line = server.stdout.readline()
            if not line:
                break
            answered.append(json.loads(line))
        server.stdin.close()
        server.wait()
    finally:
        watchdog.cancel()
    seen = {a.get("id") for a in answered}
    outcome.attempts = len(lines) - 2
    outcome.unanswered = len(expected - seen)
    outcome.internal = sum(1 for a in answered if a.get("error", {}).get("code") in (-32603, 0))
    return outcome


async def cancelled_writes(workdir: Path) -> Outcome:
    """Issue item 2: creates cancelled while their write waits for the store; none may be stored."""
    outcome = Outcome("sandbox: creates cancelled before their commit")
    sandbox = SandboxBackend(workdir / "cancel.sqlite3")
    before = await customers(sandbox)
    for attempt in range(CANCELS):
        outcome.attempts += 1
        lock, scope = sandbox._store._lock, anyio.CancelScope()
        lock.acquire()

        async def create(scope: anyio.CancelScope = scope, attempt: int = attempt) -> None:
            with scope:
                await sandbox.run_action("create-customer", {**COMPANY, "name": f"Abbruch {attempt}"})

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(create)
            await anyio.sleep(0.01)
            scope.cancel()
            lock.release()
    outcome.unacknowledged = await customers(sandbox) - before
    await sandbox.aclose()
    return outcome


async def keyed_retries(workdir: Path) -> Outcome:
    """Issue item 2: a create retried with its idempotency key; one record per key."""
    outcome = Outcome("sandbox: keyed creates, each sent three times")
    sandbox = SandboxBackend(workdir / "retry.sqlite3")
    before = await customers(sandbox)
    for attempt in range(RETRIES):
        for _ in range(3):
            outcome.attempts += 1
            await sandbox.run_idempotent("create-customer", {**COMPANY, "name": f"Wieder {attempt}"}, f"key-{attempt}")
    outcome.unacknowledged = await customers(sandbox) - before - RETRIES
    await sandbox.aclose()
    return outcome


async def live_keyed_retries(workdir: Path) -> Outcome:
    """Issue item 2, live: keyed invoice creates whose answer is lost (a timeout mid-POST, an unreadable answer, a
    failure after Faktoora's 202), each sent three times through the stand-in Membrane: one POST per key at most."""
    from faktoora_mcp.backends.membrane.ledger import Ledger
    from tests.fixtures.membrane_runner import ScriptedCli, backend_for, fail, ok

    outcome = Outcome("membrane: keyed creates losing answers, 3 sends")
    posts: dict[str, int] = {}
    current = {"key": "", "loss": 0}

    def faktoora(argv: list[str]) -> object:
        if "--method=POST" in argv:
            posts[current["key"]] = posts.get(current["key"], 0) + 1
            if current["loss"] == 0:
                raise TimeoutError  # the POST went out; no answer in time
            if current["loss"] == 1:
                return fail(1, stdout="<html>502 Bad Gateway</html>")
            return ok({"faktooraId": f"F{current['key']}"})
        if current["loss"] == 2:
            raise OSError("the CLI could not be started")  # after the 202: the status poll fails
        return ok({"status": "draft"})

    cli = ScriptedCli()
    cli.answers["request"] = faktoora
    cli.answers["action run"] = ok({"output": {"name": "Kampagne GmbH", "address": "Weg 1", "city": "Berlin"}})
    backend = backend_for(cli, ledger=Ledger(workdir / "keys.sqlite3"))
    invoice = {"customerId": "c-1", "lines": [{"name": "Beratung", "quantity": 1, "unitPrice": 100}]}
    for attempt in range(RETRIES):
        current.update(key=f"k{attempt}", loss=attempt % 3)
        for _ in range(3):
            outcome.attempts += 1
            try:
                await backend.run_idempotent("create-outgoing-invoice", invoice, f"k{attempt}")
            except FaktooraError:
                pass  # named: the timeout, the refusal of a retry whose outcome is unknown
            except Exception:  # the point is to count faults
                outcome.internal += 1
    outcome.unacknowledged = sum(count - 1 for count in posts.values())
    await backend.aclose()
    return outcome


async def imports_over_quota(workdir: Path) -> Outcome:
    """Issue item 8: imports of 1.4 MB e-invoices until the quota is full; each refused one stores nothing."""
    outcome = Outcome(f"sandbox: {IMPORTS} imports of 1.4 MB, 10 MB import quota")
    path = workdir / "imports.sqlite3"
    sandbox = SandboxBackend(path, import_quota_bytes=IMPORT_QUOTA)
    xml, number = await invoice_xml(sandbox)
    before, acknowledged = await imported(sandbox), 0
    padding = f"<!-- {'A' * IMPORT_PADDING} --></rsm:CrossIndustryInvoice>"
    for attempt in range(IMPORTS):
        outcome.attempts += 1
        upload = xml.replace(number, f"{number}-{attempt}").replace("</rsm:CrossIndustryInvoice>", padding)
        try:
            await sandbox.run_action("import-incoming-invoice", {"xml": upload})
            acknowledged += 1
        except FaktooraError as exc:
            outcome.internal += not exc.message.startswith("xml: ") or "--sandbox-import-quota-mb" not in exc.message
        except Exception:  # the point is to count faults
            outcome.internal += 1
    outcome.unacknowledged = await imported(sandbox) - before - acknowledged
    await sandbox.aclose()
    outcome.unacknowledged += (await anyio.Path(path).stat()).st_size > IMPORT_QUOTA + 2_000_000  # seed + slack
    return outcome


async def invoice_xml(sandbox: SandboxBackend) -> tuple[str, str]:
    """An XRechnung the sandbox wrote, to import, and its number."""
    listed = await sandbox.run_action("list-outgoing-invoices", {"perPage": 1})
    first = listed.output["data"][0]
    got = await sandbox.run_action("get-invoice-by-id", {"faktooraId": first["faktooraId"], "format": "xml"})
    return got.output["document"], first["invoiceNumber"]


async def imported(sandbox: SandboxBackend) -> int:
    return (await sandbox.run_action("list-incoming-invoices", {"perPage": 1})).output["meta"]["totalItems"]


async def damaged_files(workdir: Path) -> Outcome:
    """Issue item 3: random bytes in the middle pages, and a file truncated to 0 bytes."""
    outcome = Outcome("sandbox: damaged and truncated database files")
    source = workdir / "source.sqlite3"
    seeded = SandboxBackend(source)
    await customers(seeded)
    await seeded.aclose()
    original = source.read_bytes()
    rng = random.Random(27)
    for attempt in range(10):
        path = workdir / f"damaged-{attempt}.sqlite3"
        cut = len(original) // 4
        path.write_bytes(original[:cut] + rng.randbytes(len(original) // 2) + original[cut + len(original) // 2 :])
        await judge(outcome, path, original_size=len(original))
        empty = workdir / f"empty-{attempt}.sqlite3"
        empty.write_bytes(b"")
        os.utime(empty, (time.time() - 60, time.time() - 60))
        await judge(outcome, empty, original_size=0)
    return outcome


async def judge(outcome: Outcome, path: Path, *, original_size: int) -> None:
    outcome.attempts += 1
    backend = SandboxBackend(path)
    try:
        await backend.run_action("list-customers", {"perPage": 5})
        outcome.unacknowledged += (await anyio.Path(path).stat()).st_size != original_size  # re-seeded unasked
    except FaktooraError:
        pass  # named, with the file and the fix
    except Exception:  # the point is to count faults
        outcome.internal += 1
    finally:
        await backend.aclose()


def planted_secrets() -> Outcome:
    """Issue item 4: secrets of no shape and of common shapes, in what a failed CLI run prints and in a log."""
    outcome = Outcome("redaction: planted secrets in output and logs")
    register_environment(PLANTED)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    log = logging.getLogger("campaign")
    log.addHandler(handler)
    for name, value in PLANTED.items():
        for text in (f"Error: {name}={value}", f"token {value} rejected", json.dumps({"echo": value})):
            outcome.attempts += 1
            outcome.secrets += value in redact(text)
            log.warning("the CLI printed: %s", text)
    log.removeHandler(handler)
    outcome.secrets += sum(value in stream.getvalue() for value in PLANTED.values())
    return outcome


async def customers(sandbox: SandboxBackend) -> int:
    return (await sandbox.run_action("list-customers", {"perPage": 1})).output["meta"]["totalItems"]


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        workdir = Path(name)
        steps: list[Callable[[], Outcome]] = [lambda: stdio_malformed(workdir), planted_secrets]
        async_steps: list[Callable[[Path], Awaitable[Outcome]]] = [
            cancelled_writes,
            keyed_retries,
            live_keyed_retries,
            imports_over_quota,
            damaged_files,
        ]
        outcomes = [step() for step in steps] + [anyio.run(step, workdir) for step in async_steps]
    print(f"{'item':52} attempts unanswered unacked internal secrets")
    for o in outcomes:
        print(f"{o.item:52} {o.attempts:8} {o.unanswered:10} {o.unacknowledged:7} {o.internal:8} {o.secrets:7}")
    bad = sum(o.unanswered + o.unacknowledged + o.internal + o.secrets for o in outcomes)
    print("all zero" if not bad else f"{bad} failures")
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
