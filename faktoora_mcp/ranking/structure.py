"""The shape of a request, for the learned re-ranking: which words stand where a request asks, which are negated,
and which name a first step or a later one.

Bags of words read "after the cancellation I need the new invoice" as much about cancelling as about invoicing, and
"don't delete Wagner, just change his phone number" as a delete. Each word is also given as the role it plays:

- ``last~``: a word of the last clause, when there are several (people tell the situation first and ask last);
- ``not~``: a word after a negation in its clause ("nicht löschen", "don't resend", "keine Gutschrift");
- ``first~`` and ``then~``: a word of a clause that names the first step ("erst", "first", "bevor", "before") or
  the later one ("dann", "then", "danach", "afterwards"), so that "first add the customer, then invoice them" can
  learn which one is asked now.

The model weighs these like any other feature: a role only counts where the training requests taught it to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

CLAUSE = re.compile(r"[,.;:!?()]+\s*|\s[-–—]+\s|\b(?:aber|but|sondern|und dann|and then|dann|then|danach|afterwards)\b")
"""Where a clause ends: punctuation, a dash between words, or a conjunction that turns to another step."""
NEGATION = re.compile(r"\b(?:not|dont|don't|never|no|nicht|nie|kein|keine|keinen|keiner|ohne|without)\b")
FIRST = re.compile(r"\b(?:first|zuerst|erst|erstmal|bevor|before|vorher)\b")
LATER = re.compile(r"^\s*(?:und dann|and then|dann|then|danach|afterwards)\b")
WORD = re.compile(r"[a-z]{3,}")
"""A word as typed, folded: three letters or more (two are articles and prepositions)."""


def roles(folded: str) -> Iterator[str]:
    """The role features of a folded request (see the module's docstring)."""
    starts = [0, *(match.start() for match in CLAUSE.finditer(folded))]
    clauses = [folded[a:b] for a, b in zip(starts, [*starts[1:], len(folded)], strict=True)]
    clauses = [clause for clause in clauses if WORD.search(clause)]
    for n, clause in enumerate(clauses):
        words = WORD.findall(clause)
        if len(clauses) > 1 and n == len(clauses) - 1:
            yield from (f"last~{word}" for word in words)
        negated = NEGATION.search(clause)
        if negated:
            yield from (f"not~{word}" for word in WORD.findall(clause[negated.end() :]))
        if FIRST.search(clause):
            yield from (f"first~{word}" for word in words)
        elif LATER.match(clause):
            yield from (f"then~{word}" for word in words)
