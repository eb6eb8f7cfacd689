"""Thin Prefect task wrappers over the plain stage functions in ``nightwire``."""
