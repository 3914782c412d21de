"""The text mirror: whole records only, a note on how to read the rest, and no work past the limit."""

from __future__ import annotations

import json

import pytest

from faktoora_mcp.text_mirror import compact_json, text_mirror


def test_an_answer_within_the_limit_is_its_compact_json():
    output = {"data": [{"id": 1}, {"id": 2}], "meta": {"page": 1, "perPage": 2, "totalItems": 2}}
    assert text_mirror(output, 1000, tool="list-x", arguments={}) == compact_json(output)


class Probe:
    """Counts how often the serialiser had to turn it into text."""

    seen = 0

    def __str__(self) -> str:
        Probe.seen += 1
        return "probe"


def test_records_after_the_limit_are_never_serialised():
    output = {"data": [{"text": "x" * 100}] * 50 + [{"probe": Probe()}], "meta": {"page": 1, "perPage": 51}}
    text = text_mirror(output, 1000, tool="list-x", arguments={})
    assert Probe.seen == 0
    assert "shows 8 of the 51 data records" in text


def test_an_answer_without_records_is_cut_between_fields_and_names_what_is_left_out():
    output = {"faktooraId": "F1", "lines": "y" * 3000, "total": 119}
    shown, note = text_mirror(output, 1000, tool="get-x", arguments={}).split("\n")
    assert json.loads(shown) == {"faktooraId": "F1"}  # "lines" did not fit, so "total" is not shown either
    assert "shows 1 of the answer's 3 fields" in note and "left out: lines, total" in note


def test_a_list_other_than_data_is_cut_at_its_records_and_suggests_narrowing():
    output = {"actions": [{"key": f"a-{i}", "description": "z" * 80} for i in range(40)], "count": 40}
    shown, note = text_mirror(output, 1000, tool="search-actions", arguments={"intent": "x"}).split("\n")
    held = json.loads(shown)
    assert held["count"] == 40 and 0 < len(held["actions"]) < 40
    assert f"shows {len(held['actions'])} of the 40 actions records" in note and "Narrow the request" in note


def test_a_collected_answer_names_its_next_page_too():
    records = [{"id": i, "pad": "p" * 90} for i in range(100)]
    output = {"data": records, "meta": {"page": 1, "perPage": 100, "totalItems": 900}, "nextPage": 2, "truncated": True}
    note = text_mirror(output, 2000, tool="list-x", arguments={"all": True}).split("\n")[1]
    assert "(900 in all)" in note and "nextPage is 2" in note and '"all":true' in note


def test_a_cut_live_page_names_the_cursor_of_the_page_after_it():
    output = {"data": [{"id": i, "pad": "q" * 90} for i in range(40)], "meta": {"nextCursor": "c-2"}}
    note = text_mirror(output, 1000, tool="list-x", arguments={}).split("\n")[1]
    assert 'The page after this one: cursor "c-2".' in note and "Narrow the request" in note


@pytest.mark.parametrize("later", [10, 400], ids=["as-sampled", "larger-than-sampled"])
def test_a_cut_text_holds_as_many_whole_records_as_fit(later):
    records = [{"id": i, "pad": "s" * (10 if i < 5 else later)} for i in range(600)]  # sampled: the first five
    output = {"data": records, "meta": {"page": 1, "perPage": 600, "totalItems": 600}}
    shown, note = text_mirror(output, 3000, tool="list-x", arguments={}).split("\n")
    held = json.loads(shown)["data"]
    fits = max(n for n in range(601) if len(compact_json({**output, "data": records[:n]})) <= 3000)
    assert held == records[:fits] and f"shows {fits} of the 600 data records" in note
