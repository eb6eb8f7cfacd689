"""The gazetteer's :class:`Place`, and local places below the towns of GeoNames.

Local places come from packages, per country, read from the installed package's data
files (never downloaded) and only for a country a document is about:

* Bangladesh (``reverse_geocode_bd``): the 5,160 unions and city wards of the OCHA
  administrative boundaries (2015), each with its upazila/thana, district and division;
  a union is placed at the mean of its outline's vertices, an upazila ("Shalikha",
  "Gulshan" thana) or a district ("Bogra") at the mean of its unions' places.

A package that is not installed gives no places. Spelling variants ("Mansehera" for Mansehra,
"Jhenidah" for Jhenaidah) meet on a consonant :func:`skeleton` of the folded name.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path
from typing import TypeVar

from nightwire.gazetteer_names import (
    _fold_many,
    fold_name,
    lookup_keys,
    strip_admin_suffix,
)

BD_FILE = "small_bangladesh_geojson_adm4_5160_unions_thanas.json"
PRECISION = {
    "city": "town",
    "city_alt": "town",
    "local": "town",
    "extra": "town",
    "district": "district",
    "admin1": "admin1",
}
MIN_SKELETON = 4  # shorter skeletons do not tell names apart
_VOWELS = re.compile(r"[aeiouyhw]+")
_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Place:
    """A resolved place: a GeoNames town, a district or admin1 (at its seat), a local
    place, or a country."""

    name: str  # GeoNames primary name, e.g. "Ar Ruţbah"
    country_code: str  # ISO 3166-1 alpha-2, e.g. "IQ"
    country: str  # e.g. "Iraq"
    latitude: float | None
    longitude: float | None
    population: int
    # "city", "city_alt" (matched on an alternate name only), "local" (a union or an
    # upazila of this module), "extra" (a supplementary place of
    # :mod:`nightwire.gazetteer_extra`: a township, a post office), "district", "admin1",
    # "country"
    feature: str
    geonameid: int | None = None
    admin1: str | None = None  # name of the first-order division, e.g. "Al Anbār"
    admin1_code: str | None = None  # GeoNames admin1 code with country, e.g. "IQ.01"
    # a local place's kind ("union", "upazila", "district") or a supplementary place's
    # ("township", "postal" ...)
    kind: str | None = None

    @property
    def precision(self) -> str:
        return PRECISION.get(self.feature, "country")


@dataclass(frozen=True)
class LocalPlace:
    name: str
    latitude: float
    longitude: float
    kind: str  # "union", "upazila", "district"
    district: str
    admin1: str  # the first-order division as the source spells it ("Khulna")


T = TypeVar("T")


def skeleton(key: str) -> str:
    """Consonants of a folded name, ``x`` as ``ks``, without ``h``/``w``/``y``, doubles
    collapsed: "mansehera" and "mansehra" -> "mnsr"."""
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", key.replace("x", "ks")))


def skeleton_key(cc: str, key: str) -> str:
    """Country, first letter and :func:`skeleton` of a folded name ("PK" "mansehra" ->
    "PKmmnsr"); empty when the skeleton is too short to tell names apart."""
    sk = skeleton(key)
    return f"{cc}{key[:1]}{sk}" if len(sk) >= MIN_SKELETON else ""


def spelling_key(text: str, cc: str) -> str:
    """The :func:`skeleton_key` of a written name in country ``cc``."""
    return skeleton_key(cc, fold_name(strip_admin_suffix(text)))


def spelt_alike(
    indexes: dict[str, dict[str, list[T]]],
    cc: str,
    key: str,
    named: Callable[[], Iterable[tuple[str, T]]],
) -> list[T]:
    """The values of country ``cc`` whose folded name has the :func:`skeleton_key`
    ``key`` (see :func:`spelling_key`). ``indexes`` keeps each country's index, built from
    ``named()`` (folded name, value) on the country's first query."""
    if not key:
        return []
    index = indexes.get(cc)
    if index is None:
        index = indexes[cc] = {}
        for name, value in named():
            if name_key := skeleton_key(cc, name):
                index.setdefault(name_key, []).append(value)
    return list(index.get(key, ()))


def _package_file(package: str, name: str) -> Path | None:
    """A data file of an installed package, found without importing the package."""
    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def _mean_point(geometry: Mapping[str, object]) -> tuple[float, float] | None:
    """(lat, lon) mean of the vertices of a Polygon's (or a MultiPolygon's first) ring."""
    coords = geometry.get("coordinates")
    if not isinstance(coords, list) or not coords:
        return None
    ring = coords[0][0] if geometry.get("type") == "MultiPolygon" else coords[0]
    if not ring:
        return None
    return (sum(p[1] for p in ring) / len(ring), sum(p[0] for p in ring) / len(ring))


def bangladesh(path: Path | None = None) -> list[LocalPlace]:
    """Bangladesh's districts, upazilas and unions (in that order: the first of equally
    ranked namesakes wins)."""
    path = path or _package_file("reverse_geocode_bd", BD_FILE)
    if path is None:
        return []
    features = json.loads(path.read_text(encoding="utf-8")).get("features", [])
    unions: list[LocalPlace] = []
    groups: dict[str, defaultdict[tuple[str, str, str], list[tuple[float, float]]]] = {
        "district": defaultdict(list),
        "upazila": defaultdict(list),
    }
    for feature in features:
        props = feature.get("properties") or {}
        point = _mean_point(feature.get("geometry") or {})
        names = [props.get(k) for k in ("ADM4_EN", "ADM3_EN", "ADM2_EN", "ADM1_EN")]
        if point is None or not all(isinstance(n, str) and n for n in names):
            continue
        union, upazila, district, division = (str(n) for n in names)
        unions.append(LocalPlace(union, point[0], point[1], "union", district, division))
        groups["upazila"][(upazila, district, division)].append(point)
        groups["district"][(district, district, division)].append(point)
    out: list[LocalPlace] = []
    for kind, group in groups.items():
        for (name, district, division), points in group.items():
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            out.append(LocalPlace(name, lat, lon, kind, district, division))
    return _spellings([*out, *unions])


def _spellings(places: list[LocalPlace]) -> list[LocalPlace]:
    """Also under the press's spellings: both halves of "Nesarabad (Swarupkati)", and
    :data:`~nightwire.local_place_data.BANGLADESH_SPELLINGS` ("Jhenidah")."""
    from nightwire.local_place_data import BANGLADESH_SPELLINGS

    by_name: dict[str, list[str]] = defaultdict(list)
    for alias, name in BANGLADESH_SPELLINGS.items():
        by_name[name].append(alias)
    extra: list[LocalPlace] = []
    for place in places:
        names = list(by_name.get(place.name, ()))
        if "(" in place.name:
            head, _, rest = place.name.partition("(")
            names += [head.strip(), rest.rstrip(")").strip()]
        extra += [replace(place, name=n) for n in names if n]
    return places + extra


LOADERS: dict[str, Callable[[], list[LocalPlace]]] = {"BD": bangladesh}


def load_local_places(country_code: str) -> list[LocalPlace]:
    """The local places of one country (ISO code); empty where there is no source."""
    loader = LOADERS.get(country_code)
    try:
        return loader() if loader is not None else []
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return []


class LocalIndex:
    """Per-country indexes, built on first use: local places by folded name, and towns
    and local places by :func:`skeleton`."""

    def __init__(
        self,
        loader: Callable[[str], list[LocalPlace]] | None,
        admin1_named: Callable[[str, str], tuple[str | None, str | None]],
        country_name: Callable[[str], str | None],
        towns_alike: Callable[[str], list[int]],
        town: Callable[[int], Place],
    ):
        self._loader = loader
        self._admin1_named = admin1_named
        self._country_name = country_name
        self._towns_alike = towns_alike
        self._town = town
        self._local: dict[str, dict[str, list[Place]]] = {}
        # Local places by skeleton; the towns' skeletons are the gazetteer's packed index.
        self._skeletons: dict[str, dict[str, list[Place]]] = {}

    def candidates(self, text: str, cc: str) -> list[Place]:
        index = self._local_index(cc)
        if not index:
            return []
        for key in lookup_keys(text):
            if hits := index.get(key, []):
                return hits
        return []

    def alike(self, text: str, cc: str) -> list[Place]:
        """Places whose :func:`skeleton` is that of ``text``, with its first letter."""

        def named() -> list[tuple[str, Place]]:
            return [(k, p) for k, places in self._local_index(cc).items() for p in places]

        key = spelling_key(text, cc)
        towns = [self._town(row) for row in self._towns_alike(key)] if key else []
        return towns + spelt_alike(self._skeletons, cc, key, named)

    def _local_index(self, cc: str) -> dict[str, list[Place]]:
        index = self._local.get(cc)
        if index is not None:
            return index
        index = self._local[cc] = {}
        rows = self._loader(cc) if self._loader is not None else []
        country = self._country_name(cc) or cc
        admin1: dict[str, tuple[str | None, str | None]] = {}
        for row, key in zip(rows, _fold_many([r.name for r in rows]), strict=True):
            if len(key) < 3:
                continue
            if row.admin1 not in admin1:
                admin1[row.admin1] = self._admin1_named(row.admin1, cc)
            name1, code1 = admin1[row.admin1]
            place = Place(
                row.name,
                cc,
                country,
                row.latitude,
                row.longitude,
                0,
                "local",
                None,
                name1,
                code1,
                row.kind,
            )
            index.setdefault(key, []).append(place)
        return index


def unambiguous(places: list[Place], weights: Mapping[str, float]) -> Place | None:
    """The last resort for a name: its namesakes in the document's best-weighted admin1
    (which must have some weight), if they all lie within half a degree of each other."""
    scored = [(weights.get(p.admin1_code or "", 0.0), p) for p in places]
    top = max((w for w, _ in scored), default=0.0)
    best = [p for w, p in scored if w == top and p.latitude is not None]
    if top <= 0 or not best:
        return None
    if not close_together(best):
        return None  # namesakes far apart: no telling which
    return replace(best[0], feature="city")


def close_together(places: list[Place], degrees: float = 0.5) -> bool:
    """Whether every place lies within ``degrees`` of the first in latitude and longitude."""
    lat, lon = places[0].latitude or 0.0, places[0].longitude or 0.0
    return all(
        abs((p.latitude or 0.0) - lat) <= degrees and abs((p.longitude or 0.0) - lon) <= degrees
        for p in places
    )
