"""Reports that name no place but say whose conflict it is: placed at that conflict's home
(sentences written for these tests in the style of ACLED's notes)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from place_checks import HAS_MM, near_place

from nightwire.event_model import Event


def test_thai_insurgent_group_says_the_deep_south(placed: Callable[[str], Event]) -> None:
    e = placed(
        "A member of the RKK, a suspect in a spate of attacks in Thailand, was killed in a "
        "clash with security forces at his father-in-law's house."
    )
    assert e.country_code == "TH" and near_place(e, "Raman", "TH")


def test_zarb_e_azb_is_in_north_waziristan(placed: Callable[[str], Event]) -> None:
    e = placed(
        "Six militants were killed in airstrikes by the Pakistan Air Force under operation "
        "Zarb-e-Azb, and two hideouts were destroyed."
    )
    assert e.country_code == "PK" and near_place(e, "North Waziristan", "PK", admin=True)


@pytest.mark.skipif(not HAS_MM, reason="mm_geo_coder (Wan Hai) is not installed")
def test_shan_state_army_north_fights_around_its_headquarters(
    placed: Callable[[str], Event],
) -> None:
    e = placed("Fighting between the Burma Army and the SSA-N was reported; two soldiers died.")
    assert e.country_code == "MM" and near_place(e, "Wan Hai", "MM")
