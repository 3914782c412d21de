"""The action table: every action the sandbox runs (the 20 and the extras), its JSON Schemas, and discovery."""
