"""The gazetteer's index of subdivisions: admin1 regions and districts by name, and their seats.

An admin1 region is placed at its most populous town, or at its capital where that is
another town (``ADMIN1_CAPITALS``: ACLED codes an event known only by its province there).

A district is placed at the town of its name in its admin1 (the district headquarters,
"Kupwara district" -> Kupwara) or at the headquarters ``DISTRICT_SEATS`` names ("Nadia" ->
Krishnanagar), else at its most populous town; districts with neither are
left out (no seat is typed in by hand: coordinates come only from a package's gazetteer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from nightwire.event_geo_names import ADMIN1_CAPITALS, DISTRICT_SEATS, Subdivision
from nightwire.gazetteer_names import (
    _admin_keys,
    _fold_many,
    _normalize_many,
    _strip_words,
    fold_name,
)

if TYPE_CHECKING:
    from nightwire.gazetteer import Gazetteer


def index_subdivisions(
    gaz: Gazetteer, subs: Sequence[Subdivision], sub_index: Mapping[str, int]
) -> None:
    """Fill ``gaz._admin_index`` (folded key -> [(level, index)]) and ``gaz._districts``."""
    for i, keyset in enumerate(_admin_keys(gaz._subs)):
        for key in keyset:
            gaz._admin_index.setdefault(key, []).append((1, i))
    districts = [s for s in subs if s.level == 2 and s.parent in sub_index]
    seats_by_key = {
        cc: dict(zip(_district_keys(list(named)), named.values(), strict=True))
        for cc, named in DISTRICT_SEATS.items()
    }
    by_gid = {gid: i for i, gid in enumerate(gaz._gid)} if districts else {}
    seat_keys = _district_keys([s.name for s in districts])
    for sub, seat_key, keyset in zip(districts, seat_keys, _admin_keys(districts), strict=True):
        parent = sub_index[sub.parent or ""]
        cc = (sub.parent or "").split(".")[0]
        headquarters = seats_by_key.get(cc, {}).get(seat_key)
        if headquarters is not None:  # "Nadia district" -> Krishnanagar, not Navadwip
            seat_key = fold_name(headquarters)
        hits = [h for h in gaz._lookup_indices(seat_key) if gaz._adm[h[0]] == parent]
        seat = max(hits, key=lambda h: (h[1], gaz._pop[h[0]]))[0] if hits else None
        if seat is None and sub.seat is not None:
            seat = by_gid.get(sub.seat)
        if seat is not None:
            gaz._districts.append((sub.name, seat, sub.geonameid))
            for key in keyset:
                gaz._admin_index.setdefault(key, []).append((2, len(gaz._districts) - 1))


def seat_capitals(gaz: Gazetteer, sub_index: Mapping[str, int]) -> None:
    """Seat the admin1 regions of ``ADMIN1_CAPITALS`` at their capital, found by name inside
    the region (a name not found leaves the most populous town)."""
    for code, capital in ADMIN1_CAPITALS.items():
        division = sub_index.get(code)
        town = gaz._town_named(capital, code.split(".")[0], division)
        if division is not None and town is not None:
            gaz._seats[division] = town


def _district_keys(names: list[str]) -> list[str]:
    """Folded district names without their type words ("Kurram District" -> "kuram")."""
    return _fold_many([" ".join(w) for w in _strip_words(_normalize_many(names))])
