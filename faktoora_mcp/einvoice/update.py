"""Install or update the official rule sets: ``python -m faktoora_mcp.einvoice.update``.

Downloads each official release archive named in ``rulesets`` and puts its XSLT, unchanged, and its licence text into
``rules/<set>/`` with a VERSION and a SOURCE file (the archive's address and the XSLT's SHA-256). An XSLT whose
SHA-256 is not the release's is refused (``--no-verify`` accepts one, e.g. an own build). The licence comes from the
archive, or from the repository at the release's tag when the archive has none. ``--archive NAME=PATH`` takes a
release archive already on disk instead (offline machines). Prints to stderr only.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import urllib.request
import zipfile
from collections.abc import Sequence

from faktoora_mcp.einvoice.rulesets import RULE_SETS, RuleSet

DOWNLOAD_TIMEOUT_S = 60
"""The archives are 1-3 MB; a minute covers a slow line and still ends a hung one."""


def install(rule_set: RuleSet, archive: bytes, source: str, *, verify: bool = True) -> str:
    """Unpack ``rule_set``'s XSLT and licence from a release ``archive``; returns the XSLT's SHA-256.

    ``verify`` refuses an XSLT whose digest is not the release's (a changed or wrong download).
    """
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        xslt = _member(zipped, rule_set.member)
        licence = _member(zipped, rule_set.licence_member, required=False) or _download(rule_set.licence_url)
    digest = hashlib.sha256(xslt).hexdigest()
    if verify and digest != rule_set.sha256:
        wanted = rule_set.sha256
        raise SystemExit(f"{rule_set.name}: {rule_set.member} has SHA-256 {digest}, not the release's {wanted}")
    rule_set.folder.mkdir(parents=True, exist_ok=True)
    rule_set.xslt.write_bytes(xslt)
    (rule_set.folder / "LICENSE").write_bytes(licence)
    (rule_set.folder / "VERSION").write_text(f"{rule_set.version}\n", encoding="utf-8")
    (rule_set.folder / "SOURCE").write_text(
        f"{rule_set.title}\n{source}\n{rule_set.member} sha256 {digest}\nlicence {rule_set.licence}\n", encoding="utf-8"
    )
    return digest


def _member(zipped: zipfile.ZipFile, wanted: str, *, required: bool = True) -> bytes | None:
    """The member at ``wanted``, also when the archive wraps everything in one top folder."""
    for name in zipped.namelist():
        if name == wanted or name.endswith("/" + wanted):
            return zipped.read(name)
    if required:
        raise SystemExit(f"{wanted} is not in the archive; is it the right release?")
    return None


def _download(url: str) -> bytes:
    if not url.startswith("https://"):
        raise SystemExit(f"refusing a non-https address: {url}")
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as answer:  # noqa: S310 - https checked above
        return answer.read()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m faktoora_mcp.einvoice.update", description=__doc__)
    parser.add_argument("--archive", action="append", default=[], metavar="NAME=PATH", help="use a local archive")
    parser.add_argument(
        "--no-verify", action="store_true", help="accept an XSLT whose SHA-256 differs from the release's (own builds)"
    )
    parser.add_argument("names", nargs="*", help=f"rule sets (default all): {', '.join(RULE_SETS)}")
    args = parser.parse_args(argv)
    local = dict(item.split("=", 1) for item in args.archive)
    for name in args.names or list(RULE_SETS):
        rule_set = RULE_SETS[name]
        path = local.get(name)
        archive = open(path, "rb").read() if path else _download(rule_set.url)  # noqa: PTH123, SIM115
        digest = install(rule_set, archive, path or rule_set.url, verify=not args.no_verify)
        print(f"{name} {rule_set.version}: {rule_set.xslt} sha256 {digest}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
