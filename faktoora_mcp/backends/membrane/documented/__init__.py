"""Faktoora's documented REST calls that Membrane's connector does not publish, sent through Membrane's proxy.

``endpoints.ENDPOINTS`` maps an action key to its route; ``invoicing`` writes invoices (``POST /invoices``, then the
status polled until the file is generated); ``calls`` is what a route needs from the backend and how it reads
Faktoora's answers. Nothing here knows which transport carries the request.
"""

from faktoora_mcp.backends.membrane.documented.endpoints import ENDPOINTS, Endpoint

__all__ = ["ENDPOINTS", "Endpoint"]
