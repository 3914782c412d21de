"""Saxon's SVRL report read into failed asserts: (id, flag, message, location)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
FATAL = "fatal"
DEFAULT_FLAG = FATAL
"""An assert without a flag is an error: the schematron standard has no lighter default."""


@dataclass(frozen=True, slots=True)
class FailedAssert:
    id: str
    flag: str
    """fatal, warning or information, as the rule set flags it."""
    message: str
    location: str
    rule_set: str

    @property
    def fatal(self) -> bool:
        return self.flag == FATAL

    def as_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "flag": self.flag,
            "message": self.message,
            "location": self.location,
            "ruleSet": self.rule_set,
        }


def failed_asserts(report: str, rule_set: str) -> list[FailedAssert]:
    """Every ``svrl:failed-assert`` (and ``successful-report``, which schematron also counts) in ``report``."""
    root = ET.fromstring(report)  # noqa: S314 - Saxon's own output, not an uploaded file
    found = []
    for kind in ("failed-assert", "successful-report"):
        for element in root.iter(f"{SVRL}{kind}"):
            text = element.find(f"{SVRL}text")
            message = " ".join((text.text or "").split()) if text is not None else ""
            found.append(
                FailedAssert(
                    id=element.get("id") or "",
                    flag=element.get("flag") or DEFAULT_FLAG,
                    message=message,
                    location=element.get("location") or "",
                    rule_set=rule_set,
                )
            )
    return found
