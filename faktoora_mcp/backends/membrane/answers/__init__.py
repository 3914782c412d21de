"""Reading what Membrane answered, whatever transport brought it: list and record envelopes (``envelope``),
tolerant schemas and the conformer (``conform``), manifest arguments as the live action takes them (``inputs``),
the live schemas and their drift from the manifests (``live``), and the catalogue cache file (``cache_file``)."""
