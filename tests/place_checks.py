"""Checks shared by the location tests."""

from __future__ import annotations

from nightwire.event_model import Event


def near(event: Event, lat: float, lon: float, degrees: float = 0.3) -> bool:
    """Is the event placed within ``degrees`` of (``lat``, ``lon``)?"""
    assert event.latitude is not None and event.longitude is not None
    return abs(event.latitude - lat) <= degrees and abs(event.longitude - lon) <= degrees
