"""What both backends mean by an idempotency key: the field, the fingerprint of a call, the refusal of a reused key.

An agent makes up one key per new record (a UUID) and sends it with the create; a retry with the same key and the
same arguments returns the first call's result instead of a second record. The sandbox keeps keys in its own
database, in the create's transaction (``sandbox.store.idempotency``); the live backend in a ledger file of its
own (``membrane.ledger``), because Faktoora's API takes no key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from faktoora_mcp.errors import InvalidArguments

FIELD = "idempotencyKey"


def fingerprint(arguments: Mapping[str, Any]) -> str:
    """The same for the same arguments in any key order."""
    canonical = json.dumps(arguments, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def reused_key(first_action: str, action: str) -> InvalidArguments:
    """The refusal of a key that an earlier call with other arguments (or another tool) already used."""
    return InvalidArguments.single(
        FIELD,
        f"this key was already used for a {first_action} call with other arguments; nothing was created. "
        "Use a new key for a new record, or repeat the first call's arguments exactly to get its result.",
        tool=action,
    )
