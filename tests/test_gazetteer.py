"""The gazetteer: name folding, ranking rules (synthetic rows) and the real GeoNames index."""

from __future__ import annotations

from typing import Any

import pytest

from nightwire.gazetteer import Gazetteer, fold_name, get_gazetteer, normalize_name, resolve_place

COUNTRIES: list[dict[str, Any]] = [
    {"iso": "IQ", "iso3": "IRQ", "name": "Iraq"},
    {"iso": "SY", "iso3": "SYR", "name": "Syria"},
    {"iso": "US", "iso3": "USA", "name": "United States"},
    {"iso": "AU", "iso3": "AUS", "name": "Australia"},
    {"iso": "GB", "iso3": "GBR", "name": "United Kingdom"},
]


def city(gid: int, name: str, cc: str, pop: int, alts: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "geonameid": gid,
        "name": name,
        "countrycode": cc,
        "latitude": float(gid % 90),
        "longitude": float(gid % 180),
        "population": pop,
        "alternatenames": list(alts),
    }


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    """A hand-made gazetteer whose ranking outcomes are known."""
    cities = [
        city(1, "Ar Ruţbah", "IQ", 22370, ("Rutba", "Rutbah", "KIK", "الرطبة")),
        city(2, "Palmyra", "US", 7451),
        city(3, "Palmyra", "AU", 6737),
        city(4, "Tadmur", "SY", 51015, ("Palmyra", "Tadmor")),
        city(5, "Cashmere", "US", 3159, ("Kashmir",)),
        city(6, "Springfield", "US", 160000),
        city(7, "Springfield", "AU", 9000),
        city(8, "Al Qayyārah", "IQ", 0),
    ]
    return Gazetteer(cities, COUNTRIES)


@pytest.fixture(scope="module")
def real() -> Gazetteer:
    return get_gazetteer()


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("Ar Ruţbah", "ar rutbah"),
        ("Kirkūk", "kirkuk"),
        ("Tall ʿAfar", "tall afar"),
        ("Diyarbakır", "diyarbakir"),
        ("U.S.", "u s"),
        ("Ma'arrat al-Numan", "maarrat al numan"),
    ],
)
def test_normalize_name_folds_case_diacritics_and_punctuation(text: str, normalized: str) -> None:
    assert normalize_name(text) == normalized


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rutba", "Ar Ruţbah"),  # article, final h, diacritic
        ("Qayyarah", "Al-Qayyārah"),  # doubled letters, q/k via both sides
        ("Kirkouk", "Kirkuk"),  # ou -> u
        ("Tel Afar", "Telafar"),  # spaces
    ],
)
def test_fold_name_meets_common_transliterations(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


def test_fold_name_keeps_different_names_apart() -> None:
    assert fold_name("Mosul") != fold_name("Kirkuk")
    assert fold_name("Al") == "al"  # a lone article is a name, not a prefix


def test_alternate_transliteration_resolves_to_primary_name(small: Gazetteer) -> None:
    place = small.resolve("Rutba", {"IQ": 1.0})
    assert place is not None
    assert (place.name, place.country_code, place.country) == ("Ar Ruţbah", "IQ", "Iraq")
    assert place.feature == "city"


def test_codes_and_non_latin_alternates_are_not_indexed(small: Gazetteer) -> None:
    assert small.candidates("KIK") == ()
    assert small.candidates("الرطبة") == ()


def test_document_countries_beat_population_and_primary_name(small: Gazetteer) -> None:
    palmyra = small.resolve("Palmyra", {"SY": 2.0, "IQ": 5.0})
    assert palmyra is not None and palmyra.name == "Tadmur" and palmyra.country == "Syria"


def test_without_context_primary_name_then_population_wins(small: Gazetteer) -> None:
    assert [p.country_code for p in small.candidates("Palmyra")] == ["US", "AU", "SY"]
    springfield = small.resolve("Springfield")
    assert springfield is not None and springfield.country_code == "US"


def test_small_foreign_town_is_rejected_when_document_is_elsewhere(small: Gazetteer) -> None:
    # The document is about Iraq; a 7,000-people Palmyra in the US is a wrong match.
    assert small.resolve("Palmyra", {"IQ": 3.0}) is None
    # A big city abroad is still accepted.
    big = small.resolve("Springfield", {"IQ": 3.0})
    assert big is not None and big.population == 160000


def test_alternate_only_match_of_small_town_needs_context(small: Gazetteer) -> None:
    assert small.resolve("Kashmir") is None
    assert small.resolve("Kashmir", {"US": 1.0}) is not None


def test_countries_names_aliases_and_demonyms(small: Gazetteer) -> None:
    iraq = small.resolve("Iraq")
    assert iraq is not None and iraq.feature == "country" and iraq.latitude is None
    assert small.country_code("U.S.") == "US"
    assert small.country_code("the United Kingdom") == "GB"
    assert small.country_code("Britain") == "GB"
    assert small.country_code("Iraqi") == "IQ"
    assert small.country_code("Syrians") == "SY"
    assert small.country_code("Kurdish") is None
    # A demonym is not a country place.
    assert small.country("Iraqi") is None
    assert small.country_name("SY") == "Syria"


def test_unknown_name_resolves_to_none(small: Gazetteer) -> None:
    assert small.resolve("Tel Skof", {"IQ": 1.0}) is None
    assert small.candidates("") == ()


# -- the real GeoNames index ------------------------------------------------------------


def test_process_wide_gazetteer_is_built_once(real: Gazetteer) -> None:
    assert get_gazetteer() is real
    assert len(real) > 100_000


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("Kirkuk", 35.47, 44.39),
        ("Rutba", 33.04, 40.28),
        ("Mosul", 36.34, 43.12),
        ("Sadr City", 33.39, 44.46),
        ("Dibis", 35.67, 44.07),
    ],
)
def test_seed_towns_resolve_in_iraq(real: Gazetteer, name: str, lat: float, lon: float) -> None:
    place = real.resolve(name, {"IQ": 5.0})
    assert place is not None
    assert place.country == "Iraq"
    assert place.latitude == pytest.approx(lat, abs=0.02)
    assert place.longitude == pytest.approx(lon, abs=0.02)


def test_rutba_is_ar_rutbah_even_without_context(real: Gazetteer) -> None:
    place = resolve_place("Rutba")
    assert place is not None and place.country_code == "IQ" and place.name.startswith("Ar Ru")


def test_palmyra_follows_the_document(real: Gazetteer) -> None:
    syria = real.resolve("Palmyra", {"IQ": 5.0, "SY": 2.0})
    assert syria is not None and syria.country == "Syria"
    assert syria.latitude == pytest.approx(34.56, abs=0.05)


def test_province_name_does_not_become_a_foreign_village(real: Gazetteer) -> None:
    # GeoNames has an "Ambar" (alternate "Anbar") in Turkey: not Iraq's Anbar province.
    assert real.resolve("Anbar", {"IQ": 5.0}) is None
