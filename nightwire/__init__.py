"""Nightwire: nightly batch ETL from raw news articles to validated event data."""

__version__ = "0.1.0"
