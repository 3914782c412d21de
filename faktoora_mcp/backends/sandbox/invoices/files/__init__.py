"""The invoice's files: the EN 16931 / XRechnung CII XML (``cii``) and the German PDF/A-3 invoice (``pages``)."""
