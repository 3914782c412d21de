"""Keeping secrets out of results and logs: by value (every secret the process knows) and by shape.

By value: environment variables whose names say they hold a secret (``*TOKEN*``, ``*SECRET*``, ``*KEY*``,
``*PASSWORD*``), the string values under secret-looking keys of Membrane's credentials file, and whatever a
module registers at run time with ``register_secret`` (a token read from a file, one minted for a session).
A value needs no recognisable shape: a 32-character token made of letters only is still found.

By shape: credentials whose form gives them away (``token: …``, ``Bearer …``, JWTs, cloud and SaaS keys).
detect-secrets (the maintained ruleset on PyPI) was considered and not adopted: it has no rule for Google
``AIza…`` or Anthropic ``sk-ant-`` keys, its patterns are not written to run in linear time on hostile text,
and it pulls requests and PyYAML into a server that starts in well under a second.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import anyio

REDACT_MAX_CHARS = 64 * 1024
"""Redaction reads at most this much of a text; the rest is dropped (it only ever feeds messages and logs)."""
REDACT_INLINE_CHARS = 2 * 1024
"""Texts up to this size are redacted on the event loop (under a millisecond, hostile ones too); longer ones in
a worker thread."""
MIN_SECRET_CHARS = 8
"""Shorter values (``1``, ``true``, ``dev``) are too common in ordinary text to be blanked wherever they occur."""
MAX_SECRET_CHARS = 16 * 1024
"""Longer values are documents, not credentials: skipped to keep every scan cheap."""
MAX_CREDENTIALS_FILE_BYTES = 1024 * 1024
"""A credentials file larger than this is not Membrane's: it is not read."""
SECRET_NAME_PARTS: Final = ("TOKEN", "SECRET", "KEY", "PASSWORD", "PASSWD", "CREDENTIAL")
"""An environment variable or JSON key whose upper-cased name holds one of these holds a secret."""
MEMBRANE_CREDENTIALS = Path("~/.membrane/credentials.json")
"""Where the Membrane CLI keeps access, refresh and tenant tokens (reference §6.1)."""

REDACTED: Final = "[REDACTED]"

# -- by value -------------------------------------------------------------------------------------------------

_lock = threading.Lock()
_values: set[str] = set()
_ordered: tuple[str, ...] = ()  # longest first, so a secret that contains another is replaced whole
_process_loaded = False


def register_secret(value: str) -> None:
    """From now on ``value`` is redacted wherever it appears, also JSON-escaped."""
    global _ordered
    if not isinstance(value, str) or not MIN_SECRET_CHARS <= len(value.strip()) <= MAX_SECRET_CHARS:
        return
    forms = {value.strip(), json.dumps(value.strip())[1:-1]}
    with _lock:
        if forms <= _values:
            return
        _values.update(forms)
        _ordered = tuple(sorted(_values, key=len, reverse=True))


def register_environment(environ: Mapping[str, str]) -> None:
    """Register the value of every variable whose name says it holds a secret."""
    for name, value in environ.items():
        if _secret_name(name):
            register_secret(value)


def register_secrets_in_file(path: Path) -> None:
    """Register the string values under secret-looking keys of a JSON file (Membrane's credentials)."""
    try:
        if path.stat().st_size > MAX_CREDENTIALS_FILE_BYTES:
            return
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no file, or not JSON: nothing known to redact, and nothing to complain about here
    for value in _secret_values(document, inherited=False):
        register_secret(value)


def _secret_name(name: str) -> bool:
    upper = name.upper()
    return any(part in upper for part in SECRET_NAME_PARTS)


def _secret_values(node: Any, *, inherited: bool) -> Iterable[str]:
    if isinstance(node, str) and inherited:
        yield node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _secret_values(value, inherited=inherited or _secret_name(str(key)))
    elif isinstance(node, list):
        for value in node:
            yield from _secret_values(value, inherited=inherited)


def _load_process_secrets() -> None:
    """Once: what this process and every CLI it starts can print. This reads ``os.environ`` beside
    ``config.py`` on purpose: redaction must know the secrets whichever entry point built the server."""
    global _process_loaded
    if _process_loaded:
        return
    _process_loaded = True
    register_environment(os.environ)
    register_secrets_in_file(MEMBRANE_CREDENTIALS.expanduser())


def redact_known(text: str) -> str:
    """``text`` with every registered secret value replaced."""
    _load_process_secrets()
    for value in _ordered:
        if value in text:
            text = text.replace(value, REDACTED)
    return text


# -- by shape -------------------------------------------------------------------------------------------------

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
_PEM_BODY = r"[\sA-Za-z0-9+/=]{1,16384}+"
"""A PEM body: base64 and line breaks, possessive because its class cannot hold the closing dashes."""
_PEM_END = r"-----END[A-Z ]{0,40}PRIVATE KEY-----"
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
    # "Bearer <token>", not the prose "bearer token required" (the start-up note says so)
    (("bearer",), re.compile(r"\bBearer[ \t]{1,8}(?!tokens?\b)[\w.~+/=-]++", re.I), f"Bearer {REDACTED}"),
    # a JWT, also when it was wrapped across lines: eyJ… . payload . signature
    (("eyj",), re.compile(rf"\beyJ{_LINE_WRAPPED}(?:\s{{0,4}}\.\s{{0,4}}(?:{_LINE_WRAPPED})?){{1,2}}"), REDACTED),
    (("_live_", "_test_"), re.compile(r"\b(?:sk|pk|rk)_(?:live|test)_\w{1,512}"), REDACTED),
    (("akia", "asia", "agpa", "aida", "aroa"), re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"), REDACTED),
    (("xox",), re.compile(r"\bxox[abposr]-[\w-]{1,512}"), REDACTED),  # Slack tokens
    (("gh",), re.compile(r"\bgh[pousr]_\w{20,255}"), REDACTED),  # GitHub tokens
    (("github_pat_",), re.compile(r"\bgithub_pat_\w{20,255}"), REDACTED),  # GitHub fine-grained tokens
    (("glpat-", "gldt-", "glrt-"), re.compile(r"\bgl(?:pat|dt|rt)-[\w-]{20,255}"), REDACTED),  # GitLab tokens
    (("aiza",), re.compile(r"\bAIza[\w-]{35}"), REDACTED),  # Google API keys
    (("sk-",), re.compile(r"\bsk-(?:ant-|proj-)?[\w-]{20,255}"), REDACTED),  # Anthropic and OpenAI keys
    (("npm_",), re.compile(r"\bnpm_\w{36}"), REDACTED),  # npm tokens
    (("hf_",), re.compile(r"\bhf_[A-Za-z]{34}"), REDACTED),  # Hugging Face tokens
    (("whsec_",), re.compile(r"\bwhsec_[\w+/=]{20,255}"), REDACTED),  # webhook signing secrets
    (
        ("-----begin",),
        re.compile(rf"-----BEGIN[A-Z ]{{0,40}}PRIVATE KEY-----(?:{_PEM_BODY})?(?:{_PEM_END})?"),
        REDACTED,
    ),
    # user:password@host in a URL
    (("://",), re.compile(r"(\b[a-z][a-z0-9+.-]{0,20}://[^\s:/@]{1,256}:)[^\s@/]{1,1024}@", re.I), rf"\1{REDACTED}@"),
)
_OPAQUE = re.compile(r"(?<![\w-])[\w-]{40,}+")
"""Long runs of word characters: API keys and refresh tokens when they mix letters and digits."""


def redact(text: str) -> str:
    """``text`` (at most ``REDACT_MAX_CHARS`` of it) with every known secret and anything shaped like one
    replaced."""
    text = redact_known(text[:REDACT_MAX_CHARS])
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


class RedactingFilter(logging.Filter):
    """A handler filter: every record leaves with its message redacted, whoever logged it (the SDK, uvicorn)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message) if len(message) <= REDACT_MAX_CHARS else redact(message) + " …"
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:  # a traceback may quote a secret in an exception's text
            record.exc_text = redact(_FORMATTER.formatException(record.exc_info))
        return True


_FORMATTER = logging.Formatter()


def redact_logs(handlers: Iterable[logging.Handler]) -> None:
    """Put a ``RedactingFilter`` on each handler (the CLI's stderr handler)."""
    for handler in handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
