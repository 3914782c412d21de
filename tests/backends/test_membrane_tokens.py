"""Where the REST transport's token comes from: signed here, minted by the CLI, or given; kept only in memory and
replaced shortly before it expires."""

from __future__ import annotations

import json

import jwt
import pytest

from faktoora_mcp.backends.membrane.transport.tokens import (
    REFRESH_MARGIN,
    SIGNED_LIFETIME,
    SIGNING_ALGORITHM,
    CliToken,
    GivenToken,
    TokenKeeper,
    WorkspaceKey,
    token_in,
)
from faktoora_mcp.errors import BackendUnavailable
from faktoora_mcp.redaction import redact

SECRET = "ws-secret-0f1e2d3c4b5a69788796a5b4c3d2e1f0-9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_workspace_key_signs_a_short_lived_token_for_the_tenant() -> None:
    clock = Clock()
    token = await WorkspaceKey("ws-key", SECRET, "tenant-7", clock=clock, wall=lambda: 1_800_000_000).fetch()
    claims = jwt.decode(
        token.value, SECRET, algorithms=[SIGNING_ALGORITHM], options={"verify_exp": False, "verify_iat": False}
    )
    assert claims == {"iss": "ws-key", "id": "tenant-7", "iat": 1_800_000_000, "exp": 1_800_000_000 + SIGNED_LIFETIME}
    assert token.expires_at == clock.now + SIGNED_LIFETIME
    assert SECRET not in repr(token) and token.value not in repr(token)


async def test_a_workspace_key_without_a_tenant_names_the_missing_variable() -> None:
    with pytest.raises(BackendUnavailable, match="MEMBRANE_TENANT_KEY is not"):
        await WorkspaceKey("ws-key", SECRET, "").fetch()


async def test_a_token_is_replaced_shortly_before_it_expires_and_not_before() -> None:
    clock = Clock()
    keeper = TokenKeeper(WorkspaceKey("ws-key", SECRET, "t", clock=clock), clock=clock)
    first = await keeper.get()
    clock.now += SIGNED_LIFETIME - REFRESH_MARGIN - 1
    assert await keeper.get() is first
    clock.now += 2
    assert (await keeper.get()) is not first


async def test_a_cli_token_is_read_from_json_or_a_bare_line_and_its_expiry_from_the_jwt() -> None:
    minted = jwt.encode({"exp": 1_800_003_600}, "k" * 32, algorithm="HS256")
    assert token_in(json.dumps({"token": minted})) == minted
    assert token_in(f"Update available 1.19\n{minted}\n") == minted
    assert token_in("") is None and token_in('{"expiresIn": 3600}') is None

    async def ask() -> str:
        return minted

    token = await CliToken(ask, clock=lambda: 50.0, wall=lambda: 1_800_000_000).fetch()
    assert token.expires_at == 50.0 + 3600


async def test_a_given_token_is_never_asked_for_again_and_every_fetched_token_is_redacted_by_value() -> None:
    keeper = TokenKeeper(GivenToken("plainvalue-without-any-shape"))
    token = await keeper.get()
    assert await keeper.refused(token) is None
    assert "plainvalue-without-any-shape" not in redact("upstream said plainvalue-without-any-shape")
