"""The REST transport against a stand-in of Membrane's REST API on loopback (tests/fixtures/membrane_api.py),
written from the SDK's and OpenAPI's shapes: the same backend behaviour as over the CLI, one round trip a call."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import anyio
import pytest

from faktoora_mcp.backends.base import ApiRequest
from faktoora_mcp.backends.membrane import MembraneBackend
from faktoora_mcp.backends.membrane.transport.tokens import MembraneAccess
from faktoora_mcp.errors import (
    BackendTimeout,
    BackendUnavailable,
    InvalidArguments,
    NotFound,
    PolicyRefused,
    UpstreamRejected,
)
from tests.fixtures.membrane_api import ACTIONS, CONNECTION, CUT, HANG, TOKEN, MembraneApi, Reply
from tests.fixtures.membrane_runner import ScriptedCli, fail, no_sleep, ok

LIST_SHAPE = {
    "type": "object",
    "properties": {
        "data": {"type": "array", "items": {"type": "object", "properties": {"customerNumber": {"type": "string"}}}},
        "meta": {"type": "object"},
    },
}


@pytest.fixture
def api() -> Iterator[MembraneApi]:
    with MembraneApi().running() as running:
        yield running


def rest_backend(api: MembraneApi, token: str | None = TOKEN, **options: object) -> MembraneBackend:
    options = {"sleep": no_sleep, "timeout": 5.0, "transport": "rest", "runner": ScriptedCli(), **options}
    access = MembraneAccess(token=token, api_url=api.url)
    return MembraneBackend(binary="membrane", access=access, **options)  # type: ignore[arg-type]


async def test_an_action_runs_with_one_post_to_act_and_its_answer_is_read_into_the_manifest_shape(api) -> None:
    backend = rest_backend(api, shapes={"list-customers": LIST_SHAPE})
    result = await backend.run_action("list-customers", {"perPage": 2})
    await backend.aclose()
    assert result.run_id == "66b1run00000000000000001"
    assert [c["customerNumber"] for c in result.output["data"]] == ["K-1001", "K-1002"]  # lifted from fields
    assert result.output["meta"]["nextCursor"] == "c-2"
    act = [r for r in api.requests if r.path == "/act"]
    assert len(act) == 1
    assert act[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert act[0].headers["membrane-api-version"] == "2025-10-21"


async def test_calls_reuse_one_connection(api) -> None:
    backend = rest_backend(api)
    for _ in range(5):
        await backend.run_action("get-customer", {"id": "c-1"})
    await backend.aclose()
    assert api.connections_opened == 1


async def test_intent_search_asks_membrane_with_connection_intent_and_limit(api) -> None:
    backend = rest_backend(api)
    found = await backend.search_actions("customer anlegen", limit=2)
    await backend.aclose()
    searches = [r for r in api.requests if r.path == "/actions" and "intent" in r.query]
    assert searches[0].query == {"connectionId": [CONNECTION["id"]], "intent": ["customer anlegen"], "limit": ["2"]}
    assert found and all(info.id in {a["id"] for a in ACTIONS} for info in found)


async def test_a_missing_record_is_not_found_with_the_list_tool_that_gives_ids(api) -> None:
    backend = rest_backend(api)
    with pytest.raises(NotFound, match="list-customers"):
        await backend.run_action("get-customer", {"id": "nope"})
    await backend.aclose()


async def test_the_proxy_carries_get_and_post_with_query_and_json_body(api) -> None:
    backend = rest_backend(api)
    got = await backend.request(ApiRequest("GET", "/customers", query={"page": "2", "sort": ["name", "id"]}))
    posted = await backend.request(
        ApiRequest("POST", "/customers/{id}/notes", path_params={"id": "c 1"}, body={"a": 1})
    )
    await backend.aclose()
    assert got.status == 200 and got.body["path"] == "/customers"
    assert got.body["query"] == {"page": ["2"], "sort": ["name", "id"]}
    assert posted.body == {"method": "POST", "path": "/customers/c%201/notes", "query": {}, "body": {"a": 1}}


async def test_a_file_is_uploaded_through_the_proxy_as_multipart(api) -> None:
    backend = rest_backend(api)
    xml = b"<?xml version='1.0'?><Invoice/>" * 100
    request = ApiRequest("POST", "/import/incoming", files={"file": ("rechnung.xml", xml, "application/xml")})
    answer = await backend.request(request)
    await backend.aclose()
    assert answer.body["path"] == "/import/incoming"
    assert answer.body["parts"] == {"file": {"filename": "rechnung.xml", "type": "application/xml", "size": len(xml)}}


async def test_the_cli_transport_refuses_a_file_and_names_the_rest_transport() -> None:
    backend = MembraneBackend(binary="membrane", runner=ScriptedCli(), sleep=no_sleep)
    request = ApiRequest("POST", "/import/incoming", files={"file": ("r.xml", b"<x/>", "application/xml")})
    with pytest.raises(InvalidArguments, match="--membrane-transport rest"):
        await backend.request(request)
    await backend.aclose()


async def test_upstream_errors_through_the_proxy_are_returned_not_raised(api) -> None:
    api.proxy_answer = lambda seen: Reply(422, {"message": "invoiceNumber is required", "statusCode": 422})
    backend = rest_backend(api)
    answer = await backend.request(ApiRequest("POST", "/invoices", body={}))
    await backend.aclose()
    assert answer.status == 422 and answer.body["message"] == "invoiceNumber is required"


async def test_a_refused_token_is_asked_for_again_once_from_the_cli(api) -> None:
    cli = ScriptedCli()
    fresh = "mbr-fresh-token-00112233445566"
    cli.answers["token"] = [ok({"token": "mbr-stale-token-99887766554433"}), ok({"token": fresh})]
    api.tokens = {fresh}
    backend = rest_backend(api, token=None, runner=cli, transport="auto")
    result = await backend.run_action("get-customer", {"id": "c-1"})
    await backend.aclose()
    assert result.output["record"]["id"] == "c-1"
    assert len(cli.commands("token")) == 2
    assert [r.headers["authorization"] for r in api.requests][-1] == f"Bearer {fresh}"


async def test_a_refused_token_names_the_source_that_gave_it(api) -> None:
    backend = rest_backend(api, token="mbr-revoked-token-5566778899")
    with pytest.raises(BackendUnavailable, match="refused the token from MEMBRANE_TOKEN") as raised:
        await backend.run_action("get-customer", {"id": "c-1"})
    await backend.aclose()
    assert "mbr-revoked-token-5566778899" not in raised.value.message


async def test_a_rate_limit_is_waited_out_as_membrane_asks_for_a_read(api) -> None:
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    api.script["POST /act"] = [Reply(429, {"type": "bad_request", "key": "rate_limit_exceeded", "message": "slow down"},
                                     {"Retry-After": "2"})]  # fmt: skip
    backend = rest_backend(api, sleep=sleep)
    result = await backend.run_action("get-customer", {"id": "c-1"})
    await backend.aclose()
    assert result.output["record"]["id"] == "c-1"
    assert waited == [2.0]


async def test_a_write_is_never_retried(api) -> None:
    api.script["POST /act"] = [Reply(503, "upstream unavailable")]
    backend = rest_backend(api)
    with pytest.raises(UpstreamRejected, match="HTTP 503"):
        await backend.run_action("create-customer", {"name": "Neu GmbH"})
    await backend.aclose()
    assert len([r for r in api.requests if r.path == "/act"]) == 1


async def test_a_server_error_on_a_read_is_retried(api) -> None:
    api.script["GET /connections"] = [Reply(502, "<html>Bad Gateway</html>")]
    backend = rest_backend(api)
    status = await backend.status()
    await backend.aclose()
    assert status.ready, status.detail
    assert "Membrane REST API" in status.detail and "token from MEMBRANE_TOKEN" in status.detail


async def test_a_hang_answers_within_the_budget_and_says_a_read_is_safe_to_retry(api) -> None:
    backend = rest_backend(api, timeout=0.5)
    await backend.connection()
    api.script["POST /act"] = [HANG]
    with anyio.fail_after(5), pytest.raises(BackendTimeout, match="safe to retry"):
        await backend.run_action("get-customer", {"id": "c-1"})
    await backend.aclose()


async def test_a_cut_connection_on_a_write_says_the_change_may_have_been_applied(api) -> None:
    backend = rest_backend(api)
    await backend.connection()
    api.script["POST /act"] = [CUT]
    with pytest.raises(BackendUnavailable, match="may or may not have been applied"):
        await backend.run_action("create-customer", {"name": "Neu GmbH"})
    await backend.aclose()


async def test_cancelling_a_call_closes_its_request(api) -> None:
    backend = rest_backend(api, timeout=30)
    await backend.connection()
    api.script["POST /act"] = [HANG]
    with anyio.move_on_after(0.3) as scope:
        await backend.run_action("get-customer", {"id": "c-1"})
    assert scope.cancelled_caught
    result = await backend.run_action("get-customer", {"id": "c-2"})  # the pool is not held by the cancelled call
    await backend.aclose()
    assert result.output["record"]["id"] == "c-2"


async def test_read_only_refuses_a_proxy_write_before_anything_is_sent(api) -> None:
    backend = rest_backend(api, read_only=True)
    with pytest.raises(PolicyRefused):
        await backend.request(ApiRequest("DELETE", "/customers/c-1"))
    await backend.aclose()
    assert not api.requests


async def test_without_a_token_or_a_cli_the_error_says_how_to_log_in(api) -> None:
    cli = ScriptedCli()
    cli.answers["--help"] = OSError(2, "No such file or directory")
    backend = rest_backend(api, token=None, runner=cli)
    with pytest.raises(BackendUnavailable, match="membrane login"):
        await backend.run_action("get-customer", {"id": "c-1"})
    await backend.aclose()


async def test_auto_falls_back_to_the_cli_when_it_gives_no_token(api) -> None:
    cli = ScriptedCli()
    cli.answers["token"] = fail(1, stderr="error: unknown command 'token'")
    backend = rest_backend(api, token=None, runner=cli, transport="auto")
    status = await backend.status()
    await backend.aclose()
    assert status.detail.startswith("Membrane CLI membrane")
    assert "not rest" in status.detail
    assert not api.requests


async def test_no_token_appears_in_a_log_line_or_a_result(api, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    cli = ScriptedCli()
    secret = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg"
    cli.answers["token"] = ok({"token": secret})
    api.tokens = {secret}
    api.proxy_answer = lambda seen: Reply(500, {"message": f"upstream echoed {seen.headers['authorization']}"})
    backend = rest_backend(api, token=None, runner=cli, transport="auto")
    answer = await backend.request(ApiRequest("GET", "/customers"))
    await backend.aclose()
    shown = caplog.text + repr(answer) + str(await backend.status())
    assert secret not in shown


SECRET_SHAPES = [
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    "9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa",
    "plainlettersonlywithoutanyshape",
]
"""Token shapes from the redaction tests, and one no pattern would recognise (only redaction by value can)."""


@pytest.mark.parametrize("secret", SECRET_SHAPES)
async def test_a_token_of_any_shape_stays_out_of_answers_errors_and_logs(api, secret, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    api.tokens = {secret}
    api.proxy_answer = lambda seen: Reply(200, {"echo": seen.headers["authorization"]})
    backend = rest_backend(api, token=secret)
    answer = await backend.request(ApiRequest("GET", "/customers"))
    api.tokens = set()  # now Membrane refuses it
    api.script["POST /act"] = [Reply(401, {"type": "bad_request", "key": "not_authenticated", "message": secret})]
    with pytest.raises(BackendUnavailable, match="refused the token from MEMBRANE_TOKEN") as refused:
        await backend.run_action("create-customer", {"name": "Neu GmbH"})
    await backend.aclose()
    assert answer.body == {"echo": "Bearer [REDACTED]"}
    assert secret not in refused.value.message and secret not in caplog.text


async def test_faktooras_own_401_through_the_proxy_is_its_answer_and_keeps_the_token(api) -> None:
    api.proxy_answer = lambda seen: Reply(401, {"message": "X-API-KEY is invalid", "statusCode": 401})
    backend = rest_backend(api)
    answer = await backend.request(ApiRequest("GET", "/customers"))
    await backend.aclose()
    assert answer.status == 401 and answer.body["message"] == "X-API-KEY is invalid"
    assert all(r.headers["authorization"] == f"Bearer {TOKEN}" for r in api.requests)


async def test_a_disconnected_connection_says_how_to_reconnect_it(api) -> None:
    disconnected = {"code": "CONNECTION_DISCONNECTED", "message": "The connection was disconnected"}
    api.proxy_answer = lambda seen: Reply(401, disconnected)
    backend = rest_backend(api)
    with pytest.raises(BackendUnavailable, match=f"membrane connect --connectionId={CONNECTION['id']}"):
        await backend.request(ApiRequest("GET", "/customers"))
    await backend.aclose()


@pytest.mark.parametrize(
    ("headers", "field"),
    [
        ({"X-Note": "🧾"}, "headers.X-Note"),
        ({"Bad Name": "x"}, "headers.Bad Name"),
        ({"Authorization": "x"}, "headers.Authorization"),
    ],
)
async def test_a_header_that_cannot_be_sent_names_the_field_and_nothing_is_sent(api, headers, field) -> None:
    backend = rest_backend(api)
    await backend.connection()
    sent = len(api.requests)
    with pytest.raises(InvalidArguments) as raised:
        await backend.request(ApiRequest("GET", "/customers", headers=headers))
    await backend.aclose()
    assert raised.value.violations[0].path == field
    assert len(api.requests) == sent
