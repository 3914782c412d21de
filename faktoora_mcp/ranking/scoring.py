"""The rules' half of the ranking: a catalogue's index (BM25F over each action's key, name and description) and
the weighing of a request's intents against each action's verb (see the package's docstring)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Iterator, Sequence
from functools import lru_cache

from faktoora_mcp.ranking import learned
from faktoora_mcp.ranking.analysis import (
    MANY,
    ONE_RECORD,
    STATED,
    Terms,
    concepts,
    fold,
    forget_words,
    is_intent,
    split_intents,
    terms,
)
from faktoora_mcp.ranking.catalogue import catalogue_topics, forget, with_record_fields
from faktoora_mcp.ranking.vocabulary import (
    ABSORBS,
    DEFAULT_SIDE,
    DEFAULT_SIDE_WEIGHT,
    IMPLIED_INTENT,
    INTENT_VERBS,
    PROCEDURE,
    QUESTION_WRITE,
    READ_INTENTS,
)

FIELD_WEIGHTS = (3.0, 1.5, 1.0)
"""Key, name, description: a word in the key says more about an action than the same word in its description."""
K1, B = 1.2, 0.75
"""BM25's usual term-saturation and length-normalisation constants."""
INTENT_GAIN = 1.5
"""How much an action whose verb answers the request's intent outweighs one about the same topics that does not."""
LOOKS = frozenset({"@list", "@show", "@find", "@ask"})
"""Read intents that, for one record named by its id, mean "get it"."""
MANY_GET = 0.5
"""The share of its fit an action returning one record keeps when the request names its things in the plural."""
MISMATCH = 0.5
"""The share of its score a reading action keeps when the request asks for a change (and vice versa)."""
OTHER_SIDE = 0.5
"""The share an incoming-invoice look keeps when the request is about the account's own invoices."""
INDEXES_KEPT = 16
"""Catalogues whose index is kept: the sandbox's, a live one per connection, and Membrane's recent answers."""
GUESSES = 3
"""How many actions a request that matches none is offered: a few guesses, which ``answers`` says are guesses."""
VERBS_KEPT = 1024
"""Action keys whose verb is kept: a few catalogues' worth."""


class _Field:
    """One field of every action, analysed, with BM25's statistics for that field alone. (Plain classes here and
    in ``Request``, not dataclasses: making a slotted dataclass costs ~1 ms of the first search's import.)"""

    __slots__ = ("average", "documents", "idf", "lengths", "weight")

    def __init__(self, documents: tuple[Terms, ...], weight: float, idf: dict[str, float]) -> None:
        self.weight, self.documents, self.idf = weight, documents, idf
        self.lengths = tuple(sum(d.values()) for d in documents)
        self.average = max(1.0, sum(self.lengths) / max(1, len(documents)))

    def score(self, index: int, query: Terms) -> float:
        document, norm = self.documents[index], K1 * (1 - B + B * self.lengths[index] / self.average)
        total = 0.0
        for term, count in query.items():
            tf = document.get(term)
            if tf:
                total += count * self.idf[term] * tf * (K1 + 1) / (tf + norm)
        return self.weight * total


class Index:
    """A catalogue ready to search: each action's verb, and its topic terms by field."""

    def __init__(self, catalogue: Sequence[tuple[str, str, str]]) -> None:
        # A live action may come without a key ("Delete Invoice"): its name's first word is its verb then
        self.verbs = tuple(_verb(key or name) for key, name, _ in catalogue)
        self.keys = tuple(key for key, _, _ in catalogue)
        self.positions = {action: n for n, action in enumerate(catalogue)}
        self.names = tuple(name for _, name, _ in catalogue)
        self.scorer: learned.Scorer | None = None  # made for the model in use at the first search
        analysed = catalogue_topics(catalogue)
        size = len(catalogue)
        fields = [tuple(analysed[n * size : (n + 1) * size]) for n in range(len(FIELD_WEIGHTS))]
        fields[-1] = tuple(with_record_fields([key for key, _, _ in catalogue], self.verbs, fields[-1]))
        idf = _idf([set().union(*parts) for parts in zip(*fields, strict=True)])
        self.fields = tuple(_Field(f, weight, idf) for f, weight in zip(fields, FIELD_WEIGHTS, strict=True))

    def ranked(self, intent: str) -> list[int]:
        """Positions of the matching actions, best first (ties keep catalogue order); when none matches, the
        ``GUESSES`` nearest (``guessed``): a catalogue that is not empty never answers with nothing."""
        request = Request.of(intent, self.fields[0].idf)
        scores = self.scored(request)
        model = learned.model()
        if model is None:
            found = sorted(scores, key=lambda p: (-scores[p], p))
        else:
            found = self._scorer(model).ranked(request.features(), scores)
        return found or self.guessed(request)

    def guessed(self, request: Request) -> list[int]:
        """The ``GUESSES`` actions nearest a request no action matches: by the learned model's scores (the words it
        learned, whatever the vocabulary knows) when there is one, and by how alike the request and each action's
        key and name read (``rapidfuzz``), which also breaks the model's ties."""
        if not self.keys:
            return []
        from rapidfuzz.fuzz import token_set_ratio  # on first need: most searches match something

        typed = fold(request.text)
        texts = [fold(f"{key} {name}") for key, name in zip(self.keys, self.names, strict=True)]
        alike = [token_set_ratio(typed, text) for text in texts]
        model = learned.model()
        learnt = self._scorer(model).scores(request.features(), {}) if model else [0.0] * len(texts)
        order = sorted(range(len(texts)), key=lambda p: (-learnt[p], -alike[p], p))
        return order[:GUESSES]

    def _scorer(self, model: learned.Model) -> learned.Scorer:
        if self.scorer is None or self.scorer.model is not model:
            self.scorer = model.for_catalogue(self.keys, self.verbs)
        return self.scorer

    def scored(self, request: Request) -> dict[int, float]:
        """The rules' score of each action that matches ``request`` (position -> score, higher is better)."""
        scored = {}
        for position, verb, topic, fit in self._matches(request):
            factor = 1 + INTENT_GAIN * fit
            if (
                (request.typed and fit <= 0 and verb is not None)
                or (request.many and verb == "@get")
                or (request.looks and verb not in READ_INTENTS and verb is not None)
            ):
                # A look when a change was asked for, a change when a look was, another change; or one record when
                # many were named ("which invoices were rejected"). A request that names one record but says
                # nothing to do ("F45NNA1 wurde heute überwiesen") is likeliest a get, but damps no other verb.
                factor *= MISMATCH
            if (fit < 1 or verb in READ_INTENTS) and request.other_side & self.fields[0].documents[position].keys():
                factor *= OTHER_SIDE
            scored[position] = topic * factor
        if not scored and request.typed:  # "Neukunde Becker anlegen": no topic known, but the verb is
            scored = {n: fit for n, verb in enumerate(self.verbs) if (fit := _fit(request.intents, verb)) > 0}
        return scored

    def answered(self, intent: str, among: Container[int] | None = None) -> bool:
        """Whether an action (of the positions ``among``, else any) is about what ``intent`` names and, when it
        says what should happen, does that (or has a key whose verb cannot be read: then Membrane's judgement
        stands)."""
        request = Request.of(intent, self.fields[0].idf)
        return any(
            fit > 0 or not request.typed or verb is None
            for position, verb, _, fit in self._matches(request)
            if among is None or position in among
        )

    def _matches(self, request: Request) -> Iterator[tuple[int, str | None, float, float]]:
        """(position, verb, topic score, fit of the verb) of each action that shares a topic with ``request``."""
        for position, verb in enumerate(self.verbs):
            topic = sum(field.score(position, request.topics) for field in self.fields) if request.topics else 1.0
            fit = _fit(request.intents, verb)
            if request.many and verb == "@get":
                fit *= MANY_GET
            if topic > 0 and (request.topics or fit > 0):
                yield position, verb, topic, fit


class Request:
    """What a request is about (``topics``), what it wants done (``intents``, each with its weight), the side of
    the business it is not about, whether it said what to do (``typed``), whether it asks for many records, and
    whether it ``looks``: says nothing to do but names things in the plural or asks ("anything overdue?")."""

    __slots__ = ("found", "intents", "looks", "many", "other_side", "question", "text", "topics", "typed")

    def __init__(
        self, topics: Terms, intents: dict[str, float], other_side: frozenset[str], typed: bool, many: bool, looks: bool
    ) -> None:
        self.topics, self.intents, self.other_side = topics, intents, other_side
        self.typed, self.many, self.looks = typed, many, looks
        self.text = ""
        self.found: tuple[str, ...] = ()  # every term the analysis found, intents and stated values included
        self.question = False

    def features(self) -> learned.Features:
        """The request as the learned re-ranking sees it."""
        flags = [name for name in ("many", "looks", "question", "typed") if getattr(self, name)]
        return learned.request_features(self.text, self.found, self.intents, flags)

    @classmethod
    def of(cls, intent: str, known: Container[str] = ()) -> Request:
        found = terms(intent, known)
        intents, topics = split_intents(found)
        other_side = _default_side(topics)
        recordable = {i[len(STATED) :] for i in intents if i.startswith(STATED)}
        intents = {i for i in intents if not i.startswith(STATED)}
        one_record = ONE_RECORD in intents or "id" in topics
        many = MANY in intents and not one_record
        intents -= {ONE_RECORD, MANY, *(absorbed for absorbing, absorbed in ABSORBS.items() if absorbing in intents)}
        typed = bool(intents - {PROCEDURE})
        question = PROCEDURE not in intents and ("?" in intent or "@ask" in intents)
        intents.discard(PROCEDURE)
        stated = {i for i in intents if not question or i in READ_INTENTS}  # in a question a write describes
        if one_record and not intents and not question:  # "customer paid 2026/08/00012 in full": record it
            intents = recordable
        if one_record and stated <= READ_INTENTS:
            intents = {"@get" if i in LOOKS else i for i in intents} or {"@get"}
        weights = {i: QUESTION_WRITE if question and i not in READ_INTENTS else 1.0 for i in intents}
        looks = not typed and (many or "?" in intent)
        request = cls(topics, weights, other_side, typed, many and "@get" not in weights, looks)
        request.text, request.found, request.question = intent, tuple(found), question
        return request


def _default_side(topics: Terms) -> frozenset[str]:
    """Adds the implied side of an invoice to ``topics``; returns the side the request is then not about."""
    concept, implied, opposite = DEFAULT_SIDE
    if concept not in topics or (opposite | {implied}) & topics.keys():
        return frozenset()
    topics[implied] = topics.get(implied, 0.0) + DEFAULT_SIDE_WEIGHT
    return opposite


def _idf(documents: Sequence[set[str]]) -> dict[str, float]:
    """Inverse document frequency over whole actions (all fields together, as BM25F has it)."""
    frequency = Counter(term for document in documents for term in document)
    total = len(documents)
    return {term: math.log(1 + (total - n + 0.5) / (n + 0.5)) for term, n in frequency.items()}


def _fit(intents: dict[str, float], verb: str | None) -> float:
    """How well an action with ``verb`` does what the request asks (0..1), each intent at its weight."""
    if verb is None:
        return 0.0
    if not intents:
        return IMPLIED_INTENT.get(verb, 0.0)
    return max(INTENT_VERBS.get(intent, {}).get(verb, 0.0) * weight for intent, weight in intents.items())


@lru_cache(maxsize=VERBS_KEPT)
def _verb(key: str) -> str | None:
    """The intent of the first word of an action key (or name) that is a verb: ``list`` -> ``@list``, ``remove``
    -> ``@delete``; a live key may put it last (``invoice-overview``)."""
    for word in fold(key).replace(" ", "-").split("-"):
        found = [c for c in concepts(word) if is_intent(c)] if word else []
        if found:
            return found[0]
    return None


@lru_cache(maxsize=INDEXES_KEPT)
def index(catalogue: tuple[tuple[str, str, str], ...]) -> Index:
    """The index of a catalogue of (key, name, description), built once while the catalogue is unchanged."""
    built = Index(catalogue)
    _RECENT[:] = [*_RECENT[-(INDEXES_KEPT - 1) :], built]
    return built


_RECENT: list[Index] = []
"""The indexes built last, newest last: where ``answered`` finds the catalogue a search's answer came from."""


def answered(intent: str, actions: tuple[tuple[str, str, str], ...]) -> bool:
    """Whether one of ``actions`` answers ``intent``, judged by the index of a larger catalogue that holds them
    all when one was built (a search's answer comes from one): an index of the answer alone analysed its texts
    anew, with other actions' keys left in the descriptions, which cost each search-actions call 5-10 ms."""
    for larger in reversed(_RECENT):
        if len(larger.positions) > len(actions) and all(action in larger.positions for action in actions):
            return larger.answered(intent, {larger.positions[action] for action in actions})
    return index(actions).answered(intent)


def verb_of(key: str) -> str | None:
    """The intent of an action key's verb, as the ranking reads it."""
    return _verb(key)


def clear_caches(*, texts: bool = True) -> None:
    """Forget every index and, unless ``texts`` is false, every analysed text and word, so that the next search
    is a cold one (for benchmarks): over a catalogue never seen, or over one whose texts were analysed before."""
    index.cache_clear()
    _RECENT.clear()
    if texts:
        _verb.cache_clear()
        forget()
        forget_words()
