"""The official rule sets: which file, which version, from where, under which licence.

The XSLT files are not part of the repository: ``python -m faktoora_mcp.einvoice.update`` downloads the official
release archives named here into ``rules/<set>/`` beside this module (with the licence, VERSION and SOURCE), so that
what runs is byte for byte what CEN and KoSIT publish.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

RULES_DIR = Path(__file__).parent / "rules"
UPDATE_COMMAND = "python -m faktoora_mcp.einvoice.update"
CEN_VERSION = "1.3.16"
KOSIT_VERSION = "2.5.0"
XRECHNUNG_VERSION = "3.0.2"
CEN_RELEASE = (
    "https://github.com/ConnectingEurope/eInvoicing-EN16931/releases/download/validation-{v}/en16931-{s}-{v}.zip"
)
CEN_LICENCE = "https://raw.githubusercontent.com/ConnectingEurope/eInvoicing-EN16931/validation-{v}/LICENSE.txt"
KOSIT_LICENCE = "https://raw.githubusercontent.com/itplr-kosit/xrechnung-schematron/v{v}/LICENSE"
XSLT_SHA256 = {
    "en16931-cii": "0b234dea2bbfee739b7761e607a992c17fab88773014ef56355b6158cfb1cc53",
    "en16931-ubl": "39f9d282867f1a49e7708d9e29a53da89643e1ee56f10cec1ebcf1277595fcbd",
    "xrechnung-cii": "ce8f257114eccb49d369a2c77c6cccd7d3cd9f1286e9ff158b543a1311182b2a",
    "xrechnung-ubl": "0cadcbde2eb320c2e7e83a8057b93bc48076e223dda36308e31704684ee9ecf3",
}
"""The XSLT files of the releases named above, as others who vendor them record them."""
KOSIT_RELEASE = (
    "https://github.com/itplr-kosit/xrechnung-schematron/releases/download/v{v}/xrechnung-{x}-schematron-{v}.zip"
)


@dataclass(frozen=True, slots=True)
class RuleSet:
    name: str
    """Folder name and the name results carry: en16931-cii, xrechnung-ubl, ..."""
    syntax: str
    """cii or ubl: the XML syntax the rules are written for."""
    title: str
    version: str
    url: str
    """The official release archive."""
    member: str
    """The XSLT's path inside that archive."""
    licence: str
    licence_member: str
    licence_url: str
    """The licence text at the release's tag, for an archive that does not carry it."""
    sha256: str
    """The released XSLT's SHA-256, as published with the release: a download that differs is refused."""

    @property
    def folder(self) -> Path:
        return RULES_DIR / self.name

    @property
    def xslt(self) -> Path:
        return self.folder / Path(self.member).name

    def installed(self) -> bool:
        return self.xslt.is_file()


def _cen(syntax: str) -> RuleSet:
    upper = syntax.upper()
    return RuleSet(
        name=f"en16931-{syntax}",
        syntax=syntax,
        title=f"CEN EN 16931 validation artefacts, {upper} syntax",
        version=CEN_VERSION,
        url=CEN_RELEASE.format(v=CEN_VERSION, s=syntax),
        member=f"xslt/EN16931-{upper}-validation.xslt",
        licence="EUPL-1.2",
        licence_member="LICENSE.txt",
        licence_url=CEN_LICENCE.format(v=CEN_VERSION),
        sha256=XSLT_SHA256[f"en16931-{syntax}"],
    )


def _kosit(syntax: str) -> RuleSet:
    upper = syntax.upper()
    return RuleSet(
        name=f"xrechnung-{syntax}",
        syntax=syntax,
        title=f"KoSIT XRechnung {XRECHNUNG_VERSION} schematron {KOSIT_VERSION} (with the Peppol rules it adopts), "
        f"{upper} syntax",
        version=f"{XRECHNUNG_VERSION}-schematron-{KOSIT_VERSION}",
        url=KOSIT_RELEASE.format(v=KOSIT_VERSION, x=XRECHNUNG_VERSION),
        member=f"schematron/{syntax}/XRechnung-{upper}-validation.xsl",
        licence="Apache-2.0",
        licence_member="LICENSE",
        licence_url=KOSIT_LICENCE.format(v=KOSIT_VERSION),
        sha256=XSLT_SHA256[f"xrechnung-{syntax}"],
    )


RULE_SETS: dict[str, RuleSet] = {r.name: r for r in (_cen("cii"), _cen("ubl"), _kosit("cii"), _kosit("ubl"))}
