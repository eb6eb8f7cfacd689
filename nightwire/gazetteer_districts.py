"""The gazetteer's index of subdivisions: admin1 regions and districts by name.

A district is placed at the town of its name in its admin1 (the district headquarters,
"Kupwara district" -> Kupwara), else at its most populous town, else at the seat
:data:`nightwire.event_geo_names.DISTRICT_SEATS` gives (a tribal agency's headquarters);
districts with none of these are left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from nightwire.event_geo_names import DISTRICT_SEATS, Subdivision
from nightwire.gazetteer_local import Place
from nightwire.gazetteer_names import _admin_keys, _fold_many, _normalize_many, _strip_words

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
    by_gid = {gid: i for i, gid in enumerate(gaz._gid)} if districts else {}
    seat_keys = _fold_many([" ".join(w) for w in _strip_words(_normalize_many(
        [s.name for s in districts]))])  # fmt: skip
    for sub, seat_key, keyset in zip(districts, seat_keys, _admin_keys(districts), strict=True):
        parent = sub_index[sub.parent or ""]
        hits = [h for h in gaz._lookup_indices(seat_key) if gaz._adm[h[0]] == parent]
        seat: int | Place | None = None
        if hits:
            seat = max(hits, key=lambda h: (h[1], gaz._pop[h[0]]))[0]
        if seat is None and sub.seat is not None:
            seat = by_gid.get(sub.seat)
        if seat is None and (fixed := DISTRICT_SEATS.get(sub.code)) is not None:
            cc, head = sub.code.split(".")[0], gaz._subs[parent]
            country = gaz.country_name(cc) or cc
            seat = Place(fixed[0], cc, country, fixed[1], fixed[2], 0, "city", None,
                         head.name, head.code)  # fmt: skip
        if seat is not None:
            gaz._districts.append((sub.name, seat, sub.geonameid))
            for key in keyset:
                gaz._admin_index.setdefault(key, []).append((2, len(gaz._districts) - 1))
