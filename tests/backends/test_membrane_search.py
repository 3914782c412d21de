"""search-actions on the live backend: Membrane's own search first, the local ranker when it finds nothing useful."""

from __future__ import annotations

from collections.abc import Sequence

from faktoora_mcp.backends.membrane import CompletedRun
from tests.fixtures.membrane_runner import ACTIONS, ScriptedCli, backend_for, ok


def membrane_search(answer: list[dict[str, object]]):
    """``action list``: ``answer`` for a search by intent, the whole catalogue without one."""

    def run(argv: Sequence[str]) -> CompletedRun:
        searching = any(arg.startswith("--intent=") for arg in argv)
        return ok({"items": answer if searching else ACTIONS})

    return run


async def test_a_german_request_membrane_finds_nothing_for_is_ranked_on_the_live_catalogue(cli: ScriptedCli) -> None:
    cli.answers["action list"] = membrane_search([])
    found = await backend_for(cli).search_actions("Neuen Kunden anlegen", limit=3)
    assert found[0].id == "act-create-cust"
    assert [argv for argv in cli.commands("action list") if "--intent=Neuen Kunden anlegen" in argv]


async def test_an_answer_unrelated_to_the_request_gives_way_to_the_local_ranking(cli: ScriptedCli) -> None:
    cli.answers["action list"] = membrane_search([a for a in ACTIONS if a["id"] == "act-list-cust"])
    found = await backend_for(cli).search_actions("Rechnung löschen", limit=2)
    assert found[0].id == "act-del-inv"


async def test_an_answer_about_the_right_thing_that_does_not_do_what_was_asked_gives_way(cli: ScriptedCli) -> None:
    overview = [a for a in ACTIONS if a["id"] in ("act-overview", "act-status")]  # invoices, but only looks
    cli.answers["action list"] = membrane_search(overview)
    found = await backend_for(cli).search_actions("Rechnung löschen", limit=3)
    assert found[0].id == "act-del-inv"


async def test_a_useful_membrane_answer_is_kept_in_membranes_order(cli: ScriptedCli) -> None:
    answer = [a for a in ACTIONS if a["id"] in ("act-list-cust", "act-create-cust")]
    cli.answers["action list"] = membrane_search(answer)
    found = await backend_for(cli).search_actions("add a new customer", limit=5)
    assert [a.id for a in found] == ["act-list-cust", "act-create-cust"]
    assert len(cli.commands("action list")) == 1  # the catalogue was not needed


async def test_when_neither_finds_anything_the_nearest_few_are_offered(cli: ScriptedCli) -> None:
    """Never an empty answer while the catalogue is not empty: search-actions says they are guesses (issue 25)."""
    cli.answers["action list"] = membrane_search([])
    guessed = await backend_for(cli).search_actions("qwxz zzyq")
    assert 1 <= len(guessed) <= 3 and {a.id for a in guessed} <= {str(a["id"]) for a in ACTIONS}
