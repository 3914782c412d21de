"""idempotencyKey on a live account: Faktoora takes no key, so the server keeps a ledger file of its own.

Driven through MCP against the stand-in Membrane of ``test_invoicing_live``: a retry after a lost answer returns the
first invoice without a second POST; after a timeout or a cancel mid-POST the retry is refused, naming where to look,
and posts nothing; the same key with another request is refused; the ledger outlives the process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anyio
import pytest

from faktoora_mcp.app import build_app, documented_actions
from faktoora_mcp.backends.membrane.ledger import Ledger
from faktoora_mcp.config import Config
from faktoora_mcp.errors import Conflict
from tests.fixtures.membrane_runner import ScriptedCli, backend_for, fail
from tests.test_invoicing_live import Faktoora, call, connector

ROOT = Path(__file__).resolve().parent.parent
CHILD_TIMEOUT = 60  # seconds for a child server to start and send its POST, on a loaded machine
LINES = [{"name": "Beratung", "quantity": 2, "unitCode": "HUR", "unitPrice": 120}]
INVOICE = {"customerId": "cus_7f3a", "lines": LINES, "issueDate": "2026-12-07"}
COMPANY = {"isCompany": True, "name": "Isar Bau GmbH", "address": "Isarweg 1", "postcode": "80331", "city": "München"}


class Counted(Faktoora):
    """Faktoora behind ``membrane request``, with what a test needs to break: the POST's answer, the polling."""

    def __init__(self) -> None:
        super().__init__()
        self.post_answers: list[Any] = []
        """Served to the next POSTs in order (an exception is raised: a timeout, say); then the documented 202."""
        self.polling_fails = False

    def __call__(self, argv: Sequence[str]) -> Any:
        options = dict(arg[2:].split("=", 1) for arg in argv[4:] if arg.startswith("--") and "=" in arg)
        if (options.get("method"), argv[3]) == ("POST", "/invoices") and self.post_answers:
            super().__call__(argv)  # recorded: it went out
            answer = self.post_answers.pop(0)
            if isinstance(answer, BaseException):
                raise answer
            return answer
        if argv[3].endswith("/status") and self.polling_fails:
            raise OSError("the CLI could not be started again")  # after the POST: the call fails, the invoice exists
        return super().__call__(argv)

    def posts(self) -> int:
        return sum(1 for method, *_ in self.requests if method == "POST")


class Live:
    """A live server as one process has it: the stand-in CLI, Faktoora behind it, the ledger file."""

    def __init__(self, ledger: Path, catalog: Any) -> None:
        self.faktoora, self.cli = Counted(), ScriptedCli()
        self.cli.answers["request"] = self.faktoora
        self.cli.answers["action run"] = connector
        shapes = {spec.key: spec.output_schema for spec in catalog}
        self.backend = backend_for(
            self.cli, documented=lambda: documented_actions(catalog), shapes=shapes, ledger=Ledger(ledger)
        )
        self.app = build_app(
            Config(backend="membrane", catalogue_cache="off", toolsets="all"), backend=self.backend, catalog=catalog
        )


@pytest.fixture
def live(tmp_path: Path, catalog: Any) -> Live:
    return Live(tmp_path / "keys.sqlite3", catalog)


def text(result: Any) -> str:
    return result.content[0].text


async def test_a_retry_after_a_lost_answer_returns_the_first_invoice_without_posting_again(live: Live) -> None:
    first = await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-1"})
    assert not first.is_error, text(first)  # ... and the host lost this answer; the agent retries
    again = await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-1"})
    assert again.structured_content == first.structured_content
    assert live.faktoora.posts() == 1


async def test_a_retry_after_faktoora_took_the_invoice_but_the_call_failed_returns_it(live: Live) -> None:
    live.faktoora.polling_fails = True  # the POST was answered with the id; the rest of the call failed
    first = await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-2"})
    assert first.is_error, text(first)
    again = await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-2"})
    assert not again.is_error, text(again)
    assert again.structured_content["faktooraId"] == "FLIVE42"
    assert live.faktoora.posts() == 1


async def test_after_a_timeout_mid_post_the_retry_posts_nothing_and_says_where_to_look(live: Live) -> None:
    live.faktoora.post_answers = [TimeoutError()]  # the POST went out; no answer in time
    first = await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-3"})
    assert first.is_error and "may or may not" in text(first), text(first)
    again = await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-3"})
    message = text(again)
    assert again.is_error and message.startswith("idempotencyKey: "), message
    assert (
        'list-outgoing-invoices with customerId "cus_7f3a", newest first' in message and "new idempotencyKey" in message
    ), message
    assert live.faktoora.posts() == 1
    fresh = await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-3b"})
    assert not fresh.is_error and live.faktoora.posts() == 2  # a new key is a new attempt, as the refusal said


def hang_on_post(live: Live) -> anyio.Event:
    """Make the next POST go out (recorded) and never come back; the event is set once it went out."""
    posted = anyio.Event()

    async def runner(argv: Sequence[str], timeout: float) -> Any:  # noqa: ASYNC109 - the Runner seam
        if "--method=POST" in argv:
            live.faktoora.requests.append(("POST", argv[3], None, {}))
            posted.set()
            await anyio.sleep_forever()
        return await live.cli(argv, timeout)

    live.backend.cli._runner = runner
    return posted


async def test_after_a_cancel_mid_post_the_retry_posts_nothing(live: Live) -> None:
    posted = hang_on_post(live)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(live.backend.run_idempotent, "create-outgoing-invoice", INVOICE, "rechnung-4")
        with anyio.fail_after(10):
            await posted.wait()
        tasks.cancel_scope.cancel()  # the host cancelled the call while the POST was out
    with pytest.raises(Conflict, match="got no answer, so it may or may not have created the record"):
        await live.backend.run_idempotent("create-outgoing-invoice", INVOICE, "rechnung-4")
    assert live.faktoora.posts() == 1


async def test_a_second_call_with_the_key_while_the_first_waits_is_refused(live: Live) -> None:
    posted = hang_on_post(live)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(live.backend.run_idempotent, "create-outgoing-invoice", INVOICE, "rechnung-11")
        with anyio.fail_after(10):
            await posted.wait()
        with pytest.raises(Conflict, match="still waiting for Faktoora"):
            await live.backend.run_idempotent("create-outgoing-invoice", INVOICE, "rechnung-11")
        tasks.cancel_scope.cancel()
    assert live.faktoora.posts() == 1


async def test_a_cancel_before_the_post_was_sent_leaves_the_key_free(live: Live) -> None:
    reading = anyio.Event()

    async def hang_on_reads(argv: Sequence[str], timeout: float) -> Any:  # noqa: ASYNC109 - the Runner seam
        if argv[1:3] == ["action", "run"]:  # the customer is read before the invoice is posted
            reading.set()
            await anyio.sleep_forever()
        return await live.cli(argv, timeout)

    live.backend.cli._runner = hang_on_reads
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(live.backend.run_idempotent, "create-outgoing-invoice", INVOICE, "rechnung-5")
        with anyio.fail_after(10):
            await reading.wait()
        tasks.cancel_scope.cancel()
    live.backend.cli._runner = live.cli
    created = await live.backend.run_idempotent("create-outgoing-invoice", INVOICE, "rechnung-5")
    assert created.output["faktooraId"] == "FLIVE42" and live.faktoora.posts() == 1


async def test_a_cancel_while_the_key_is_being_recorded_leaves_it_free(live: Live) -> None:
    ledger = live.backend._ledger
    recording, go_on = threading.Event(), threading.Event()
    claim = ledger.claim

    def slow_claim(*args: Any) -> Any:
        recording.set()
        go_on.wait(10)
        return claim(*args)

    ledger.claim = slow_claim  # type: ignore[method-assign]
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(live.backend.run_idempotent, "create-outgoing-invoice", INVOICE, "rechnung-12")
        await anyio.to_thread.run_sync(recording.wait, 10)
        tasks.cancel_scope.cancel()  # the cancel arrives while the ledger is being written
        go_on.set()
    ledger.claim = claim  # type: ignore[method-assign]
    created = await live.backend.run_idempotent("create-outgoing-invoice", INVOICE, "rechnung-12")
    assert created.output["faktooraId"] == "FLIVE42" and live.faktoora.posts() == 1


async def test_the_same_key_with_another_invoice_is_refused_naming_the_field(live: Live) -> None:
    await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-6"})
    other = {**INVOICE, "lines": [{**LINES[0], "quantity": 3}], "idempotencyKey": "rechnung-6"}
    refused = await call(live.app, "create-outgoing-invoice", other)
    assert refused.is_error and "idempotencyKey: this key was already used" in text(refused), text(refused)
    assert live.faktoora.posts() == 1


async def test_a_refused_post_frees_the_key_for_the_corrected_call(live: Live) -> None:
    live.faktoora.post_answers = [fail(1, stderr="Request failed with status code 400: buyer.postcode invalid")]
    first = await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-7"})
    assert first.is_error, text(first)
    again = await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-7"})
    assert not again.is_error, text(again)
    assert live.faktoora.posts() == 2  # the first was refused: nothing existed to return


async def test_a_connector_create_whose_answer_was_lost_is_not_run_twice(live: Live) -> None:
    runs: list[str] = []

    def create_then_garble(argv: Sequence[str]) -> Any:
        if argv[3] == "act-create-cust":
            runs.append(argv[3])
            return fail(1, stdout="<html>502 Bad Gateway</html>")  # it ran; what came back says nothing
        return connector(argv)

    live.cli.answers["action run"] = create_then_garble
    await call(live.app, "create-customer", {**COMPANY, "idempotencyKey": "kunde-1"})
    again = await call(live.app, "create-customer", {**COMPANY, "idempotencyKey": "kunde-1"})
    assert again.is_error and 'list-customers with keyword "Isar Bau GmbH"' in text(again), text(again)
    assert runs == ["act-create-cust"]


async def test_an_unusable_ledger_stops_the_keyed_create_before_it_is_sent(tmp_path: Path, catalog: Any) -> None:
    (tmp_path / "keys.sqlite3").mkdir()  # a directory where the file should be
    live = Live(tmp_path / "keys.sqlite3", catalog)
    refused = await call(live.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-8"})
    assert refused.is_error and "--idempotency-ledger" in text(refused), text(refused)
    assert text(refused).startswith("idempotencyKey: the idempotency ledger"), text(refused)
    assert live.faktoora.posts() == 0


async def test_the_ledger_outlives_the_process(tmp_path: Path, catalog: Any) -> None:
    ledger = tmp_path / "keys.sqlite3"
    before = Live(ledger, catalog)
    first = await call(before.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-9"})
    await before.backend.aclose()
    after = Live(ledger, catalog)  # a new process: new CLI, new backend, the same file
    again = await call(after.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-9"})
    assert again.structured_content == first.structured_content
    assert after.faktoora.posts() == 0


KILLED_MID_POST = """
import sys
from pathlib import Path

import anyio

from faktoora_mcp.backends.membrane.ledger import Ledger
from tests.fixtures.membrane_runner import ScriptedCli, backend_for
from tests.test_idempotency_live import INVOICE, connector

cli = ScriptedCli()
cli.answers["action run"] = connector


async def post_then_hang(argv, timeout):
    if "--method=POST" in argv:
        Path(sys.argv[2]).write_text("posted")
        await anyio.sleep_forever()
    return await cli(argv, timeout)


backend = backend_for(post_then_hang, ledger=Ledger(sys.argv[1]))
anyio.run(backend.run_idempotent, "create-outgoing-invoice", INVOICE, "rechnung-10")
"""
"""A server process that sends its POST and is killed (SIGKILL) before any answer."""


@pytest.mark.subprocess
def test_a_process_killed_mid_post_leaves_a_retry_that_posts_nothing(tmp_path: Path, catalog: Any) -> None:
    ledger, posted = tmp_path / "keys.sqlite3", tmp_path / "posted"
    child = subprocess.Popen([sys.executable, "-c", KILLED_MID_POST, str(ledger), str(posted)], cwd=ROOT)
    deadline = time.monotonic() + CHILD_TIMEOUT
    try:
        while not posted.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert posted.exists(), "the child never sent its POST"
    after = Live(ledger, catalog)
    refused = anyio.run(call, after.app, "create-outgoing-invoice", {**INVOICE, "idempotencyKey": "rechnung-10"})
    assert refused.is_error and "may or may not have created" in text(refused), text(refused)
    assert after.faktoora.posts() == 0


async def test_a_correction_retried_after_a_lost_answer_posts_one_credit_note(live: Live) -> None:
    credit = {"faktooraId": "FORIG01", "kind": "credit-note", "reason": "Storno", "idempotencyKey": "gutschrift-1"}
    first = await call(live.app, "correct-outgoing-invoice", credit)
    assert not first.is_error, text(first)  # ... and the host lost this answer; the agent retries
    again = await call(live.app, "correct-outgoing-invoice", credit)
    assert again.structured_content == first.structured_content
    assert live.faktoora.posts() == 1


async def test_a_correction_whose_post_timed_out_is_not_sent_again(live: Live) -> None:
    live.faktoora.post_answers.append(TimeoutError("no answer from Faktoora"))
    credit = {"faktooraId": "FORIG01", "kind": "credit-note", "idempotencyKey": "gutschrift-2"}
    assert (await call(live.app, "correct-outgoing-invoice", credit)).is_error
    again = await call(live.app, "correct-outgoing-invoice", credit)
    assert again.is_error and "list-outgoing-invoices" in text(again) and "new idempotencyKey" in text(again)
    assert live.faktoora.posts() == 1
