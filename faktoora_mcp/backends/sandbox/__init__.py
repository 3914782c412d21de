"""The offline sandbox backend: a seeded demo company in SQLite, served like Faktoora.

Importing this package is cheap (stdlib and anyio); the database, python-stdnum and jsonschema are only
touched by the first call that needs them.
"""

from faktoora_mcp.backends.sandbox.backend import SandboxBackend, default_sandbox_path

__all__ = ["SandboxBackend", "default_sandbox_path"]
