"""Identifiers in Faktoora's formats, drawn from a ``random.Random`` so that a seed fixes them all.

Tax and bank identifiers carry correct check digits (computed with python-stdnum), so the demo data
passes the same validation as real input.
"""

from __future__ import annotations

import random
import string
import uuid

FAKTOORA_ID_CHARS = string.ascii_uppercase + string.digits


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def faktoora_id(rng: random.Random) -> str:
    """``F`` + 6 characters A-Z/0-9, e.g. ``F45NNA1``."""
    return "F" + "".join(rng.choice(FAKTOORA_ID_CHARS) for _ in range(6))


def import_id(rng: random.Random) -> str:
    """``IMP`` + 6 digits, e.g. ``IMP456789``."""
    return f"IMP{rng.randrange(100_000, 1_000_000)}"


def digits(rng: random.Random, count: int) -> str:
    return str(rng.randrange(1, 10)) + "".join(str(rng.randrange(10)) for _ in range(count - 1))


def de_vat_id(rng: random.Random) -> str:
    from stdnum.iso7064 import mod_11_10

    body = digits(rng, 8)
    return f"DE{body}{mod_11_10.calc_check_digit(body)}"


def at_vat_id(rng: random.Random) -> str:
    from stdnum.at import uid

    body = "U" + digits(rng, 7)
    return f"AT{body}{uid.calc_check_digit(body)}"


def ch_vat_id(rng: random.Random) -> str:
    """A Swiss UID with the MWST suffix, e.g. ``CHE-116.281.710 MWST``."""
    from stdnum.ch import uid

    while True:  # about one in eleven bodies has no valid check digit (it would be 10)
        body = digits(rng, 8)
        check = uid.calc_check_digit(body)
        if check.isdigit() and len(check) == 1:
            number = body + check
            return f"CHE-{number[:3]}.{number[3:6]}.{number[6:]} MWST"


def de_iban(rng: random.Random) -> str:
    from stdnum import iban

    bban = digits(rng, 8) + "".join(str(rng.randrange(10)) for _ in range(10))
    return f"DE{iban.calc_check_digits('DE00' + bban)}{bban}"


def leitweg_id(rng: random.Random) -> str:
    """A Leitweg-ID of a municipal buyer: ``<Land><Kreis><Gemeinde>-<fine>-<check>``."""
    from stdnum.iso7064 import mod_97_10

    coarse = f"{rng.randrange(1, 17):02d}" + "".join(str(rng.randrange(10)) for _ in range(10))
    fine = str(rng.randrange(10_000, 100_000))
    return f"{coarse}-{fine}-{mod_97_10.calc_check_digits(coarse + fine)}"
