"""Where events in a city's quarters go (sentences written for these tests in the style of
ACLED's notes on Bangladesh's national dailies)."""

from __future__ import annotations

from collections.abc import Callable
from importlib.util import find_spec

import pytest
from place_checks import near

from nightwire.event_model import Event
from nightwire.gazetteer import get_gazetteer

HAS_BD = find_spec("reverse_geocode_bd") is not None


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
        "Two garment workers were injured as assailants hurled a crude bomb at a bus in the "
        "capital's Mohammadpur on Tuesday morning.",
        "A Chhatra League activist was hacked to death at Matikata area of the city on Friday.",
    ],
)
def test_quarter_of_the_city_is_in_the_capital(placed: Callable[[str], Event], text: str) -> None:
    # Matikata and Mohammadpur are also villages hundreds of km from Dhaka.
    e = placed(text)
    assert e.country_code == "BD" and at_capital(e, "BD")


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_the_city_of_a_story_about_another_town(placed: Callable[[str], Event]) -> None:
    text = (
        "Police fired on Shibir activists in Sylhet on Sunday. Three crude bombs went off "
        "targeting police in the city's Bandarbazar area."
    )
    e = placed(text)
    assert not at_capital(e, "BD")


def test_weak_cue_does_not_hide_a_karachi_quarter(placed: Callable[[str], Event]) -> None:
    # "rangers" (lower case) is a weak cue of Thailand's deep south; Orangi Town is only in
    # Pakistan's post offices.
    e = placed(
        "Four militants were gunned down by police in a raid in Orangi Town after rangers "
        "discovered a bomb making facility."
    )
    assert e.location == "Orangi Town" and e.country_code == "PK"


def test_university_named_after_its_town(placed: Callable[[str], Event]) -> None:
    e = placed(
        "At least 15 activists of Bangladesh Chhatra League (BCL) Comilla University (CU) "
        "unit were injured in a clash between two factions on the campus on Friday."
    )
    comilla = get_gazetteer().resolve("Comilla", {"BD": 1.0})
    assert comilla is not None and comilla.latitude is not None
    assert comilla.longitude is not None
    assert e.country_code == "BD" and near(e, comilla.latitude, comilla.longitude)


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
