"""The demo company: who it is, the fixed data pools it draws from, its invoice history, large files for benchmarks."""
