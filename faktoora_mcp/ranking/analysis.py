"""Text to the terms search compares, the same way for a request and for an action's key, name and description.

The steps: names of things a person pastes (invoice numbers, Faktoora ids, uuids, e-mail addresses, URLs) become
the word for what they are; camelCase is split; the text is folded (``ä`` -> ``ae``, ``ß`` -> ``ss``, accents
dropped) so that ``Überfällig`` and ``ueberfaellig`` are one word; phrases of several words become one; each word
is then looked up in the bilingual vocabulary, directly, by its German or English Snowball stem, or as a German
compound split into known parts (``Lieferanten|rechnung``). A word the vocabulary does not know stays as its
English stem, so that it can still meet the same word in a description.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Mapping, Sequence
from functools import cache, lru_cache
from itertools import accumulate

from faktoora_mcp.ranking.inflection import infinitives
from faktoora_mcp.ranking.lexicon import MIN_PART, is_intent, lexicon
from faktoora_mcp.ranking.separable import rejoined
from faktoora_mcp.ranking.spelling import Speller
from faktoora_mcp.ranking.stemming import WORD_MEMO, english, german
from faktoora_mcp.ranking.vocabulary import (
    DENOMINAL_VERBS,
    LEAD_INS,
    NEGATIONS,
    NOUN_COMPANIONS,
    PHRASES,
    PLURALS,
    QUANTIFIERS,
    READ_INTENTS,
    RECORDS,
    REQUEST_PHRASES,
    STOPWORDS,
)

MIN_TAIL = 4
"""The shortest unknown rest after a known first part: "Kunden|daten" is about customers, "Bill|y" is a name."""
MIN_LAST_PART = 5
"""The shortest known last part that makes an unknown word a compound of it: shorter ones ("bild", "post", "rate")
end too many words and names by chance."""
MAX_COMPOUND = 40
"""Longer words are not split: no compound people type is longer, and splitting costs the square of the length."""
CLAUSE_END = re.compile(r"[,;.!?]+(?=\s|$)")
"""Punctuation that ends a clause (not the dot of "Hauptstr.5" or "v1.2")."""
CLAUSE_BREAK = "clausebreak"
"""Stands for a clause's end among a request's words, for the negation, and is then dropped."""
NEGATION_REACH = 2
"""Words after a negation that it may deny: "nicht senden", "not yet send" (stopwords are already gone)."""

ENTITY = "entity"
"""Marks a word that stands for something pasted; it counts ``ENTITY_WEIGHT`` of a word the person typed."""
ENTITY_WEIGHT = 0.5
"""A pasted uuid says "one record" more than it says "the action named by-id": half a typed word."""
ENTITIES = (
    ("-", r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", "id"),
    ("F", r"\bF(?=[A-Z]*[0-9])[A-Z0-9]{6}\b", "id invoice"),  # a faktooraId such as F45NNA1 names an invoice
    ("IMP", r"\bIMP[0-9]{6}\b", "id incoming invoice"),  # an import id names a received invoice
    ("/ -", r"\b[0-9]{4}[/-][0-9]{1,2}[/-][0-9]{2,}\b|\b[A-Z]{2,4}-[0-9]{4}-[0-9]{2,}\b", "number invoice"),
    ("://", r"\bhttps?://\S+", "url"),
    ("@", r"[\w.+-]+@[\w-]+\.[\w.-]+", "email"),
    ("our Our unser Unser", r"\b(?:[Oo]ur|[Uu]nser(?:e|en|em|er)?)\b", "account"),  # the account's own data
    ("bei Bei", r"\b[Bb]ei (?:mir|uns)\b", "account"),  # the person's own data: "IBAN, die bei mir hinterlegt ist"
    # A name in quotes is a name: 'Fachbuch Steuerrecht' is a book, not about tax; a quoted word ('paid') stays
    ("' \" „ “ ‚ ‘", r"(?<!\w)['\"„“‚‘][A-ZÄÖÜ0-9][\w.&+-]*(?:\s+[A-ZÄÖÜ0-9][\w.&+-]*)*['\"“”‘’](?!\w)", ""),
    ("%", r"\b[0-9]+(?:[.,][0-9]+)?\s?%", "rate"),  # a percentage is a rate: "VAT to 7%", "19 % MwSt"
)
"""What people paste into a request, and the word each stands for: ``2026/03/00043`` is an invoice number."""
RECORD_ENTITIES = frozenset({"id", "number"})
"""Pasted names of one record: a request holding one asks about that record (``ONE_RECORD``)."""
MANY = "@many"
"""Not an intent either: the mark of a request that names things in the plural ("which invoices ...")."""
STATED = "@stated"
"""Not an intent either: marks, before an intent, a participle that a statement about one record would record."""
ONE_RECORD = "@one"
"""Not an intent of its own: the mark of a request about one named record, which turns a look into a get."""
CAMEL = re.compile(r"([a-z]{2})([A-Z])")
"""A capital after two small letters splits a word (invoiceCreate, faktooraId); after one it is an abbreviation's
(MwSt, IdNr, eMail), which stays one word."""
FOLDS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("’", "'"), *(
    (accented, plain) for plain, group in (("a", "àáâ"), ("e", "èéêë"), ("i", "íîï"), ("o", "óôò"), ("u", "úûù"),
    ("c", "ç"), ("n", "ñ")) for accented in group
))  # fmt: skip
"""German spellings first (``ä`` is ``ae`` whichever way it was typed), then the accents of names (``é``)."""
WORD = re.compile(r"[a-z0-9]{2,}")
"""A word of two letters or more: single letters ("a", "s" of "don't") say nothing."""


class _Rewrite:
    """A pattern replaced by words, tried only on a text that holds one of its ``needles``. (A plain class: a
    slotted dataclass costs ~1 ms of the first search's import.)"""

    __slots__ = ("flags", "needles", "regex", "words")

    def __init__(self, needles: tuple[str, ...], regex: str, flags: int, words: str) -> None:
        self.needles, self.regex, self.flags, self.words = needles, regex, flags, words

    def apply(self, text: str) -> str:
        return self.sub(text) if self.found_in(text) else text

    def sub(self, text: str) -> str:
        return _compiled(self.regex, self.flags).sub(self.words, text)

    def found_in(self, text: str) -> bool:
        return any(needle in text for needle in self.needles)

    def parts_holding(self, joined: str, starts: Sequence[int]) -> set[int]:
        """Which of the texts that start at ``starts`` in ``joined`` hold a needle: a few ``str.find`` calls
        instead of a test of every text."""
        found: set[int] = set()
        for needle in self.needles:
            at = joined.find(needle)
            while at >= 0:
                found.add(bisect_right(starts, at) - 1)
                at = joined.find(needle, at + len(needle))
        return found


@cache
def _compiled(regex: str, flags: int) -> re.Pattern[str]:
    # Compiled on first use: most phrases never occur, and compiling all 27 patterns cost ~5 ms of the first search
    return re.compile(regex, flags)


def _rewrites(table: tuple[tuple[str, str, str], ...], prefix: str = "", flags: int = 0) -> tuple[_Rewrite, ...]:
    return tuple(
        _Rewrite(tuple(n.replace("_", " ") for n in needles.split()), regex, flags, f" {_prefixed(prefix, words)} ")
        for needles, regex, words in table
    )


def _prefixed(prefix: str, words: str) -> str:
    return " ".join(prefix + word for word in words.split()) if prefix else words


ENTITY_REWRITES = _rewrites(ENTITIES, ENTITY)
PHRASE_REWRITES = _rewrites(PHRASES)
REQUEST_REWRITES = _rewrites(REQUEST_PHRASES)


def fold(text: str) -> str:
    """Lower case, Umlauts as their two-letter spelling, other accents dropped, camelCase split."""
    if not text.islower():  # most keys and many requests: no capital, no camelCase to split
        text = CAMEL.sub(_spaced, text)
    text = text.lower()
    if not text.isascii():
        for accented, plain in FOLDS:  # str.replace per letter: several times faster than str.translate here
            if accented in text:
                text = text.replace(accented, plain)
    return text


def _spaced(match: re.Match[str]) -> str:
    # A function, not the template r"\1 \2": parsing a template cost ~0.5 ms of the first search
    return f"{match[1]} {match[2]}"


SEPARATOR = "\n\x1f\n"
"""Between texts analysed together: no rewrite reaches across a line break, and no word holds \\x1f."""


def words(text: str) -> list[str]:
    """The meaningful words of a request, folded, with pasted names replaced and phrases joined; each clause
    ends in ``CLAUSE_BREAK``."""
    for rewrite in ENTITY_REWRITES:
        text = rewrite.apply(text)
    text = rejoined(fold(text), _is_verb)
    for rewrite in REQUEST_REWRITES:
        text = rewrite.apply(text)
    return _without_denied_verbs(words_of_each([CLAUSE_END.sub(rf"\g<0> {CLAUSE_BREAK} ", text)])[0])


def _is_verb(word: str) -> bool:
    """Whether the vocabulary knows ``word`` as a verb: a separable verb's halves are put together only then."""
    return any(map(is_intent, _known(word) or ()))


def _without_denied_verbs(found: list[str]) -> list[str]:
    """``found`` without negations and the verb a negation denies: "don't send it yet, just save a draft" asks
    to save, not to send."""
    kept, reach = [], 0
    for word in found:
        if word == CLAUSE_BREAK:  # "stimmt nicht, bitte stornieren": a negation denies nothing past its clause
            reach = 0
            kept.append(word)
        elif word in NEGATIONS:
            reach = NEGATION_REACH
        elif reach and all(map(is_intent, concepts(word))):
            reach = 0
        else:
            reach = max(0, reach - 1)
            kept.append(word)
    return kept


def words_of_each(texts: Sequence[str]) -> list[list[str]]:
    """The words of each catalogue text, with phrases joined.

    Pasted names are looked for in requests only: "e.g. F45NNA1" in a description is an example, not a request
    for one record, and skipping them keeps a cold index within a few milliseconds.
    """
    joined = fold(SEPARATOR.join(texts))
    parts = joined.split(SEPARATOR)
    starts = list(accumulate((len(part) + len(SEPARATOR) for part in parts[:-1]), initial=0))
    for rewrite in PHRASE_REWRITES:
        for n in rewrite.parts_holding(joined, starts):  # only the few texts that hold a needle meet the pattern
            parts[n] = rewrite.sub(parts[n])
    return [[w for w in WORD.findall(part) if w not in STOPWORDS and not w.isdigit()] for part in parts]


Terms = dict[str, float]
"""Terms with their weight: a typed word counts 1, a pasted one ``ENTITY_WEIGHT``."""


def terms(text: str, known: Container[str] = ()) -> Terms:
    """The concepts and stems of a request with their weight: what it must share with an action's texts; with
    ``MANY`` when it names things in the plural. A word that neither the vocabulary nor ``known`` (the terms of
    the catalogue) knows is read as the vocabulary's word one typing slip away, when there is one meaning there."""
    found = [word if word == CLAUSE_BREAK else _respelled(word, known) for word in words(text)]
    found = _without_idle_quantifiers([word for clause in _clauses(found) for word in _verb_first(clause)])
    analysed = weighted(found, pasted=True)
    if any(word.endswith(PLURALS) for word in found):
        analysed[MANY] = 1.0
    for word in found:
        if word in RECORDS:
            analysed[STATED + RECORDS[word]] = 1.0
    return analysed


def _clauses(found: list[str]) -> list[list[str]]:
    clauses: list[list[str]] = [[]]
    for word in found:
        if word == CLAUSE_BREAK:
            clauses.append([])
        else:
            clauses[-1].append(word)
    return clauses


def _without_idle_quantifiers(found: list[str]) -> list[str]:
    """``found`` without "all", "every" when another word asks for a change: "delete all test customers" asks to
    delete, not to list; alone ("alle Kunden") a quantifier still asks to see them all."""
    changes = any(
        not READ_INTENTS.issuperset(c for c in concepts(word) if is_intent(c))
        for word in found
        if word not in QUANTIFIERS and any(map(is_intent, concepts(word)))
    )
    return [word for word in found if word not in QUANTIFIERS] if changes else found


def _verb_first(found: list[str]) -> list[str]:
    """``found`` with a noun that is also a verb read as that verb where an English request says what to do: first
    ("email the invoice", "bill Kraus for two days"); not when what follows makes it part of a noun ("email
    address", "invoice 2026/03/00043")."""
    start = next((n for n, word in enumerate(found) if word not in LEAD_INS), len(found))
    verb = DENOMINAL_VERBS.get(found[start]) if start < len(found) else None
    if verb is None:
        return found
    following = found[start + 1 : start + 2]
    if following and (following[0].startswith(ENTITY) or NOUN_COMPANIONS.intersection(concepts(following[0]))):
        return found
    return [*found[:start], verb, *found[start + 1 :]]


def weighted(found: list[str], pasted: bool = False) -> Terms:
    """Words as terms with their weight: each concept or stem of each word; with ``pasted`` (a request), the words
    that stand for pasted names at their own weight."""
    weighted: Terms = {}
    if not pasted:  # a catalogue text: pasted names are looked for in requests only
        for word in found:
            for term in concepts(word):
                weighted[term] = weighted.get(term, 0.0) + 1.0
        return weighted
    for word in found:
        weight = 1.0
        if word.startswith(ENTITY):
            word, weight = word[len(ENTITY) :], ENTITY_WEIGHT
            if word in RECORD_ENTITIES:
                weighted[ONE_RECORD] = 1.0
        for term in concepts(word):
            weighted[term] = weighted.get(term, 0.0) + weight
    return weighted


def _respelled(word: str, known: Container[str]) -> str:
    stem = english(word)
    if word.startswith(ENTITY) or stem in known or concepts(word) != (stem,):
        return word
    candidates = _speller().candidates(word)
    return candidates[0] if candidates and len({concepts(c) for c in candidates}) == 1 else word


def known(word: str) -> bool:
    """Whether the vocabulary knows the folded ``word``: whole, by its stem or infinitive, or as a compound of
    known parts."""
    return bool(_known(word) or _inflected(word) or _split_known(word))


@cache
def _speller() -> Speller:
    from faktoora_mcp.ranking.data import tables  # on first use: it reads a file

    shipped = tables()  # the common words of the languages the speller leaves alone are only in the shipped tables
    return Speller(lexicon().surface, shipped.real if shipped else frozenset())


@lru_cache(maxsize=WORD_MEMO)
def concepts(word: str) -> tuple[str, ...]:
    """The vocabulary's concepts for one folded word, or its English stem when the vocabulary has none."""
    found = _known(word)
    if found is None:
        found = _inflected(word)
    if found is None:
        found = _split(word)
    return found if found is not None else (english(word),)


def _inflected(word: str) -> tuple[str, ...] | None:
    """The concepts of the infinitive ``word`` is a German form of (storniert, Löschung, angelegt), if known."""
    for infinitive in infinitives(word):
        found = lexicon().word(infinitive)
        if found is not None:
            return found
    return None


def _known(word: str) -> tuple[str, ...] | None:
    known = lexicon()
    found = known.word(word)
    if found is None:
        found = known.stem(german(word)) or known.stem(english(word))
    return found


def _split(word: str) -> tuple[str, ...] | None:
    """``word`` as a compound of known parts, else a known first part and an unknown rest (``Kunden|daten``)."""
    if len(word) > MAX_COMPOUND:
        return None
    found = _split_known(word) or _respelled_whole(word)
    if found is not None:
        return found
    for cut in range(len(word) - MIN_TAIL, MIN_PART - 1, -1):
        head = _known_head(word[:cut])
        if head is not None:
            return (*head, *_tail(word[cut:]))
    return _last_part(word)


def _respelled_whole(word: str) -> tuple[str, ...] | None:
    """The concepts of the vocabulary's word ``word`` is a slip of, when all its nearest mean the same: a slip
    in a compound the vocabulary knows whole (Ausgangsrechnugen, Nummernkreiss) is that compound, not a known
    first part and an unknown rest."""
    meant = {_known(candidate) for candidate in _speller().candidates(word)}
    return meant.pop() if len(meant) == 1 else None


def _tail(rest: str) -> tuple[str, ...]:
    """The rest of a compound after its known first part: the vocabulary's word one slip away when there is one
    meaning there (Lieferanten|rechungen), else its English stem (Kunden|daten)."""
    candidates = _speller().candidates(rest)
    meant = {concepts(candidate) for candidate in candidates}
    return meant.pop() if len(meant) == 1 else (english(rest),)


def _last_part(word: str) -> tuple[str, ...] | None:
    """A compound whose first part is unknown and whose last part is a known thing: a German compound is what its
    last part is (an Abschlags|rechnung is an invoice, a Wartungs|pauschale a flat fee), the rest its stem."""
    for cut in range(MIN_PART, len(word) - MIN_LAST_PART + 1):
        last = _known(word[cut:]) or _split_known(word[cut:])
        if last is not None and not any(map(is_intent, last)):
            return (english(word[:cut]), *last)
    return None


@lru_cache(maxsize=WORD_MEMO)
def _split_known(word: str) -> tuple[str, ...] | None:
    """``word`` as a compound of known parts only, longest first part first; None when it is not one."""
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head = _known_head(word[:cut])
        if head is None:
            continue
        tail = _known(word[cut:]) or _split_known(word[cut:])
        if tail is not None:
            return head + tail
    return None


def _known_head(head: str) -> tuple[str, ...] | None:
    return lexicon().head(head)


def forget_words() -> None:
    """Drop every memoised word (the lexicon stays): the next analysis of a text starts cold."""
    for memo in (concepts, _split_known, german, english):
        memo.cache_clear()


def split_intents(found: Mapping[str, float]) -> tuple[set[str], Terms]:
    """``found`` as (intents, topics with their weights)."""
    topics = {term: weight for term, weight in found.items() if term[0] != "@"}
    return {term for term in found if term[0] == "@"}, topics
