"""Firing across Kashmir's Line of Control and Jammu's border, reported by sector
(sentences written for these tests in the style of ACLED's notes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from place_checks import near_place

from nightwire.border_sectors import SECTOR_DISTRICTS
from nightwire.event_model import Event
from nightwire.gazetteer import get_gazetteer


def test_every_sectors_district_is_in_its_country() -> None:
    for country, name in set(SECTOR_DISTRICTS.values()):
        place = get_gazetteer().resolve(name, {country: 1.0}, admin=True)
        assert place is not None and place.country_code == country, name
        assert place.precision in ("district", "town"), name


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        (
            "Pakistani troops resorted to firing on Indian posts along the LoC in Mankote "
            "sector on Tuesday night.",
            "IN",
            "Poonch",
        ),
        (
            "The troops of India and Pakistan targeted each other's positions on the Line of "
            "Control in Balakote area on Wednesday.",
            "IN",
            "Poonch",
        ),
        (
            "A civilian was severely injured in unprovoked firing by Indians on the Line of "
            "Control in Chirikot sector on Friday.",
            "PK",
            "Kotli",
        ),
        (
            "Indian Border Security Force started heavy shelling on Pakistani villages in the "
            "Charwah sector along the Sialkot Working Boundary.",
            "PK",
            "Sialkot",
        ),
    ],
)
def test_sector_is_placed_in_its_district(
    placed: Callable[[str], Event], text: str, country: str, name: str
) -> None:
    # The gazetteer has no Balakote, Mankote or Chirikot, and its only Charwah is an Indian
    # post office.
    e = placed(text)
    assert e.country_code == country and near_place(e, name, country, admin=True)


def test_sectors_listed_in_one_name_are_each_a_place(placed: Callable[[str], Event]) -> None:
    # The recogniser takes "R S Pura and Arnia" for one title; no other word says the front.
    e = placed(
        "Indian and Pakistani troops resorted to heavy firing and shelling in R S Pura and "
        "Arnia sectors on Friday night. 3 civilians were killed and 8 injured."
    )
    assert e.country_code == "IN" and near_place(e, "Jammu", "IN", admin=True)


def test_sector_the_gazetteer_knows_keeps_its_own_place(placed: Callable[[str], Event]) -> None:
    e = placed("Two soldiers were killed in firing along the Line of Control in Keran sector.")
    assert e.location == "Keran" and e.geo_precision == "town"
    assert not near_place(e, "Kupwara", "IN", admin=True)  # Keran itself, 60 km away


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # The front in another sentence: Rampur of Uttar Pradesh, not a sector of Uri.
        (
            "Indian troops committed a ceasefire violation along the LoC on Monday. Later two "
            "people were shot dead in Rampur, Uttar Pradesh.",
            "IN",
        ),
        # The front in the same sentence, but Balakot of Khyber Pakhtunkhwa is a town of the
        # other country, not written as a sector.
        (
            "Indian Air Force jets crossed the Line of Control and struck a militant camp in "
            "Balakot, Pakistan said, killing no one.",
            "PK",
        ),
    ],
)
def test_sector_names_off_the_front_are_towns(
    nlp_events: Callable[[str], list[Event]], text: str, country: str
) -> None:
    events = nlp_events(text)
    assert events and all(e.country_code == country for e in events)
    assert not any(near_place(e, "Poonch", "IN", admin=True) for e in events)
    assert not any(near_place(e, "Baramulla", "IN", admin=True) for e in events)


def test_two_armies_fight_in_the_storys_country(nlp_events: Callable[[str], list[Event]]) -> None:
    # The sentence names both countries: the event is in the one the story's town is in.
    events = nlp_events(
        "The military of India and Pakistan Thursday exchanged fire on Line of Control (LoC) "
        "by targeting each other's positions, officials said. Troopers on the two sides of "
        "divide fired small arms towards each other in frontier Jammu, Rajouri and Poonch "
        "districts."
    )
    assert events and all(e.country_code == "IN" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "One unidentified militant was killed during an encounter in the Haji Naka forest "
        "area in Kupwara.",
        "A militant was killed in cross-firing in Machil sector of Kupwara district.",
    ],
)
def test_kupwara_is_the_town_geonames_calls_kopawor(
    placed: Callable[[str], Event], text: str
) -> None:
    # GeoNames' "Kupwara" record lies 55 km south of the town (near Gulmarg).
    e = placed(text)
    assert near_place(e, "Kopawor", "IN") and not near_place(e, "Gulmarg", "IN")
