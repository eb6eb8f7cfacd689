"""How much a place's own name says about the story's country (sentences written for these
tests in the style of ACLED's notes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from place_checks import HAS_BD, near_place

from nightwire.event_model import Event


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_village_abroad_does_not_outweigh_the_story(placed: Callable[[str], Event]) -> None:
    # Kuchai is also a union of Sylhet: alone it must not move a Jharkhand story there.
    e = placed(
        "A CoBRA jawan was injured in a fierce encounter between security forces and Maoists "
        "in Kuchai forest on the border of Saraikela-Kharsawa and Khunti districts."
    )
    assert e.country_code == "IN" and (e.admin1 or "").startswith("Jh")  # Jharkhand


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_border_village_of_a_well_attested_country(placed: Callable[[str], Event]) -> None:
    # The Indian BSF weighs India, but the story says Bangladesh too: Putkhali stays.
    e = placed(
        "A man was injured in an attack by members of Indian Border Security Force (BSF) in "
        "Putkhali border area of Jessore early Thursday while returning to Bangladesh."
    )
    assert e.country_code == "BD"


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_border_outpost_named_after_its_village(placed: Callable[[str], Event]) -> None:
    # "at Chilmari border": a place (the border by Chilmari), not an Indian force's country.
    e = placed("A schoolboy was shot dead by BSF at Chilmari border.")
    assert e.country_code == "BD" and e.location == "Chilmari"


@pytest.mark.parametrize(
    ("text", "name", "country", "admin"),
    [
        (
            "Three people were killed by a bomb in Sungai Golok district.",
            "Sungai Kolok",
            "TH",
            False,
        ),
        (
            "Militants attacked a passenger train in Bolan district, killing two.",
            "Kachhi",
            "PK",
            True,
        ),
        ("Two people were hacked to death in Netrokona on Monday.", "Netrakona", "BD", False),
    ],
)
def test_press_spelling_of_a_town(
    placed: Callable[[str], Event], text: str, name: str, country: str, admin: bool
) -> None:
    e = placed(text)
    assert e.country_code == country and near_place(e, name, country, admin=admin)


def test_place_along_which_troops_fire(placed: Callable[[str], Event]) -> None:
    # "Sialkot" is tagged a person; "along" is a locative preposition like "at" or "near".
    e = placed("Pakistani troops opened fire along the Sialkot border, injuring a woman.")
    assert e.country_code == "PK" and near_place(e, "Sialkot", "PK")
