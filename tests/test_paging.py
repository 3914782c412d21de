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


async def test_without_all_one_page_is_fetched(make_app, client_for):
    backend = HandlerBackend(paged_products, name="paged")
    async with client_for(make_app(backend)) as client:
        result = await client.call_tool("list-products", {"page": 2})
    assert len(result.structured_content["data"]) == 25 and len(backend.calls) == 1
    assert "truncated" not in result.structured_content


async def test_a_text_mirror_over_the_limit_is_cut_with_a_note_while_structured_content_stays_whole(
    make_app, client_for
):
    backend = HandlerBackend(paged_products, name="paged")
    async with client_for(make_app(backend, max_text_chars=2000)) as client:
        result = await client.call_tool("list-products", {"perPage": 200})
    text = result.content[0].text
    assert len(text) < 2400 and "[cut: this answer is" in text and "smaller perPage or the next page" in text
    assert len(result.structured_content["data"]) == 200
    assert len(json.dumps(result.structured_content)) > 2000
