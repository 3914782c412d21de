"""The Membrane backend: Faktoora through the Membrane CLI, which owns login and credentials."""

from faktoora_mcp.backends.membrane.backend import INSTALL_ADVICE, MembraneBackend
from faktoora_mcp.backends.membrane.output import redact
from faktoora_mcp.backends.membrane.process import CompletedRun, Runner, SubprocessRunner

__all__ = ["INSTALL_ADVICE", "CompletedRun", "MembraneBackend", "Runner", "SubprocessRunner", "redact"]
