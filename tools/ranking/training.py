"""Training the re-ranker of ``learned``: a softmax over a catalogue's actions, fitted with AdaGrad and an L2
penalty on requests labelled with the keys that answer them. Pure Python and seeded, so that the same requests and
sources give the same weights; the 6,169 training requests take about a minute.

The loss of a request is minus the log of the probability the model gives its right answers together (a request
that two actions answer equally well rewards either). Features seen in fewer than ``MIN_COUNT`` requests are left
out: a name typed once teaches nothing about the next request.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from faktoora_mcp.ranking import Action
from faktoora_mcp.ranking.learned import LEVELS, Features, Model, action_tokens, rule_features

EPOCHS = 12
"""Passes over the requests: cross-validation on the first training sets levelled off from about ten."""
RATE = 0.3
"""AdaGrad's step: large, since each weight's own history shrinks it."""
PENALTY = 3e-2
"""L2 penalty per weight and step. Leave-one-set-out cross-validation over the ten training sets, top-1/top-3:
1e-3 92.4/98.2, 3e-3 92.3/98.0, 1e-2 92.2/97.6, 3e-2 93.3/99.0, 1e-1 93.0/99.2 (a plateau; the middle of it)."""
MIN_COUNT = 5
"""Requests a feature must occur in to get weights: a name typed once teaches nothing. 10 was no better in
cross-validation (92.6/98.5 at this penalty)."""
DIGITS = 4
"""Decimals a rule feature's weight keeps (the others are shipped as bytes: ``learned.LEVELS``)."""
SEED = 20261202
"""The order requests are shuffled in, fixed so that training again gives the same weights."""


def _step(row: list[float], square: list[float], columns: Sequence[int], gradient: float) -> None:
    """One AdaGrad step with the L2 penalty for the weights of ``columns`` in one feature's ``row``."""
    for c in columns:
        g = gradient + PENALTY * row[c]
        square[c] += g * g
        row[c] -= RATE * g / math.sqrt(square[c] + 1e-8)


@dataclass(frozen=True, slots=True)
class Example:
    features: Features
    rules: list[dict[str, float]]
    answers: frozenset[int]


def examples(cases: Sequence[tuple[str, Sequence[str]]], infos: Sequence[Action]) -> list[Example]:
    """(request, answer keys) pairs as the model sees them over the catalogue ``infos``. A request answered only
    by actions the catalogue lacks (written for a catalogue to come, or one that dropped an action) is left out."""
    from faktoora_mcp.ranking import features_of

    positions = {info.key: n for n, info in enumerate(infos)}
    found = []
    for text, answers in cases:
        if not any(a in positions for a in answers):
            continue
        answers = [a for a in answers if a in positions]
        features, scores = features_of(text, infos)
        found.append(Example(features, rule_features(scores, len(infos)), frozenset(positions[a] for a in answers)))
    return found


def train(data: Sequence[Example], infos: Sequence[Action], *, epochs: int = EPOCHS, seed: int = SEED) -> Model:
    """A model fitted to ``data`` over the catalogue ``infos``."""
    from faktoora_mcp.ranking import verb_of

    counts = Counter(feature for example in data for feature in example.features)
    kept = {feature for feature, n in counts.items() if n >= MIN_COUNT}
    tokens = sorted({t for info in infos for t in action_tokens(info.key, verb_of(info.key))})
    column = {token: n for n, token in enumerate(tokens)}
    columns = [[column[t] for t in action_tokens(info.key, verb_of(info.key))] for info in infos]
    rows = {feature: [0.0] * len(tokens) for feature in sorted(kept)}
    squares = {feature: [0.0] * len(tokens) for feature in rows}  # AdaGrad's sum of squared gradients, per weight
    rules: dict[str, float] = {}
    rule_squares: dict[str, float] = {}
    order = list(range(len(data)))
    shuffle = random.Random(seed).shuffle  # noqa: S311 - an order of requests, not a secret
    for _ in range(epochs):
        shuffle(order)
        for n in order:
            example = data[n]
            features = [(rows[f], squares[f]) for f in sorted(example.features & kept)]
            scores = [
                sum(row[c] for row, _ in features for c in cols) + sum(rules.get(k, 0.0) * v for k, v in placed.items())
                for cols, placed in zip(columns, example.rules, strict=True)
            ]
            top = max(scores)
            exp = [math.exp(s - top) for s in scores]
            total = sum(exp)
            right = sum(exp[a] for a in example.answers) / total
            for position, weight in enumerate(exp):
                share = weight / total
                gradient = share - (share / right if position in example.answers else 0.0)
                if abs(gradient) < 1e-4:
                    continue
                for row, square in features:
                    _step(row, square, columns[position], gradient)
                for name, value in example.rules[position].items():
                    g = gradient * value + PENALTY * rules.get(name, 0.0)
                    rule_squares[name] = rule_squares.get(name, 0.0) + g * g
                    rules[name] = rules.get(name, 0.0) - RATE * g / math.sqrt(rule_squares[name] + 1e-8)
    return Model(
        tokens,
        {feature: shipped_row(row) for feature, row in rows.items() if any(row)},
        {name: round(w, DIGITS) for name, w in rules.items()},
    )


def quantised(row: Sequence[float]) -> tuple[float, tuple[int, ...]]:
    """``row`` as (scale, codes): each weight is ``scale * code`` after shipping, code in -LEVELS..LEVELS."""
    largest = max(map(abs, row), default=0.0)
    scale = largest / LEVELS
    return scale, tuple(round(w / scale) if scale else 0 for w in row)


def shipped_row(row: Sequence[float]) -> tuple[float, ...]:
    """``row`` as it reads after shipping: training returns these, so that cross-validation scores what ships."""
    scale, codes = quantised(row)
    return tuple(scale * code for code in codes)


def as_data(model: Model) -> tuple[dict[str, object], bytes]:
    """``model`` as ``data/weights.json`` and ``data/weights.bin`` hold it: the tokens, rule weights, features and
    each feature's scale; and each row's weights as signed bytes, row after row in the features' order."""
    tokens = sorted(model.columns, key=model.columns.__getitem__)
    features = sorted(model.rows)
    packed = [quantised(model.rows[feature]) for feature in features]
    codes = bytes(code & 0xFF for _, row in packed for code in row)  # two's complement, read back as signed
    return {
        "tokens": tokens,
        "rules": dict(sorted(model.rules.items())),
        "features": features,
        "scales": [scale for scale, _ in packed],
    }, codes
