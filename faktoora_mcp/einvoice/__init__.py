"""E-invoices checked by the official rules: CEN's EN 16931 and KoSIT's XRechnung validation artefacts on Saxon-HE.

``rulesets`` names the four rule sets and where their XSLT lives (``rules/<set>/``, filled by
``python -m faktoora_mcp.einvoice.update``); ``engine`` compiles them lazily, once, and runs them; ``svrl`` reads
Saxon's report into failed asserts.
"""
