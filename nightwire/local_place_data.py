"""Spellings of the Bangladeshi press for the names of the OCHA boundaries that
``reverse_geocode_bd`` ships (the local places of :mod:`nightwire.gazetteer_local`).

Only aliases: each maps a press spelling onto a place of the package's gazetteer, never a
coordinate (coordinates come only from a package's gazetteer).
"""

from __future__ import annotations

# Spellings of the Bangladeshi press for the names of the OCHA boundaries ("Jhenidah").
BANGLADESH_SPELLINGS: dict[str, str] = {
    "Jhenidah": "Jhenaidah",
    "Laxmipur": "Lakshmipur",
    "Lakshimpur": "Lakshmipur",
    "Hijla": "Hizla",
    "Gouripur": "Gauripur",
    "Mirsarai": "Mirsharai",
    "Astagram": "Austagram",
    "Shalika": "Shalikha",
}
