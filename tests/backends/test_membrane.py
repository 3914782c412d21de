"""The Membrane adapter through an injected runner: the exact argv of every command and how output is read."""

from __future__ import annotations

import pytest

from faktoora_mcp.backends.base import ApiRequest
from faktoora_mcp.backends.membrane import MembraneBackend
from faktoora_mcp.errors import BackendTimeout, BackendUnavailable, InvalidArguments, UnknownTool, UpstreamRejected
from tests.fixtures.membrane_runner import ScriptedCli, backend_for, fail, ok


def test_construction_spawns_nothing_and_needs_no_executable(cli: ScriptedCli) -> None:
    MembraneBackend(runner=cli, env={"PATH": "/nonexistent"})
    assert cli.calls == []


async def test_first_run_checks_the_cli_finds_the_connection_resolves_the_key_then_runs(cli: ScriptedCli) -> None:
    backend = backend_for(cli)
    result = await backend.run_action("list-customers", {"page": 1, "keywords": "Müller"})
    assert cli.calls == [
        ["membrane", "--help"],
        ["membrane", "connection", "list", "--json"],
        ["membrane", "action", "list", "--connectionId=conn-1", "--limit=1000", "--json"],
        [
            "membrane", "action", "run", "act-list-cust", "--connectionId=conn-1",
            '--input={"page":1,"keywords":"Müller"}', "--json",
        ],
    ]  # fmt: skip
    assert result.output == {"data": []}
    assert result.run_id == "run-1"


async def test_the_cli_check_connection_and_action_list_happen_once_per_process(cli: ScriptedCli) -> None:
    backend = backend_for(cli)
    for _ in range(3):
        await backend.run_action("list-customers", {})
    assert [len(cli.commands(c)) for c in ("--help", "connection list", "action list", "action run")] == [1, 1, 1, 3]


async def test_a_given_connection_id_is_used_without_listing_connections(cli: ScriptedCli) -> None:
    await backend_for(cli, connection_id="conn-9").run_action("list-customers", {})
    assert cli.commands("connection list") == []
    assert "--connectionId=conn-9" in cli.commands("action run")[0]


@pytest.mark.parametrize(
    ("name", "action_id"),
    [
        ("list-customers", "act-list-cust"),  # key
        ("act-create-cust", "act-create-cust"),  # id
        ("delete-invoice", "act-del-inv"),  # empty key: the kebab-cased name
        ("get-outgoing-invoice-status", "act-status"),
        ("list-webhooks", "list-webhooks"),  # no match: the key itself
    ],
)
async def test_action_names_resolve_by_key_id_or_kebab_cased_name(cli: ScriptedCli, name: str, action_id: str) -> None:
    await backend_for(cli).run_action(name, {})
    assert cli.commands("action run")[0][3] == action_id


@pytest.mark.parametrize(
    ("stdout", "output", "run_id"),
    [
        ('{"output": {"id": 7}, "actionRunId": "r-9", "extra": true}', {"id": 7}, "r-9"),
        ('{\n  "output": [1, 2]\n}\n', [1, 2], None),
        ('Update available 1.18.0 → 1.19.0\nRun npm i -g @membranehq/cli\n{"output": "done"}', "done", None),
        ('{"id": 7}', {"id": 7}, None),  # no envelope: the payload is the output
        ("", None, None),
    ],
)
async def test_run_output_is_read_from_compact_pretty_noisy_or_empty_stdout(
    cli: ScriptedCli, stdout: str, output: object, run_id: str | None
) -> None:
    cli.answers["action run"] = ok(stdout, stderr="(node:1) ExperimentalWarning: fetch\n")
    result = await backend_for(cli).run_action("list-customers", {})
    assert (result.output, result.run_id) == (output, run_id)


async def test_search_sends_intent_and_limit_and_describes_each_action(cli: ScriptedCli) -> None:
    found = await backend_for(cli).search_actions("delete an invoice", limit=5)
    assert cli.commands("action list") == [
        ["membrane", "action", "list", "--connectionId=conn-1", "--intent=delete an invoice", "--limit=5", "--json"]
    ]
    by_id = {info.id: info for info in found}
    assert by_id["act-list-cust"].read_only and not by_id["act-list-cust"].destructive
    assert by_id["act-list-cust"].input_schema == {"type": "object", "properties": {}}
    assert by_id["act-create-cust"].input_schema == {"type": "object"}
    assert not by_id["act-create-cust"].read_only
    assert by_id["act-del-inv"].key == "delete-invoice" and by_id["act-del-inv"].destructive
    assert by_id["act-status"].read_only  # get- key derived from its name
    assert by_id["act-overview"].read_only  # search-data-record type


async def test_search_cuts_long_intents_and_clamps_the_limit(cli: ScriptedCli) -> None:
    await backend_for(cli).search_actions("x" * 500, limit=5000)
    argv = cli.commands("action list")[0]
    assert f"--intent={'x' * 200}" in argv and "--limit=1000" in argv


async def test_search_accepts_a_bare_list_and_skips_items_without_id(cli: ScriptedCli) -> None:
    cli.answers["action list"] = ok([{"name": "No id"}, {"id": "a1", "name": "List Products", "surprise": 1}])
    found = await backend_for(cli).search_actions("products")
    assert [(a.id, a.key) for a in found] == [("a1", "list-products")]


async def test_an_empty_action_list_output_means_no_actions(cli: ScriptedCli) -> None:
    cli.answers["action list"] = ok("")
    assert await backend_for(cli).search_actions("anything") == ()


async def test_describe_reads_the_cached_full_list(cli: ScriptedCli) -> None:
    backend = backend_for(cli)
    assert (await backend.describe_action("delete-invoice")).id == "act-del-inv"
    assert (await backend.describe_action("act-list-cust")).key == "list-customers"
    with pytest.raises(UnknownTool, match="search-actions"):
        await backend.describe_action("send-invoice")
    assert len(cli.commands("action list")) == 1


async def test_request_passes_method_headers_query_path_params_and_a_json_body(cli: ScriptedCli) -> None:
    request = ApiRequest(
        method="PUT",
        path="/customers/{id}",
        query={"perPage": "5", "status": ["open", "overdue"]},
        headers={"Accept": "application/json"},
        path_params={"id": "c-1"},
        body={"name": "Beispiel AG"},
    )
    await backend_for(cli).request(request)
    assert cli.commands("request") == [
        [
            "membrane", "request", "conn-1", "/customers/{id}", "--method=PUT", '--data={"name":"Beispiel AG"}',
            "--header=Accept: application/json", "--header=Content-Type: application/json",
            "--query=perPage=5", "--query=status=open", "--query=status=overdue", "--pathParam=id=c-1",
        ]
    ]  # fmt: skip


async def test_request_never_passes_json_which_means_send_a_body_on_this_command(cli: ScriptedCli) -> None:
    await backend_for(cli).request(ApiRequest(method="GET", path="/products"))
    assert cli.commands("request") == [["membrane", "request", "conn-1", "/products", "--method=GET"]]


@pytest.mark.parametrize(
    ("stdout", "status", "body"),
    [
        ('{"data": [{"id": 1}]}', 200, {"data": [{"id": 1}]}),
        ("Update available!\n[1, 2]", 200, [1, 2]),
        ("%PDF-1.7 binary-ish text", 200, "%PDF-1.7 binary-ish text"),
        ("", 200, None),
        (
            '{"statusCode": 404, "message": "Invoice not found"}',
            404,
            {"statusCode": 404, "message": "Invoice not found"},
        ),
        ('{"status": "paid", "id": 3}', 200, {"status": "paid", "id": 3}),
    ],
)
async def test_request_output_is_the_raw_upstream_body(
    cli: ScriptedCli, stdout: str, status: int, body: object
) -> None:
    cli.answers["request"] = ok(stdout)
    response = await backend_for(cli).request(ApiRequest(method="GET", path="/invoices"))
    assert (response.status, response.body) == (status, body)


async def test_a_failed_request_with_an_upstream_status_is_returned_not_raised(cli: ScriptedCli) -> None:
    cli.answers["request"] = fail(
        1, stdout='{"message": "no such invoice"}', stderr="Request failed with status code 404"
    )
    response = await backend_for(cli).request(ApiRequest(method="GET", path="/invoices/x"))
    assert (response.status, response.body) == (404, {"message": "no such invoice"})


@pytest.mark.parametrize("path", ["https://evil.example/x", "//evil.example/x", "customers", "/a?u=http://x", "/a b"])
async def test_request_refuses_anything_but_a_relative_path_before_spawning(cli: ScriptedCli, path: str) -> None:
    with pytest.raises(InvalidArguments, match="path"):
        await backend_for(cli).request(ApiRequest(method="GET", path=path))
    assert cli.calls == []


async def test_request_refuses_header_injection(cli: ScriptedCli) -> None:
    with pytest.raises(InvalidArguments, match="headers"):
        await backend_for(cli).request(ApiRequest(method="GET", path="/x", headers={"A": "b\r\nX-Evil: 1"}))
    assert cli.commands("request") == []


@pytest.mark.parametrize("action", ["-rf", "--help", ""])
async def test_an_action_that_would_read_as_a_flag_is_refused_before_spawning(cli: ScriptedCli, action: str) -> None:
    with pytest.raises(InvalidArguments, match="action"):
        await backend_for(cli).run_action(action, {})
    assert cli.calls == []


async def test_a_connection_id_that_would_read_as_a_flag_is_refused(cli: ScriptedCli) -> None:
    with pytest.raises(InvalidArguments, match="connection_id"):
        await backend_for(cli, connection_id="--evil").request(ApiRequest(method="GET", path="/x"))
    assert cli.calls == []


async def test_values_starting_with_a_dash_travel_inside_their_flag(cli: ScriptedCli) -> None:
    backend = backend_for(cli)
    await backend.run_action("list-customers", {"keywords": "--json"})
    await backend.search_actions("--limit=1 --connectionId=x")
    run, listed = cli.commands("action run")[0], cli.commands("action list")[-1]
    assert '--input={"keywords":"--json"}' in run and run.count("--json") == 1
    assert "--intent=--limit=1 --connectionId=x" in listed and listed.count("--connectionId=conn-1") == 1


async def test_input_that_is_not_json_is_refused(cli: ScriptedCli) -> None:
    with pytest.raises(InvalidArguments, match="input"):
        await backend_for(cli).run_action("list-customers", {"when": object()})


async def test_status_reports_the_ready_connection(cli: ScriptedCli) -> None:
    status = await backend_for(cli).status()
    assert (status.backend, status.ready, status.connection_id) == ("membrane", True, "conn-1")
    assert "READY" in status.detail


async def test_status_reports_what_to_fix_instead_of_raising(cli: ScriptedCli) -> None:
    cli.answers["connection list"] = ok({"items": []})
    status = await backend_for(cli).status()
    assert not status.ready and "membrane connect --connectorKey faktoora" in status.detail


async def test_aclose_is_idempotent_and_later_calls_fail_clearly(cli: ScriptedCli) -> None:
    backend = backend_for(cli)
    await backend.aclose()
    await backend.aclose()
    with pytest.raises(BackendUnavailable, match="closed"):
        await backend.run_action("list-customers", {})


async def test_timeouts_are_the_configured_one_and_shorter_for_probes(cli: ScriptedCli) -> None:
    await backend_for(cli, timeout=45, clock=lambda: 1000.0).run_action("list-customers", {})
    assert cli.timeouts == [20.0, 45, 45, 45]


class SteppingClock:
    """A clock that the scripted CLI moves forward: each command takes ``step`` seconds."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        return self.now

    def tick(self, argv: object) -> None:
        self.now += self.step


async def test_one_tool_call_shares_one_timeout_across_set_up_and_the_action(cli: ScriptedCli) -> None:
    clock = SteppingClock(step=10)
    answers = dict(cli.answers)
    for name in ("--help", "connection list", "action list", "action run"):
        cli.answers[name] = lambda argv, name=name: (clock.tick(argv), answers[name])[1]
    await backend_for(cli, timeout=45, clock=clock).run_action("list-customers", {})
    assert cli.timeouts == [20.0, 35, 25, 15]  # each command gets what is left of the call's 45 s


async def test_a_read_that_timed_out_is_not_retried_into_a_multiple_of_the_timeout(cli: ScriptedCli) -> None:
    backend = backend_for(cli, timeout=5)
    await backend.describe_action("list-customers")  # warm the set-up
    cli.answers["action run"] = TimeoutError()
    with pytest.raises(BackendTimeout, match=r"within 5 s.*safe to retry"):
        await backend.run_action("list-customers", {})
    assert len(cli.commands("action run")) == 1


async def test_a_transient_failure_is_retried_only_while_the_budget_lasts(cli: ScriptedCli) -> None:
    clock = SteppingClock(step=3)
    backend = backend_for(cli, timeout=5, clock=clock)
    await backend.describe_action("list-customers")  # set-up costs happen before the call's budget
    busy = fail(1, stderr="Error: Request failed with status code 503")
    cli.answers["action run"] = lambda argv: (clock.tick(argv), busy)[1]
    with pytest.raises(UpstreamRejected):
        await backend.run_action("list-customers", {})
    assert cli.timeouts[-2:] == [5, 2]  # the retry got only what was left; no third try past the 5 s


async def test_a_head_request_goes_out_as_a_get_and_comes_back_without_a_body(cli: ScriptedCli) -> None:
    response = await backend_for(cli, read_only=True).request(ApiRequest(method="HEAD", path="/customers"))
    assert (response.status, response.body) == (200, None)
    assert "--method=GET" in cli.commands("request")[0]
