"""Firing across Kashmir's Line of Control and Jammu's border, reported by sector
(sentences written for these tests in the style of ACLED's notes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from place_checks import near
from spacy.language import Language

from nightwire.border_sectors import SECTOR_DISTRICTS
from nightwire.event_model import Event
from nightwire.events import extract_events
from nightwire.gazetteer import Place, get_gazetteer


def district(country: str, name: str) -> Place:
    place = get_gazetteer().resolve(name, {country: 1.0}, admin=True)
    assert place is not None and place.latitude is not None
    return place


def at(e: Event, place: Place) -> bool:
    assert place.latitude is not None and place.longitude is not None
    return near(e, place.latitude, place.longitude)


def test_every_sectors_district_is_in_its_country() -> None:
    for country, name in set(SECTOR_DISTRICTS.values()):
        place = district(country, name)
        assert place.country_code == country, name
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
    # Balakote and Mankote have namesakes elsewhere in India, Chirikot and Charwah in India.
    e = placed(text)
    assert e.country_code == country and at(e, district(country, name))


def test_sectors_listed_in_one_name_are_each_a_place(placed: Callable[[str], Event]) -> None:
    # The recogniser takes "R S Pura and Arnia" for one title; no other word says the front.
    e = placed(
        "Indian and Pakistani troops resorted to heavy firing and shelling in R S Pura and "
        "Arnia sectors on Friday night. 3 civilians were killed and 8 injured."
    )
    assert e.country_code == "IN" and at(e, district("IN", "Jammu"))


def test_sector_the_gazetteer_knows_keeps_its_own_place(placed: Callable[[str], Event]) -> None:
    e = placed("Two soldiers were killed in firing along the Line of Control in Keran sector.")
    assert e.location == "Keran" and e.geo_precision == "town"
    assert not at(e, district("IN", "Kupwara"))  # Keran itself, 60 km from Kupwara


def test_sector_name_away_from_the_front_is_a_town(placed: Callable[[str], Event]) -> None:
    e = placed("A shopkeeper was shot dead by unidentified gunmen in Rampur on Friday.")
    assert not at(e, district("IN", "Baramulla"))


def test_two_armies_fight_in_the_storys_country(nlp: Language) -> None:
    # The sentence names both countries: the event is in the one the story's town is in.
    text = (
        "The military of India and Pakistan Thursday exchanged fire on Line of Control (LoC) "
        "by targeting each other's positions, officials said. Troopers on the two sides of "
        "divide fired small arms towards each other in frontier Jammu, Rajouri and Poonch "
        "districts."
    )
    events = extract_events(nlp(text), "t", None)
    assert events and all(e.country_code == "IN" for e in events)
