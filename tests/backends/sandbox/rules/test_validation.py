"""Identifiers and codes Faktoora checks: VAT ids and postcodes per country."""

from __future__ import annotations

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.errors import InvalidArguments
from tests.backends.sandbox.calls import COMPANY, run


@pytest.mark.parametrize("vat_id", ["DE136695976", "ATU13585627", "CHE-116.281.710 MWST", "FR40303265045"])
async def test_valid_vat_ids_are_accepted(sandbox: SandboxBackend, vat_id: str) -> None:
    assert (await run(sandbox, "create-customer", {**COMPANY, "vatId": vat_id}))["vatId"] == vat_id


@pytest.mark.parametrize("vat_id", ["DE136695977", "ATU13585628", "XX123456789"])
async def test_invalid_vat_ids_are_rejected_naming_the_field(sandbox: SandboxBackend, vat_id: str) -> None:
    with pytest.raises(InvalidArguments) as error:
        await run(sandbox, "create-customer", {**COMPANY, "vatId": vat_id})
    assert [v.path for v in error.value.violations] == ["vatId"]


@pytest.mark.parametrize(
    ("country", "postcode", "ok"),
    [
        ("DE", "01067", True),
        ("DE", "1067", False),
        ("AT", "1010", True),
        ("AT", "10100", False),
        ("CH", "8001", True),
        ("CH", "80011", False),
        ("FR", "75008", True),
        ("GB", "SW1A 1AA", True),
    ],
)
async def test_postcodes_are_checked_per_country(
    sandbox: SandboxBackend, country: str, postcode: str, ok: bool
) -> None:
    input = {**COMPANY, "country": country, "postcode": postcode}
    if ok:
        assert (await run(sandbox, "create-customer", input))["postcode"] == postcode
    else:
        with pytest.raises(InvalidArguments, match=f"postcode: must be \\d digits for {country}"):
            await run(sandbox, "create-customer", input)
