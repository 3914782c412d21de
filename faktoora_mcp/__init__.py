"""faktoora-mcp: Faktoora invoicing for AI agents over the Model Context Protocol."""

# A literal, read by hatchling at build time: importlib.metadata would add ~25 ms to every start-up.
__version__ = "0.1.0"
