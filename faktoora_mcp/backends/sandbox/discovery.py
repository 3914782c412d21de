"""Offline discovery: every sandbox action as an ``ActionInfo``, and search by intent.

For the 20 catalogue actions the description and schemas come from the manifest files when they are
there (they are the advertised contract); otherwise from the sandbox's own table. Search is a small
BM25 over key, name and description, with a synonym table for the words people use ("client",
"bill", "overdue") and a boost for intents that name one action's purpose outright.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.backends.sandbox.registry import ActionDef

FIELD_WEIGHTS = (("key", 3.0), ("name", 1.0), ("description", 1.0))
"""A word in the key says more about the action than the same word deep in its description."""
K1, B = 1.2, 0.75
STOPWORDS = frozenset(
    re.split(
        r"\s+",
        "a an the me my our we i you all of for to with and or in on some which what that is are do can please want "
        "need would like by from at it its this these those have has had there any how many much who be been "
        "does did do is are was as into up",
    )
)
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "show": ("list", "get"),
    "display": ("list", "get"),
    "see": ("list", "get"),
    "find": ("list", "get"),
    "search": ("list",),
    "fetch": ("get",),
    "read": ("get",),
    "view": ("get",),
    "look": ("get",),
    "client": ("customer",),
    "buyer": ("customer",),
    "kunde": ("customer",),
    "contact": ("customer",),
    "article": ("product",),
    "item": ("product",),
    "service": ("product",),
    "sku": ("product", "code"),
    "artikel": ("product",),
    "bill": ("invoice",),
    "rechnung": ("invoice",),
    "receipt": ("invoice",),
    "overdue": ("outgoing", "invoice", "list"),
    "unpaid": ("outgoing", "invoice", "list"),
    "late": ("outgoing", "invoice", "list"),
    "outstanding": ("outgoing", "invoice", "list"),
    "owe": ("outgoing", "invoice", "list"),
    "receivable": ("outgoing", "invoice", "list"),
    "add": ("create",),
    "new": ("create",),
    "register": ("create",),
    "make": ("create",),
    "write": ("create",),
    "issue": ("create",),
    "remove": ("delete",),
    "erase": ("delete",),
    "drop": ("delete",),
    "edit": ("update",),
    "change": ("update",),
    "modify": ("update",),
    "rename": ("update",),
    "received": ("incoming",),
    "supplier": ("incoming",),
    "vendor": ("incoming",),
    "purchase": ("incoming",),
    "payable": ("incoming",),
    "sales": ("outgoing",),
    "issued": ("outgoing",),
    "download": ("get", "file"),
    "pdf": ("file", "invoice"),
    "xml": ("file", "invoice"),
    "hook": ("webhook",),
    "subscription": ("webhook",),
    "notify": ("webhook",),
    "notification": ("webhook",),
    "callback": ("webhook",),
    "event": ("webhook",),
    "pay": ("paid",),
    "payment": ("paid",),
    "settle": ("paid",),
    "storno": ("cancel",),
    "void": ("cancel",),
    "upload": ("import",),
    "company": ("account",),
    "seller": ("account",),
    "profile": ("account",),
    "kleinunternehmer": ("account", "settings"),
    "deliver": ("send",),
    "delivered": ("get", "status"),
    "subscribe": ("create", "webhook"),
    "unsubscribe": ("delete", "webhook"),
    "status": ("get",),
    "contain": ("content",),
    "content": ("get",),
    "line": ("content",),
    "detail": ("content", "get"),
    "which": ("list",),
    "every": ("list",),
    "free": ("verify",),
    "available": ("verify",),
    "check": ("verify",),
}
VERBS = frozenset(
    {
        "list",
        "get",
        "create",
        "update",
        "delete",
        "send",
        "cancel",
        "mark",
        "verify",
        "import",
        "approve",
        "generate",
        "paid",
    }
)
"""First words of action keys; a query with none of them is taken as a request to list."""
INTENT_BOOSTS: Mapping[str, Mapping[str, float]] = {
    word: {"list-outgoing-invoices": 2.0} for word in ("overdue", "unpaid", "late", "outstanding", "owe")
}
"""Words that on their own point at one action: "overdue" means a status filter on the outgoing list."""


def manifest_dir() -> Path:
    """Where the action manifests are: inside an installed package, else at the repository root."""
    import faktoora_mcp

    package = Path(faktoora_mcp.__file__).parent
    inside = package / "manifests" / "actions"
    return inside if inside.exists() else package.parent / "manifests" / "actions"


@cache
def manifest(key: str) -> Mapping[str, Any] | None:
    """The manifest of ``key``, or None when it is missing or unreadable (the sandbox's own schema serves)."""
    try:
        loaded = json.loads((manifest_dir() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) and isinstance(loaded.get("inputSchema"), dict) else None


def action_info(action: ActionDef) -> ActionInfo:
    found = manifest(action.key)
    return ActionInfo(
        id=action.id,
        key=action.key,
        name=str(found.get("title") or action.name) if found else action.name,
        description=str(found.get("description") or action.description) if found else action.description,
        input_schema=found["inputSchema"] if found else action.input_schema,
        output_schema=found.get("outputSchema", action.output_schema) if found else action.output_schema,
        read_only=action.read_only,
        destructive=action.destructive,
    )


def tokens(text: str) -> list[str]:
    words = re.findall(r"[a-zäöüß0-9]+", text.lower())
    return [_stem(w) for w in words if w not in STOPWORDS]


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _query(intent: str) -> tuple[Counter[str], Counter[str]]:
    """The query terms with their synonyms, and the terms it implies only if something else matched."""
    query: Counter[str] = Counter()
    for word in tokens(intent):
        query[word] += 1
        for synonym in SYNONYMS.get(word, ()):
            query[synonym] += 1
    implied: Counter[str] = Counter()
    if not VERBS & query.keys():
        implied["list"] += 1  # a bare noun ("supplier bills") asks to see them
    return query, implied


@dataclass(frozen=True, slots=True)
class _Field:
    """One field of every action, tokenised, for BM25 with that field's own average length."""

    weight: float
    documents: list[Counter[str]]
    average: float
    frequency: Counter[str]

    @classmethod
    def of(cls, infos: Sequence[ActionInfo], name: str, weight: float) -> _Field:
        documents = [Counter(tokens(str(getattr(info, name)))) for info in infos]
        average = sum(sum(d.values()) for d in documents) / max(1, len(documents))
        return cls(weight, documents, max(average, 1.0), Counter(t for d in documents for t in d))

    def score(self, index: int, query: Counter[str]) -> float:
        document, total = self.documents[index], len(self.documents)
        length = sum(document.values())
        score = 0.0
        for term, count in query.items():
            tf = document.get(term, 0)
            if tf:
                idf = math.log(1 + (total - self.frequency[term] + 0.5) / (self.frequency[term] + 0.5))
                score += count * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.average))
        return self.weight * score


def rank(intent: str, infos: Sequence[ActionInfo], limit: int) -> list[ActionInfo]:
    """``infos`` ordered by relevance to ``intent``; an empty intent lists them all in order.

    Each field is scored on its own (BM25F-style), so a long manifest description cannot drown a match
    in the key.
    """
    if not intent.strip():
        return list(infos[:limit])
    fields = [_Field.of(infos, name, weight) for name, weight in FIELD_WEIGHTS]
    query, implied = _query(intent)
    boosts: Counter[str] = Counter()
    for word in tokens(intent):
        boosts.update(INTENT_BOOSTS.get(word, {}))
    scored = []
    for index, info in enumerate(infos):
        score = boosts[info.key] + sum(field.score(index, query) for field in fields)
        if score > 0:
            score += sum(field.score(index, implied) for field in fields)
        if score > 0:
            scored.append((score, info))
    scored.sort(key=lambda pair: -pair[0])
    return [info for _, info in scored[:limit]]
