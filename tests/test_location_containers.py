"""Places written with their container ("X village in Y upazila"): sentences written for
these tests in the style of ACLED's notes on Bangladesh."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from place_checks import HAS_BD, near_place

from nightwire.event_model import Event


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_village_in_an_unknown_locality_fits_the_town_beyond(
    placed: Callable[[str], Event],
) -> None:
    # Bandar is also an upazila of Narayanganj, 190 km from Meherpur.
    e = placed(
        "A local leader of BNP was killed in a gunfight with police at Bandar village in "
        "Shamshan ghat area of Meherpur Sadar upazila on Monday."
    )
    assert e.country_code == "BD" and near_place(e, "Meherpur", "BD")
