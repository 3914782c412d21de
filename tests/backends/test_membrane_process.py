"""The real process boundary: the adapter driving a fake ``membrane`` executable, fault by fault.

After every failure the next call must work and no process the adapter started may be left running.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import pytest

from faktoora_mcp.backends.base import ApiRequest
from faktoora_mcp.backends.membrane import SubprocessRunner
from faktoora_mcp.errors import BackendProtocolError, BackendTimeout, BackendUnavailable, InvalidArguments, NotFound
from tests.fixtures.fake_membrane_env import FakeCli, my_children, running

pytestmark = pytest.mark.subprocess
COUNTS = pytest.mark.serial  # counts this process's children: in a worker, an earlier test's exiting child counts too
TIMES_KILLS = pytest.mark.serial  # a kill within a budget (and a count): busy neighbours would stretch it past it

SANDBOX_CALL_TIMEOUT = 60.0
"""A CLI call over the sandbox file: a Python start and the sandbox opened, slow on a loaded 2-core machine."""
HANG_TIMEOUT = 2.0
"""One tool call's whole budget, warm-up included: three CLI starts on a loaded 2-core machine fit in it."""


async def assert_all_gone(cli: FakeCli) -> None:
    with anyio.fail_after(5):
        while any(running(pid) for pid in cli.pids()) or my_children():  # noqa: ASYNC110 - polls the OS
            await anyio.sleep(0.02)


@pytest.fixture
async def cli(tmp_path: Path) -> AsyncIterator[FakeCli]:
    fake = FakeCli(tmp_path)
    yield fake
    await fake.aclose()


@COUNTS
async def test_search_run_and_request_work_end_to_end(cli: FakeCli) -> None:
    backend = cli.backend()
    found = await backend.search_actions("customer", limit=3)
    assert [a.key for a in found] == ["list-customers", "get-customer", "create-customer"]
    result = await backend.run_action("list-customers", {"keywords": "-rf"})
    assert result.output == {"action": "a-list-customers", "input": {"keywords": "-rf"}}
    assert result.run_id and result.run_id.startswith("run-")
    response = await backend.request(ApiRequest(method="GET", path="/customers", query={"perPage": "5"}))
    assert (response.status, response.body["query"]) == (200, ["perPage=5"])
    assert (await backend.status()).connection_id == "fake-conn-1"
    await assert_all_gone(cli)


async def test_a_search_membrane_answers_without_the_verb_asked_for_is_ranked_on_the_live_catalogue(cli: FakeCli):
    # The fake CLI's search returns actions whose names hold a word of the intent: list, get, create (limit 3)
    found = await cli.backend().search_actions("delete customer Becker", limit=3)
    assert found[0].name == "Delete Customer"


async def test_a_german_request_the_fake_membrane_cannot_read_finds_the_action_through_the_local_ranker(cli: FakeCli):
    found = await cli.backend().search_actions("Neuen Kunden anlegen", limit=3)
    assert found[0].key == "create-customer"


@TIMES_KILLS
async def test_a_hanging_read_is_killed_with_its_children_and_reported_safe_to_retry(cli: FakeCli) -> None:
    backend = cli.backend(timeout=HANG_TIMEOUT)
    await backend.describe_action("list-customers")  # warm: CLI checked, connection and action list cached
    cli.fault("hang")
    with pytest.raises(BackendTimeout, match="safe to retry"):
        await backend.run_action("list-customers", {})
    assert len(cli.pids()) == 3 + 2  # three set-up calls, then one try (which starts a grandchild): no retry
    await assert_all_gone(cli)
    cli.fault(None)
    assert (await backend.run_action("list-customers", {})).output["action"] == "a-list-customers"


@TIMES_KILLS
async def test_a_hanging_write_is_tried_once_and_may_have_happened(cli: FakeCli) -> None:
    backend = cli.backend(timeout=HANG_TIMEOUT)
    await backend.describe_action("list-customers")
    before = len(cli.pids())
    cli.fault("hang")
    with pytest.raises(BackendTimeout, match="may or may not have been applied") as caught:
        await backend.run_action("create-customer", {"name": "x"})
    assert not caught.value.safe_to_retry and len(cli.pids()) == before + 2
    await assert_all_gone(cli)


@COUNTS
async def test_a_cancelled_call_leaves_no_process_behind(cli: FakeCli) -> None:
    backend = cli.backend(timeout=30)
    await backend.describe_action("list-customers")  # warm: CLI checked, connection and action list cached
    cli.fault("hang")
    with anyio.move_on_after(0.5):
        await backend.run_action("create-customer", {})
    await assert_all_gone(cli)


@COUNTS
@pytest.mark.parametrize(
    ("fault", "error", "match"),
    [
        ("crash", BackendProtocolError, "exit 1.*TypeError: Cannot read properties"),
        ("garbage", BackendProtocolError, "not JSON.*502 Bad Gateway"),
        ("huge", BackendProtocolError, "output too large"),
        ("exit", NotFound, "bad_request/not_found.*Record not found"),
    ],
)
async def test_each_fault_maps_to_its_error_and_the_next_call_works(cli: FakeCli, fault, error, match) -> None:
    backend = cli.backend()
    await backend.describe_action("list-customers")  # warm: CLI checked, connection and action list cached
    cli.fault(fault)
    with pytest.raises(error, match=match) as caught:
        await backend.run_action("create-customer", {"name": "x"})
    assert "eyJ" not in caught.value.message
    cli.fault(None)
    assert (await backend.run_action("create-customer", {"name": "x"})).output["input"] == {"name": "x"}
    await assert_all_gone(cli)


async def test_a_chosen_exit_code_with_error_json_is_mapped(cli: FakeCli) -> None:
    cli.env["FAKE_MEMBRANE_EXIT"] = "7"
    with pytest.raises(NotFound, match="Record not found"):
        await cli.backend().run_action("get-customer", {"id": "nope"})


@pytest.mark.parametrize("fault", ["slow-start", "stderr-noise"])
async def test_slow_or_noisy_but_successful_runs_succeed(cli: FakeCli, fault: str) -> None:
    cli.fault(fault)
    cli.env["FAKE_MEMBRANE_SLOW_START_MS"] = "200"
    result = await cli.backend().run_action("list-customers", {"page": 2})
    assert result.output == {"action": "a-list-customers", "input": {"page": 2}}


@pytest.mark.parametrize(
    ("fault", "match"),
    [
        ("not-logged-in", r"run `membrane login --tenant`"),
        ("no-connection", r"membrane connect --connectorKey faktoora"),
        ("client-action-required", r"https://ui.getmembrane.com/connections/fake-conn-1/reconnect"),
        ("other-membrane", r"is not the Membrane CLI"),
    ],
)
async def test_set_up_problems_name_their_fix_and_clear_once_fixed(cli: FakeCli, fault: str, match: str) -> None:
    backend = cli.backend()
    cli.fault(fault)
    with pytest.raises(BackendUnavailable, match=match):
        await backend.run_action("list-customers", {})
    cli.fault(None)
    await backend.run_action("list-customers", {})


async def test_the_environment_is_passed_explicitly(cli: FakeCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_MEMBRANE_FAULT", "crash")  # in os.environ, not in the backend's env
    await cli.backend().run_action("list-customers", {})


async def test_the_runner_captures_both_streams_and_closes_stdin() -> None:
    script = "import sys; print(repr(sys.stdin.read())); print('warn', file=sys.stderr); sys.exit(3)"
    run = await SubprocessRunner()([sys.executable, "-c", script], 10)
    assert (run.returncode, run.stdout.strip(), run.stderr.strip()) == (3, "''", "warn")


@COUNTS
async def test_the_runner_caps_output_and_kills_the_writer() -> None:
    script = "import sys\nwhile True: sys.stdout.write('x' * 65536)"
    with pytest.raises(BackendProtocolError, match="output too large"):
        await SubprocessRunner(max_output=1024 * 1024)([sys.executable, "-c", script], 10)
    assert my_children() == []


@COUNTS
async def test_the_runner_times_out_and_reaps() -> None:
    with pytest.raises(TimeoutError):
        await SubprocessRunner()([sys.executable, "-c", "import time; time.sleep(60)"], 0.3)
    assert my_children() == []


@pytest.fixture
def sandboxed(cli: FakeCli, tmp_path: Path) -> FakeCli:
    """The fake over a sandbox file; its backends get a minute a call (each CLI call opens the sandbox, and these
    run beside other tests), since what they check is the answers, not a deadline."""
    cli.env["FAKE_MEMBRANE_DB"] = str(tmp_path / "sandbox.sqlite3")
    return cli


async def test_over_the_sandbox_discovery_runs_and_requests_round_trip(sandboxed: FakeCli) -> None:
    backend = sandboxed.backend(timeout=SANDBOX_CALL_TIMEOUT)
    found = await backend.search_actions("list customers", limit=3)
    assert "list-customers" in [a.key for a in found]
    described = await backend.describe_action("create-customer")
    assert not described.read_only and "properties" in described.input_schema
    assert (await backend.describe_action("delete-invoice")).destructive
    listed = (await backend.run_action("list-customers", {"perPage": 2})).output
    assert len(listed["data"]) == 2 and listed["meta"]["perPage"] == 2
    page = await backend.request(ApiRequest(method="GET", path="/customers", query={"perPage": "3", "page": "2"}))
    assert (page.status, page.body["meta"]["page"], len(page.body["data"])) == (200, 2, 3)


async def test_over_the_sandbox_upstream_errors_keep_their_meaning(sandboxed: FakeCli) -> None:
    backend = sandboxed.backend(timeout=SANDBOX_CALL_TIMEOUT)
    missing = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(NotFound):
        await backend.run_action("get-customer", {"id": missing})
    with pytest.raises(InvalidArguments) as invalid:
        await backend.run_action("create-product", {"name": "x", "unit": "XYZ", "tax": 19, "price": 1})
    assert "unit" in {v.path for v in invalid.value.violations}
    answer = await backend.request(ApiRequest(method="GET", path="/customer/{id}", path_params={"id": missing}))
    assert answer.status == 404 and "No customer" in answer.body["message"]
