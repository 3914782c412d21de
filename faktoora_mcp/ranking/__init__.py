"""Search a catalogue of actions by what a person asks for, in German or English: ``rank(intent, actions, limit)``.

How a request becomes a ranking. The request is folded (case, Umlauts, accents), split into words, and each word is
looked up in the hand-written bilingual vocabulary (``vocabulary``; ``text``-level help from ``inflection``,
``separable`` verbs, compound splitting and ``spelling``, which finds a mistyped word among the vocabulary's own
words with ``rapidfuzz``). That gives *topics* (what it is about: invoice, customer, overdue, ...) and *intents*
(what should happen: create, list, change, cancel, ...), each weighted by where it stands (``analysis``). Every
action of the catalogue is indexed once the same way from its key, name and description (``catalogue``), and
``scoring`` scores the request's topics against each action with BM25 per field, then weighs the verb of each
action's key against the request's intents, so that "change the customer's email" puts ``update-customer`` above
``list-customers``. A small learned model (``learned``, weights in ``data/weights.json``) then reorders the
candidates using the words the vocabulary does not cover. When no action matches, the best few by the model (or
by fuzzy similarity of the texts) are returned and ``confident`` says the ranking is a guess: a non-empty
catalogue never gives an empty answer.

The package takes anything with a ``key``, ``name`` and ``description`` (``Action``); it knows no backend. The
shipped data is made by ``tools/ranking/`` (outside the runtime package) and checked by one test that recomputes
``data/provenance.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from faktoora_mcp.ranking import learned, spelling
from faktoora_mcp.ranking.scoring import Index, Request, answered, clear_caches, index, verb_of

__all__ = ["Action", "answers", "clear_caches", "features_of", "rank", "verb_of", "warm"]

WARM_UP_REQUEST = "Rechnung an den Kunden senden"
"""A request that reads the data, builds the index and decodes the weights a first search needs."""


class Action(Protocol):
    """What the ranking reads of an action: its key (may be empty on a live catalogue), name and description."""

    @property
    def key(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...


A = TypeVar("A", bound=Action)


def rank(intent: str, actions: Sequence[A], limit: int) -> list[A]:
    """``actions`` ordered by how well each answers ``intent``, at most ``limit``; an empty intent keeps them all
    in catalogue order. Never empty while ``actions`` is not: a request no action matches gets the few nearest,
    and ``answers`` says they are guesses."""
    if not intent.strip():
        return list(actions[:limit])
    return [actions[position] for position in _index_of(actions).ranked(intent)[:limit]]


def answers(intent: str, actions: Sequence[Action]) -> bool:
    """Whether one of ``actions`` answers ``intent``: is about what it names and, when the request says what
    should happen, does that (a list of invoices does not answer "Rechnung stornieren"). An empty intent asks for
    anything."""
    if not intent.strip():
        return bool(actions)
    return bool(actions) and answered(intent, _catalogue_of(actions))


def warm(actions: Sequence[Action]) -> None:
    """Do now what the first search of a process would: read the shipped data, index ``actions``, and import the
    fuzzy matching a mistyped word needs. A server calls it once the host has the tools (``faktoora_mcp.warmup``),
    so that its first search costs what later ones do."""
    if actions:
        rank(WARM_UP_REQUEST, actions, 1)
    spelling.osa_distance()


def _index_of(actions: Sequence[Action]) -> Index:
    return index(_catalogue_of(actions))


def _catalogue_of(actions: Sequence[Action]) -> tuple[tuple[str, str, str], ...]:
    return tuple((action.key, action.name, action.description) for action in actions)


def features_of(intent: str, actions: Sequence[Action]) -> tuple[learned.Features, dict[int, float]]:
    """What the learned re-ranking sees of ``intent`` over ``actions``: the request's features and the rules'
    scores (for training it on the same features it ranks with)."""
    found = _index_of(actions)
    request = Request.of(intent, found.fields[0].idf)
    return request.features(), found.scored(request)
