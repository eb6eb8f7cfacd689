"""Benchmarks and gold-standard evaluations (run as ``python -m bench.<name>``)."""
