"""Run the official rule sets on an invoice: compiled on first use, once per process, never at start-up.

Saxon-HE (``saxonche``) is imported and each XSLT compiled only when a validation is asked for (compiling the
CEN CII rules takes about half a second); the compiled stylesheets are kept for the life of the process. One lock
serialises Saxon: its Python objects are not documented as safe to share between threads, and the sandbox calls in
from worker threads. ``validate_async`` moves the whole run off the event loop.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread

from faktoora_mcp.einvoice.rulesets import RULE_SETS, UPDATE_COMMAND, RuleSet
from faktoora_mcp.einvoice.svrl import FATAL, FailedAssert, failed_asserts
from faktoora_mcp.errors import BackendUnavailable

CII_ROOT = "{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}CrossIndustryInvoice"
UBL_ROOTS = (
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice",
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote",
)
RULES_ERROR = "RULES-ERROR"
"""The id of the finding for a file on which the rules stop with an error (e.g. "NaN" where an amount belongs)."""
MAX_ERROR_CHARS = 500
XRECHNUNG_MARK = "xrechnung"
"""XRechnung's specification identifier (BT-24) names it: urn:...#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0."""


@dataclass(frozen=True, slots=True)
class Report:
    """The result of the rule sets run on one document."""

    rule_sets: tuple[str, ...]
    asserts: tuple[FailedAssert, ...] = field(default=())

    @property
    def fatal(self) -> list[FailedAssert]:
        return [a for a in self.asserts if a.fatal]

    @property
    def valid(self) -> bool:
        return not self.fatal


class RulesNotInstalled(BackendUnavailable):
    """The official XSLT is not on this machine."""


def syntax_of(root_tag: str) -> str | None:
    if root_tag == CII_ROOT:
        return "cii"
    return "ubl" if root_tag in UBL_ROOTS else None


def rule_sets_for(syntax: str, specification: str | None) -> list[RuleSet]:
    """EN 16931 for every invoice; XRechnung's rules too when the invoice says it is an XRechnung."""
    chosen = [RULE_SETS[f"en16931-{syntax}"]]
    if specification and XRECHNUNG_MARK in specification.lower():
        chosen.append(RULE_SETS[f"xrechnung-{syntax}"])
    return chosen


class Validator:
    """Compiles each rule set the first time it is used and runs it under one lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processor: Any = None
        self._compiled: dict[str, Any] = {}

    def run(self, xml: bytes, rule_sets: Iterable[RuleSet]) -> Report:
        chosen = list(rule_sets)
        missing = [r for r in chosen if not r.installed()]
        if missing:
            raise RulesNotInstalled(
                f"The official validation rules {', '.join(r.name for r in missing)} are not installed; "
                f"install them with `{UPDATE_COMMAND}`."
            )
        with self._lock:
            found = [a for r in chosen for a in self._run_one(xml, r)]
        return Report(tuple(r.name for r in chosen), tuple(found))

    def _run_one(self, xml: bytes, rule_set: RuleSet) -> list[FailedAssert]:
        """The failed asserts of one rule set; a file the rules cannot even evaluate is one fatal finding."""
        from saxonche import PySaxonApiError

        stylesheet = self._stylesheet(rule_set)  # a broken rules file is an installation fault: it propagates
        try:
            document = self._saxon().parse_xml(xml_text=xml.decode("utf-8"))
            return failed_asserts(stylesheet.transform_to_string(xdm_node=document), rule_set.name)
        except (PySaxonApiError, UnicodeDecodeError) as exc:
            text = " ".join(str(exc).split())[:MAX_ERROR_CHARS]
            return [
                FailedAssert(RULES_ERROR, FATAL, f"The rules could not evaluate this file: {text}", "", rule_set.name)
            ]

    def prepare(self, rule_sets: Iterable[RuleSet]) -> None:
        """Compile ``rule_sets`` now (those installed), e.g. before timing calls: it is a once-per-process cost."""
        with self._lock:
            for rule_set in rule_sets:
                if rule_set.installed():
                    self._stylesheet(rule_set)

    def compiled(self) -> list[str]:
        return sorted(self._compiled)

    def _saxon(self) -> Any:
        if self._processor is None:
            from saxonche import PySaxonProcessor  # a GraalVM native image: loaded only when validation is asked for

            self._processor = PySaxonProcessor(license=False)
        return self._processor

    def _stylesheet(self, rule_set: RuleSet) -> Any:
        if rule_set.name not in self._compiled:
            compiler = self._saxon().new_xslt30_processor()
            self._compiled[rule_set.name] = compiler.compile_stylesheet(stylesheet_file=str(rule_set.xslt))
        return self._compiled[rule_set.name]


VALIDATOR = Validator()
"""The process's validator: compiled stylesheets are worth keeping for as long as the server runs."""


def validate(xml: bytes, rule_sets: Sequence[str] | None = None, *, validator: Validator | None = None) -> Report:
    """Run ``rule_sets`` (by name; by default those that fit the document) on well-formed invoice XML."""
    validator = validator or VALIDATOR
    if rule_sets is not None:
        return validator.run(xml, [RULE_SETS[name] for name in rule_sets])
    root = ET.fromstring(xml)  # noqa: S314 - callers pass XML they made or parsed with defusedxml first
    syntax = syntax_of(root.tag)
    if syntax is None:
        raise ValueError(f"<{root.tag}> is neither a CII CrossIndustryInvoice nor a UBL Invoice or CreditNote")
    return validator.run(xml, rule_sets_for(syntax, _specification(root)))


async def validate_async(xml: bytes, rule_sets: Sequence[str] | None = None) -> Report:
    """``validate`` in a worker thread: compiling and running XSLT takes milliseconds to a second."""
    return await anyio.to_thread.run_sync(lambda: validate(xml, rule_sets))


def _specification(root: ET.Element) -> str | None:
    for element in root.iter():
        if element.tag.endswith("}CustomizationID") or (
            element.tag.endswith("}ID") and element.text and element.text.startswith("urn:cen.eu")
        ):
            return element.text
    return None
