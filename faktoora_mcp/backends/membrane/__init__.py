"""The Membrane backend: Faktoora through Membrane, reached over a transport (`transport/`); the CLI owns login."""

from faktoora_mcp.backends.membrane.backend import INSTALL_ADVICE, MembraneBackend
from faktoora_mcp.backends.membrane.transport.process import CompletedRun, Runner, SubprocessRunner
from faktoora_mcp.backends.membrane.transport.tokens import MembraneAccess
from faktoora_mcp.redaction import redact

__all__ = [
    "INSTALL_ADVICE",
    "CompletedRun",
    "MembraneAccess",
    "MembraneBackend",
    "Runner",
    "SubprocessRunner",
    "redact",
]
