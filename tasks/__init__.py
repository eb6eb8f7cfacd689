"""Thin Prefect task wrappers, one module per stage; the logic lives in ``nightwire``.

Caching is off on every task: inputs are large in-memory batches, and re-runs must
recompute the night.
"""
