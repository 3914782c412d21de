"""all: true collects pages with progress, respects the cap, and reports truncation; big text is cut."""

from __future__ import annotations

import json
import math

from faktoora_mcp.backends.base import HandlerBackend

ROWS = [
    {"id": f"00000000-0000-4000-8000-{i:012d}", "name": f"Product {i}", "unit": "C62", "tax": 19} for i in range(230)
]


def paged_products(action: str, args: dict) -> dict:
    page, per_page = args.get("page", 1), args.get("perPage", 25)
    chunk = ROWS[(page - 1) * per_page : page * per_page]
    meta = {"page": page, "perPage": per_page, "totalItems": len(ROWS), "totalPages": math.ceil(len(ROWS) / per_page)}
    return {"data": chunk, "meta": meta}


async def test_all_collects_every_page_and_reports_progress_per_page(make_app, client_for):
    backend = HandlerBackend(paged_products, name="paged")
    reports = []

    async def on_progress(progress, total, message):
        reports.append((progress, total, message))

    async with client_for(make_app(backend)) as client:
        result = await client.call_tool("list-products", {"all": True, "perPage": 100}, progress_callback=on_progress)
    assert result.is_error is False
    content = result.structured_content
    assert [row["name"] for row in content["data"]] == [row["name"] for row in ROWS]
    assert (content["truncated"], content["nextPage"], content["fetchedPages"]) == (False, None, 3)
    assert [args["page"] for _, args in backend.calls] == [1, 2, 3]
    assert reports == [(1, 3, "page 1 of 3"), (2, 3, "page 2 of 3"), (3, 3, "page 3 of 3")]


async def test_all_stops_at_the_cap_and_names_the_next_page(make_app, client_for):
    backend = HandlerBackend(paged_products, name="paged")
    async with client_for(make_app(backend, max_items=120)) as client:
        result = await client.call_tool("list-products", {"all": True, "perPage": 50})
    content = result.structured_content
    assert len(content["data"]) == 100 and content["data"][-1]["name"] == "Product 99"
    assert (content["truncated"], content["nextPage"]) == (True, 3)


async def collected(make_app, client_for, backend, arguments, reports=None, **config):
    async def on_progress(progress, total, message):
        if reports is not None:
            reports.append((progress, total, message))

    async with client_for(make_app(backend, **config)) as client:
        result = await client.call_tool("list-products", {"all": True, **arguments}, progress_callback=on_progress)
    assert result.is_error is False
    return result.structured_content


def with_page_limit(limit: int) -> HandlerBackend:
    backend = HandlerBackend(paged_products, name="paged")
    backend.max_page_size = limit  # what the sandbox declares: the largest page it serves whole
    return backend


async def test_a_backend_s_page_limit_collects_the_same_rows_in_fewer_fetches(make_app, client_for):
    merged = with_page_limit(1000)
    content = await collected(make_app, client_for, merged, {"perPage": 25})
    assert [row["name"] for row in content["data"]] == [row["name"] for row in ROWS]
    assert [(args["page"], args["perPage"]) for _, args in merged.calls] == [(1, 1000)]
    assert (content["meta"]["page"], content["meta"]["perPage"], content["meta"]["totalPages"]) == (1, 25, 10)
    assert (content["truncated"], content["nextPage"], content["fetchedPages"]) == (False, None, 10)


async def test_merged_pages_start_where_the_caller_s_page_starts_and_name_the_caller_s_next_page(make_app, client_for):
    for arguments in ({"page": 3, "perPage": 25}, {"page": 4, "perPage": 30}, {"page": 2, "perPage": 50}):
        plain_reports, merged_reports = [], []
        plain = await collected(
            make_app, client_for, HandlerBackend(paged_products), arguments, plain_reports, max_items=120
        )
        merged = with_page_limit(1000)
        fewer = await collected(make_app, client_for, merged, arguments, merged_reports, max_items=120)
        assert merged_reports == plain_reports, arguments
        assert fewer["data"] == plain["data"], arguments
        assert (fewer["truncated"], fewer["nextPage"]) == (plain["truncated"], plain["nextPage"]), arguments
        assert fewer["meta"] == plain["meta"] and fewer["fetchedPages"] == plain["fetchedPages"], arguments
        assert len(merged.calls) < fewer["fetchedPages"] + len(plain["data"]) // arguments["perPage"]


async def test_without_all_one_page_is_fetched(make_app, client_for):
    backend = HandlerBackend(paged_products, name="paged")
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool("list-products", {"page": 2})
    assert len(result.structured_content["data"]) == 25 and len(backend.calls) == 1
    assert "truncated" not in result.structured_content


async def test_a_text_mirror_over_the_limit_is_cut_at_a_record_and_says_how_to_read_the_rest(make_app, client_for):
    backend = HandlerBackend(paged_products, name="paged")
    async with client_for(make_app(backend, max_text_chars=2000)) as client:
        result = await client.call_tool("list-products", {"perPage": 200, "keyword": "Product"})
        shown, note = result.content[0].text.split("\n")
        records = json.loads(shown)["data"]  # the shown part is valid JSON: no record was cut in half
        assert 0 < len(records) < 200 and records == ROWS[: len(records)]
        assert len(shown) <= 2000
        assert f"shows {len(records)} of the 200 data records in this answer (230 in all)" in note
        rest = json.loads(note.split("call list-products with ")[1].split("}.")[0] + "}")
        assert rest == {"keyword": "Product", "page": 2, "perPage": len(records)}
        following = await client.call_tool("list-products", rest)
    assert json.loads(following.content[0].text.split("\n")[0])["data"][0] == ROWS[len(records)]
    assert len(result.structured_content["data"]) == 200


async def test_a_cut_all_pages_answer_names_the_page_arguments_that_collect_the_rest(make_app, client_for):
    backend = HandlerBackend(paged_products, name="paged")
    async with client_for(make_app(backend, max_text_chars=3000)) as client:
        result = await client.call_tool("list-products", {"all": True, "page": 2, "perPage": 50})
    shown, note = result.content[0].text.split("\n")
    held = len(json.loads(shown)["data"])
    assert len(result.structured_content["data"]) == 180 and 0 < held < 180
    rest = json.loads(note.split("call list-products with ")[1].split("}.")[0] + "}")
    offset = 50 + held  # page 2 of 50 starts at record 50
    assert rest["all"] is True and (rest["page"] - 1) * rest["perPage"] == offset


CLAUDE_CODE_FILE_THRESHOLD = 50_000
"""Characters above which Claude Code moves a tool result out of the conversation into a file."""


async def test_by_default_a_big_answer_reaches_claude_code_inline_and_its_structured_content_whole(
    make_app, client_for
):
    rows = [row | {"description": f"Leistung {row['name']}: " + "Beratung und Umsetzung " * 30} for row in ROWS]
    page = {"data": rows[:200], "meta": {"page": 1, "perPage": 200, "totalItems": 230, "totalPages": 2}}
    backend = HandlerBackend(lambda action, args: page, name="paged")  # 200 rows of ~800 characters of JSON
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool("list-products", {"perPage": 200})
    text = "".join(block.text for block in result.content)
    assert len(text) < CLAUDE_CODE_FILE_THRESHOLD * 0.5  # room to spare, whatever else the turn carries
    assert "shows" in text.splitlines()[-1] and len(result.structured_content["data"]) == 200
