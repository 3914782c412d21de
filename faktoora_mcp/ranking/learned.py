"""A re-ranking learned from people's requests: the rules' candidates, reordered by a model trained on 6,169
requests in both languages (``tools/ranking/train_reranker.py`` trains it and writes ``data/weights.json`` and
``data/weights.bin``).

The rules read a request into terms and intents and score each action; they are exact where their vocabulary
reaches and blind where it does not. The model scores each action as a sum of learned weights, one for each pair
of a request's feature (a term, an intent, "a question", ...) and an action's token (its key, its key's verb, each
word of its key), plus weights for how the rules placed it (first, second, ..., its share of the best score). A
token is a word of a key, not only a key, so that a live catalogue whose keys the training never saw still meets
what ``cancel`` or ``invoice`` learned to mean.

It reorders and never invents: the actions it returns are those the rules matched, plus any other the model gives
at least ``ADDED_SHARE`` of the probability. A test says when the weights were trained on other sources or requests
than today's (``data/provenance.json``); the installed stemmers must stem as they did then (``data``), otherwise the
rules rank alone, as before the model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from operator import itemgetter

from faktoora_mcp.ranking.analysis import fold
from faktoora_mcp.ranking.data import weights
from faktoora_mcp.ranking.structure import roles

RULE_RANKS = 5
"""Places of the rules' order the model weighs one by one; below them only the share of the best score counts."""
ADDED_SHARE = 0.1
"""The probability at which an action the rules did not match is still offered: the model is sure enough of it."""
LEVELS = 127
"""A weight is shipped as one signed byte, ``LEVELS`` steps of its feature's largest weight: 80,000 weights load
in a fraction of a millisecond (as Python floats they took 2-3 ms of a process's first search), and none moves
by more than half a step (a few thousandths)."""
WORD = re.compile(r"[a-z]+")
"""A word as typed, once folded (digits are numbers and ids: the terms say what they stand for)."""
NO_RULES = "rules:none"
"""The rule feature of an action the rules did not match."""

Features = frozenset[str]


def request_features(text: str, found: Iterable[str], intents: Iterable[str], flags: Iterable[str]) -> Features:
    """What the model knows of a request: its words as typed (folded; stopwords too, since "our" and "of Becker"
    tell whose VAT id it is), the roles its words play (``structure``: asked last, negated, a first step), its
    terms (concepts and stems), the intents the rules settled on, the rules' flags (``many``, ``looks``,
    ``question``), and a constant that lets each token carry a prior."""
    folded = fold(text)
    typed = (f"~{word}" for word in WORD.findall(folded))
    shaped = roles(folded)
    return frozenset(("bias", *typed, *shaped, *(f"t:{t}" for t in found), *(f"i:{i}" for i in intents), *flags))


def action_tokens(key: str, verb: str | None) -> tuple[str, ...]:
    """What the model knows of an action: its key, the intent of its key's verb, and each word of its key."""
    return (f"k:{key}", f"v:{verb}", *(f"w:{word}" for word in key.split("-") if word))


def rule_features(scores: Mapping[int, float], size: int) -> list[dict[str, float]]:
    """How the rules placed each of ``size`` actions, from their ``scores`` (position -> score, higher first; an
    action they did not match has none). Ties keep catalogue order, as the rules' own ranking does."""
    order = sorted(scores, key=lambda p: (-scores[p], p))
    best = scores[order[0]] if order else 1.0
    placed: list[dict[str, float]] = [{NO_RULES: 1.0} for _ in range(size)]
    for place, position in enumerate(order):
        found = {"rules:any": 1.0, "rules:share": scores[position] / best}
        if place < RULE_RANKS:
            found[f"rules:place{place}"] = 1.0
        placed[position] = found
    return placed


class Model:
    """Weights by request feature, one per token (``rows[feature][column]``), and the weights of the rule
    features."""

    __slots__ = ("columns", "rows", "rules")

    def __init__(self, tokens: Sequence[str], rows: Mapping[str, Sequence[float]], rules: Mapping[str, float]) -> None:
        self.columns = {token: n for n, token in enumerate(tokens)}
        self.rows, self.rules = rows, rules

    def for_catalogue(self, keys: Sequence[str], verbs: Sequence[str | None]) -> Scorer:
        return Scorer(self, keys, verbs)

    def row(self, feature: str) -> tuple[float, Sequence[float]] | None:
        """The weights of ``feature`` as (scale, numbers): each weight is scale times its number."""
        if isinstance(self.rows, PackedRows):
            return self.rows.scaled(feature)
        found = self.rows.get(feature)
        return None if found is None else (1.0, found)


class Scorer:
    """One model over one catalogue: each feature's weights summed per action once, when a request first has it."""

    __slots__ = ("model", "size", "summers", "sums")

    def __init__(self, model: Model, keys: Sequence[str], verbs: Sequence[str | None]) -> None:
        self.model, self.size = model, len(keys)
        known = model.columns
        self.summers = tuple(
            _summer(tuple(known[t] for t in action_tokens(key, verb) if t in known))
            for key, verb in zip(keys, verbs, strict=True)
        )
        self.sums: dict[str, tuple[float, ...]] = {}

    def scores(self, features: Features, rule_scores: Mapping[int, float]) -> list[float]:
        """The model's score of every action of the catalogue for a request."""
        found = [summed for feature in features if (summed := self._summed(feature)) is not None]
        total = [sum(column) for column in zip(*found, strict=True)] if found else [0.0] * self.size
        weights = self.model.rules
        for position, placed in enumerate(rule_features(rule_scores, self.size)):
            total[position] += sum(weights.get(name, 0.0) * value for name, value in placed.items())
        return total

    def ranked(self, features: Features, rule_scores: Mapping[int, float]) -> list[int]:
        """Positions of the actions to offer, best first: the rules' matches and the model's sure additions."""
        total = self.scores(features, rule_scores)
        top = max(total, default=0.0)
        weights = [math.exp(score - top) for score in total]
        # A request the rules find nothing for names nothing the catalogue knows: the model adds nothing to it
        floor = ADDED_SHARE * sum(weights) if rule_scores else math.inf
        offered = [p for p, weight in enumerate(weights) if p in rule_scores or weight >= floor]
        return sorted(offered, key=lambda p: (-total[p], p))

    def _summed(self, feature: str) -> tuple[float, ...] | None:
        """The weights of ``feature`` summed per action; memoised for the model's own features only, so that the
        words of many requests do not grow the memo."""
        summed = self.sums.get(feature)
        if summed is None:
            found = self.model.row(feature)
            if found is None:
                return None
            scale, row = found
            summed = self.sums[feature] = tuple(scale * add(row) for add in self.summers)
        return summed


def _summer(columns: tuple[int, ...]) -> Callable[[Sequence[float]], float]:
    """The sum of a row's ``columns`` (an action's tokens), by ``itemgetter``: a search sums ~30 rows per action."""
    if not columns:
        return lambda row: 0.0
    if len(columns) == 1:
        return itemgetter(columns[0])
    get = itemgetter(*columns)
    return lambda row: sum(get(row))


class PackedRows(Mapping[str, tuple[float, ...]]):
    """The shipped rows, each decoded from its signed bytes when a search first has its feature."""

    def __init__(self, features: Sequence[str], scales: Sequence[float], codes: bytes, width: int) -> None:
        self.at = {feature: n for n, feature in enumerate(features)}
        self.scales, self.codes, self.width = scales, memoryview(codes).cast("b"), width

    def __getitem__(self, feature: str) -> tuple[float, ...]:
        found = self.scaled(feature)
        if found is None:
            raise KeyError(feature)
        scale, codes = found
        return tuple(scale * code for code in codes)

    def scaled(self, feature: str) -> tuple[float, Sequence[int]] | None:
        """(scale, codes) of ``feature``, not decoded: a search needs only a few of each row's sums."""
        n = self.at.get(feature)
        if n is None:
            return None
        return self.scales[n], self.codes[n * self.width : (n + 1) * self.width]

    def __iter__(self) -> Iterator[str]:
        return iter(self.at)

    def __len__(self) -> int:
        return len(self.at)


@cache
def shipped() -> Model | None:
    """The trained model (``data/weights.json``), or None when it is missing (the rules rank alone)."""
    found = weights()
    if found is None:
        return None
    rows = PackedRows(found["features"], found["scales"], found["codes"], len(found["tokens"]))
    return Model(found["tokens"], rows, found["rules"])


_override: list[Model | None] = []


def model() -> Model | None:
    """The model searches use: the shipped one, unless ``use`` put another in its place."""
    return _override[-1] if _override else shipped()


def use(replacement: Model | None) -> None:
    """Rank with ``replacement`` (None: the rules alone) instead of the shipped model, until ``use_shipped``: for
    the benchmark's comparisons and the training's cross-validation."""
    _override[:] = [replacement]


def use_shipped() -> None:
    _override.clear()
