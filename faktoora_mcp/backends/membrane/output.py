"""Reading what the CLI printed: lenient JSON, the error shapes it may use, and redaction of secrets.

Nothing about the CLI's output format is verified (reference §5), so every reader here tolerates update
notices before the JSON, pretty or compact JSON, unknown fields and empty output.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import anyio

EXCERPT_CHARS = 300
"""Enough of a stray line or stack trace to recognise it, short enough for a tool-result message."""
REDACT_MAX_CHARS = 64 * 1024
"""Redaction reads at most this much of a text; the rest is dropped (it only ever feeds messages and logs)."""
REDACT_INLINE_CHARS = 2 * 1024
"""Texts up to this size are redacted on the event loop (under a millisecond, hostile ones too); longer ones in
a worker thread."""
EXCERPT_MARGIN = 512
"""Characters redacted beyond an excerpt's cut, so a secret straddling the cut is still recognised."""

REDACTED: Final = "[REDACTED]"
# Every quantifier below is bounded, or possessive over a class that cannot overlap what follows, or part of
# an alternative that cannot fail once started (a quoted value runs to its closing quote or the end of the
# line), so each pattern costs time linear in the text: redaction must never stall the server (a
# 20,000-character argument once froze every request for 12 s). Values are redacted whole, however long.
# Each pattern runs only when its trigger words occur at all.
# A secret's name may end a longer word (accessToken, X-API-KEY): the match starts at the secret word and
# leaves the rest of the name as it was, which costs one attempt per occurrence instead of up to 40.
_SECRET_NAME = (
    r"(?:token|secret|password|passwd|pwd|api[_-]?key|authorization|credentials?|"  # noqa: S105
    r"session[_-]?id|private[_-]?key)s?"
)
_SECRET_WORDS = ("token", "secret", "passw", "pwd", "key", "authorization", "credential", "session")
_NAME_END = r"""\\?["']?[ \t]{0,8}[:=][ \t]{0,8}"""
"""After the name: its closing quote (escaped when the JSON sits inside a JSON string), then ':' or '='."""
_QUOTED = (
    r"""(\\"(?:[^"\\\n]|\\[^"\n])*+(?:\\")?"""  # \"…\" : a JSON string inside a JSON string
    r"""|"(?:[^"\\\n]|\\.)*+"?"""  # "…" with escapes, to its closing quote or the end of the line
    r"""|'[^'\n]*+'?"""
    r"""|(?:Bearer|Basic|Token)[ \t]{1,8}[^\s,;'"]++"""
    r"""|[^\s,;}'"\\]++)"""
)
_LINE_WRAPPED = r"[\w-]++(?:\r?\n[ \t]{0,16}[\w-]++){0,16}"
"""A base64url run that a terminal or a log may have wrapped onto following lines."""


def _keep_quotes(match: re.Match[str]) -> str:
    """``"token": "abc"`` -> ``"token": "[REDACTED]"``: JSON stays JSON, so errors can still be read."""
    value = match[2]
    quote = '\\"' if value.startswith('\\"') else value[0] if value[:1] in ("'", '"') else ""
    return f"{match[1]}{quote}{REDACTED}{quote}"


_PATTERNS: Final = (
    # "token": "…", accessToken=…, workspaceSecret: …, X-API-KEY: …, Authorization: Basic …
    (
        _SECRET_WORDS,
        re.compile(rf"""(\\?["']?{_SECRET_NAME}{_NAME_END}){_QUOTED}""", re.I),
        _keep_quotes,
    ),
    # the same written without ':' or '=': "token abc123…", "--api-key sk-…" (a value with a digit in it)
    (
        _SECRET_WORDS,
        re.compile(rf"""({_SECRET_NAME}["']?[ \t]{{1,8}})(?=[^\s]{{0,200}}\d)([\w.~+/=-]{{8,}}+)""", re.I),
        rf"\1{REDACTED}",
    ),
    # Cookie: a=b; c=d and Set-Cookie: … (the whole header value)
    (("cookie",), re.compile(r"((?:set-)?cookie[ \t]{0,8}:[ \t]{0,8})[^\r\n]{1,8192}", re.I), rf"\1{REDACTED}"),
    (("bearer",), re.compile(r"\bBearer[ \t]{1,8}[\w.~+/=-]++", re.I), f"Bearer {REDACTED}"),
    # a JWT, also when it was wrapped across lines: eyJ… . payload . signature
    (("eyj",), re.compile(rf"\beyJ{_LINE_WRAPPED}(?:\s{{0,4}}\.\s{{0,4}}(?:{_LINE_WRAPPED})?){{1,2}}"), REDACTED),
    (("_live_", "_test_"), re.compile(r"\b(?:sk|pk|rk)_(?:live|test)_\w{1,512}"), REDACTED),
    (("akia", "asia", "agpa", "aida", "aroa"), re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"), REDACTED),
    (("xox",), re.compile(r"\bxox[abposr]-[\w-]{1,512}"), REDACTED),  # Slack tokens
    (("gh",), re.compile(r"\bgh[pousr]_\w{20,255}"), REDACTED),  # GitHub tokens
    # user:password@host in a URL
    (("://",), re.compile(r"(\b[a-z][a-z0-9+.-]{0,20}://[^\s:/@]{1,256}:)[^\s@/]{1,1024}@", re.I), rf"\1{REDACTED}@"),
)
_OPAQUE = re.compile(r"(?<![\w-])[\w-]{40,}+")
"""Long runs of word characters: API keys and refresh tokens when they mix letters and digits."""


def redact(text: str) -> str:
    """``text`` (at most ``REDACT_MAX_CHARS`` of it) with anything that looks like a credential replaced."""
    text = text[:REDACT_MAX_CHARS]
    folded = text.lower()
    for triggers, pattern, replacement in _PATTERNS:
        if any(word in folded for word in triggers):
            text = pattern.sub(replacement, text)
    return _OPAQUE.sub(_opaque, text)[:REDACT_MAX_CHARS]  # replacements may lengthen it: the bound holds


async def redact_async(text: str) -> str:
    """``redact``, in a worker thread when the text is long enough to be felt by other requests."""
    if len(text) <= REDACT_INLINE_CHARS:
        return redact(text)
    return await anyio.to_thread.run_sync(redact, text)


def _opaque(match: re.Match[str]) -> str:
    word = match[0]
    has_digit = any(c.isdigit() for c in word)
    has_letter = any(c.isalpha() for c in word)
    return REDACTED if has_digit and has_letter else word


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A redacted, single-spaced, length-capped excerpt for messages and logs."""
    flat = " ".join(redact(text[: limit + EXCERPT_MARGIN]).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class NotJson(ValueError):
    """The text holds no JSON value where one was expected."""


def _constant_as_text(name: str) -> str:
    """NaN and Infinity are not JSON: kept as the text they were, so every result stays valid JSON."""
    return name


_DECODER = json.JSONDecoder(parse_constant=_constant_as_text)


def parse_json(text: str) -> Any:
    """The JSON value in ``text``; ``None`` when it is blank; ``NotJson`` when there is none.

    Lines before the first one that starts with ``{`` or ``[`` (warnings, update notices) are skipped, and
    so is anything after the value.
    """
    if not text.strip():
        return None
    try:
        return json.loads(text, parse_constant=_constant_as_text)
    except ValueError:
        pass
    offset = 0
    for line in text.splitlines(keepends=True):
        start = offset + len(line) - len(line.lstrip())
        offset += len(line)
        if text[start : start + 1] in ("{", "["):
            try:
                return _DECODER.raw_decode(text, start)[0]
            except ValueError:
                continue
    raise NotJson(text)


def try_json(text: str) -> Any:
    """Like ``parse_json`` but ``None`` instead of raising."""
    try:
        return parse_json(text)
    except NotJson:
        return None


@dataclass(frozen=True, slots=True)
class ErrorData:
    """An error the CLI reported, in Membrane's ``ErrorDataSchema`` terms (``type``, ``key``, ``message``)."""

    message: str
    type: str | None = None
    key: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


def error_data(payload: Any, *, failed: bool) -> ErrorData | None:
    """The error in a JSON payload: ``{type, key, message}``, ``{error: {...}}`` or ``{"error": code, "message"}``.

    After a successful exit only unmistakable error objects count (an ``error`` member and no ``output`` or
    ``items``); after a failed exit a lone ``message`` is enough.
    """
    if not isinstance(payload, Mapping) or "output" in payload or "items" in payload:
        return None
    inner = payload.get("error")
    if isinstance(inner, Mapping):
        return error_data(inner, failed=True) or ErrorData(message=json.dumps(inner)[:EXCERPT_CHARS])
    if isinstance(inner, str) and inner:
        return ErrorData(message=_text(payload.get("message")) or inner, type=_text(payload.get("type")), key=inner)
    if not failed and "error" not in payload:
        return None
    message = _text(payload.get("message"))
    if not message and not payload.get("type") and not payload.get("key"):
        return None
    data = payload.get("data")
    return ErrorData(
        message=message or "no message",
        type=_text(payload.get("type")),
        key=_text(payload.get("key")) or _text(payload.get("code")),
        data=data if isinstance(data, Mapping) else {},
    )


def error_in_output(stdout: str, stderr: str) -> ErrorData | None:
    """The first error object found on stdout, then stderr, after a failed exit."""
    for text in (stdout, stderr):
        found = error_data(try_json(text), failed=True)
        if found:
            return found
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
