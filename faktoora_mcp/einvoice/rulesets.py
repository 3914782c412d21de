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
    )


RULE_SETS: dict[str, RuleSet] = {r.name: r for r in (_cen("cii"), _cen("ubl"), _kosit("cii"), _kosit("ubl"))}
