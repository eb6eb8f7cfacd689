"""Reports that name no place but say whose conflict it is: placed at that conflict's home
(sentences written for these tests in the style of ACLED's notes)."""

from __future__ import annotations

from collections.abc import Callable

from place_checks import near

from nightwire.event_model import Event
from nightwire.gazetteer import get_gazetteer


def home(name: str, country: str) -> tuple[float, float]:
    place = get_gazetteer().resolve(name, {country: 1.0}, admin=True)
    assert place is not None and place.latitude is not None and place.longitude is not None
    return place.latitude, place.longitude


def test_thai_insurgent_group_says_the_deep_south(placed: Callable[[str], Event]) -> None:
    e = placed(
        "A member of the RKK, a suspect in a spate of attacks in Thailand, was killed in a "
        "clash with security forces at his father-in-law's house."
    )
    assert e.country_code == "TH" and near(e, *home("Raman", "TH"))


def test_zarb_e_azb_is_in_north_waziristan(placed: Callable[[str], Event]) -> None:
    e = placed(
        "Six militants were killed in airstrikes by the Pakistan Air Force under operation "
        "Zarb-e-Azb, and two hideouts were destroyed."
    )
    assert e.country_code == "PK" and near(e, *home("North Waziristan", "PK"))


def test_shan_state_army_north_fights_around_its_headquarters(
    placed: Callable[[str], Event],
) -> None:
    e = placed("Fighting between the Burma Army and the SSA-N was reported; two soldiers died.")
    assert e.country_code == "MM" and near(e, *home("Wan Hai", "MM"))
