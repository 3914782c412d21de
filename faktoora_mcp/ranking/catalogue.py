"""A catalogue's texts as the index reads them: each action's key, name and description, other actions' keys taken
out of the description, analysed into topic terms.

Both steps are memoised by text: a catalogue whose texts were seen before (a live catalogue refreshed, an answer of
Membrane's search, which holds a few of its actions) is indexed for the cost of BM25's statistics, and only texts
never seen go through the analyser, together, in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from faktoora_mcp.ranking.analysis import SEPARATOR, Terms, split_intents, weighted, words_of_each
from faktoora_mcp.ranking.vocabulary import BROADER

BROADER_WEIGHT = 0.5
"""A broader topic a text only implies counts half a word of it."""
RECORD_FIELD_WEIGHT = 0.5
"""A field of a record that an action's description does not name, but the record's get action's does, counts
half a word: "lower the price of ..." is about update-product, whose description says only "fields"."""
RECORD_VERB = "@get"
"""The verb of the action whose description lists a record's fields (get-customer: name, address, VAT id, ...)."""
TEXTS_KEPT = 4096
"""Texts kept analysed: the sandbox's catalogue and a live one are ~130 each, Membrane's answers reuse them."""

_TOPICS: dict[str, Mapping[str, float]] = {}
_STRIPPED: dict[tuple[str, frozenset[str]], str] = {}


def catalogue_topics(catalogue: Sequence[tuple[str, str, str]], seed: bool = True) -> list[Mapping[str, float]]:
    """The topic terms of every key, then every name, then every description of ``catalogue`` (read only); with
    ``seed``, the texts ``data`` ships analysed are memoised first (once per process)."""
    if seed:
        _seeded()
    keys = frozenset(key for key, _, _ in catalogue)
    texts = [key.replace("-", " ") for key, _, _ in catalogue] + [name for _, name, _ in catalogue]
    texts += _without_other_keys([description for _, _, description in catalogue], keys)
    new = list(dict.fromkeys(text for text in texts if text not in _TOPICS))
    if new:
        _bound(_TOPICS, len(new))
        _TOPICS.update(
            zip(new, (_broadened(split_intents(weighted(found))[1]) for found in words_of_each(new)), strict=True)
        )
    return [_TOPICS[text] for text in texts]


def with_record_fields(
    keys: Sequence[str], verbs: Sequence[str | None], descriptions: Sequence[Mapping[str, float]]
) -> list[Mapping[str, float]]:
    """Each description with the fields of its record: an action on a record (update-product, delete-customer)
    is about the fields the record's get action lists, at ``RECORD_FIELD_WEIGHT``. The record is what a key says
    besides its verb, so actions share it only when their keys do (a live catalogue's keys alike)."""
    objects = [_record(key) for key in keys]
    fields = {
        obj: descriptions[n]
        for n, (obj, verb) in enumerate(zip(objects, verbs, strict=True))
        if obj and verb == RECORD_VERB
    }
    widened: list[Mapping[str, float]] = []
    for obj, verb, description in zip(objects, verbs, descriptions, strict=True):
        record = fields.get(obj) if verb != RECORD_VERB else None
        if record is None:
            widened.append(description)
            continue
        merged = dict(description)
        for term, weight in record.items():
            merged[term] = merged.get(term, 0.0) + RECORD_FIELD_WEIGHT * weight
        widened.append(merged)
    return widened


def _record(key: str) -> str:
    """What a key names besides its verb (its first word): ``update-product`` -> ``product``."""
    return key.partition("-")[2]


def _broadened(topics: Terms) -> Terms:
    """A text's topics with the broader ones its narrower ones imply: a list of unpaid invoices shows payment."""
    for narrow, broad in BROADER.items():
        if narrow in topics:
            topics[broad] = topics.get(broad, 0.0) + BROADER_WEIGHT * topics[narrow]
    return topics


@cache
def _seeded() -> None:
    """Memoise the texts the shipped tables hold analysed (the sandbox's catalogue), once per process."""
    from faktoora_mcp.ranking.data import tables

    shipped = tables()
    if shipped is not None:
        _TOPICS.update(shipped.topics)


def analysed_texts() -> Mapping[str, Mapping[str, float]]:
    """Every text memoised with its topics (what ``data`` ships for the sandbox's catalogue)."""
    return _TOPICS


def forget() -> None:
    """Drop every memoised text: the next catalogue is analysed from scratch, the shipped ones too."""
    _seeded()  # as if seeded: a benchmark from scratch must not find them memoised again
    _TOPICS.clear()
    _STRIPPED.clear()


def _bound(memo: dict[object, object], adding: int) -> None:
    if len(memo) + adding > TEXTS_KEPT:
        memo.clear()  # a bound, not an eviction policy: the catalogues of one process fit many times over


def _without_other_keys(texts: Sequence[str], keys: frozenset[str]) -> list[str]:
    """Descriptions without the catalogue's action keys in them ("use list-customers instead" is not about
    listing), each computed once per catalogue of keys."""
    new = list(dict.fromkeys(text for text in texts if (text, keys) not in _STRIPPED))
    if new:
        _bound(_STRIPPED, len(new))
        _STRIPPED.update(((text, keys), stripped) for text, stripped in zip(new, _strip(new, keys), strict=True))
    return [_STRIPPED[text, keys] for text in texts]


def _strip(texts: Sequence[str], keys: frozenset[str]) -> list[str]:
    """``str.find`` of each key the texts hold, longest first so that no key eats part of a longer one: a few
    scans in C, where a key pattern tried at every word cost a tenth of a cold index."""
    joined = SEPARATOR.join(texts)
    for key in sorted(keys, key=len, reverse=True):
        if key and key in joined:  # an empty key (a live action may lack one) is no word to take out
            joined = _drop_key(joined, key)
    return joined.split(SEPARATOR)


def _drop_key(text: str, key: str) -> str:
    """``text`` with ``key`` blanked where it stands as a whole hyphenated word (not in ``budget-projects``)."""
    if not key:
        return text  # "" is found everywhere: looking for it would never end
    pieces, kept, at = [], 0, text.find(key)
    while at >= 0:
        end = at + len(key)
        if not _in_word(text, at - 1) and not _in_word(text, end):
            pieces += [text[kept:at], " "]
            kept = end
        at = text.find(key, end)
    return "".join(pieces) + text[kept:] if pieces else text


def _in_word(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "-")
