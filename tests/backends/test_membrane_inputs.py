"""keyword, the one name every list tool takes, reaches a live action whatever it calls the search."""

from __future__ import annotations

from faktoora_mcp.backends.membrane.answers.inputs import live_input


def test_keyword_goes_to_a_live_action_that_takes_a_list_of_keywords_as_one_term():
    schema = {"properties": {"keywords": {"type": "array"}, "limit": {"type": "integer"}}}
    sent, notes = live_input({"keyword": "Müller", "perPage": 5}, schema, "list-customers")
    assert sent == {"keywords": ["Müller"], "limit": 5} and notes == []


def test_keyword_and_keywords_together_all_reach_the_live_list():
    schema = {"properties": {"keywords": {"type": "array"}}}
    for arguments in ({"keywords": ["Berlin"], "keyword": "Müller"}, {"keyword": "Müller", "keywords": ["Berlin"]}):
        sent, _ = live_input(arguments, schema, "list-customers")
        assert sorted(sent["keywords"]) == ["Berlin", "Müller"]
